import { useId, type InputHTMLAttributes } from 'react';

export interface RadioProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'type'> {
  label: string;
  hint?: string;
}

/** One radio button with its label after it; put several in a FieldGroup with role="radiogroup". */
export function Radio({ label, hint, className, ...input }: RadioProps) {
  const id = `r${useId().replace(/:/g, '')}`;
  return (
    <div className={['checkbox', 'radio', className ?? ''].filter(Boolean).join(' ')}>
      <input type="radio" id={id} className="checkbox__input" aria-describedby={hint ? `${id}-hint` : undefined} {...input} />
      <label htmlFor={id} className="checkbox__label">
        {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="field__hint checkbox__hint">
          {hint}
        </p>
      )}
    </div>
  );
}
