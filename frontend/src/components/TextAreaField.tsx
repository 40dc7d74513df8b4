import type { Ref, TextareaHTMLAttributes } from 'react';
import { Field } from './Field';

export interface TextAreaFieldProps
  extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'required' | 'aria-invalid' | 'aria-describedby'> {
  label: string;
  required?: boolean;
  error?: string | null | undefined;
  hint?: string;
  id?: string;
  ref?: Ref<HTMLTextAreaElement>;
}

/** A multi-line text input inside a Field. */
export function TextAreaField({ label, required, error, hint, id, className, ref, rows = 3, ...textarea }: TextAreaFieldProps) {
  return (
    <Field label={label} required={required} error={error} hint={hint} id={id} className={className}>
      {(control) => <textarea ref={ref} className="input textarea" rows={rows} {...textarea} {...control} />}
    </Field>
  );
}
