import type { ReactNode, Ref, SelectHTMLAttributes } from 'react';
import { Field } from './Field';

export interface SelectFieldProps
  extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'required' | 'aria-invalid' | 'aria-describedby'> {
  label: string;
  required?: boolean;
  error?: string | null | undefined;
  hint?: string;
  id?: string;
  ref?: Ref<HTMLSelectElement>;
  children: ReactNode;
}

/** A native select inside a Field: label, red star, hint and the API's error beside it. */
export function SelectField({ label, required, error, hint, id, className, ref, children, ...select }: SelectFieldProps) {
  return (
    <Field label={label} required={required} error={error} hint={hint} id={id} className={className}>
      {(control) => (
        <select ref={ref} className="input select" {...select} {...control}>
          {children}
        </select>
      )}
    </Field>
  );
}
