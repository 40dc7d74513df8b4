import type { InputHTMLAttributes, Ref } from 'react';
import { Field } from './Field';

export interface TextFieldProps
  extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'required' | 'aria-invalid' | 'aria-describedby'> {
  label: string;
  required?: boolean;
  error?: string | null | undefined;
  hint?: string;
  id?: string;
  ref?: Ref<HTMLInputElement>;
}

/** A text input inside a Field. Mandatory-ness is shown (star, aria-required), not enforced by the browser. */
export function TextField({ label, required, error, hint, id, className, ref, ...input }: TextFieldProps) {
  return (
    <Field label={label} required={required} error={error} hint={hint} id={id} className={className}>
      {(control) => <input ref={ref} className="input" type="text" {...input} {...control} />}
    </Field>
  );
}
