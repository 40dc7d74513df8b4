import { useId, type InputHTMLAttributes, type Ref } from 'react';

export interface CheckboxProps
  extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'type' | 'aria-invalid' | 'aria-describedby'> {
  label: string;
  hint?: string;
  error?: string | null | undefined;
  id?: string;
  ref?: Ref<HTMLInputElement>;
}

/**
 * One checkbox with its label after it (a larger click target than the box alone). A hint and the
 * API's error are tied to it by aria-describedby, the error also by aria-invalid.
 */
export function Checkbox({ label, hint, error, id, className, ref, ...input }: CheckboxProps) {
  const generated = `c${useId().replace(/:/g, '')}`;
  const controlId = id ?? generated;
  const hintId = `${controlId}-hint`;
  const errorId = `${controlId}-error`;
  const describedBy = [hint && hintId, error && errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={['checkbox', error ? 'checkbox--invalid' : '', className ?? ''].filter(Boolean).join(' ')}>
      <input
        ref={ref}
        type="checkbox"
        id={controlId}
        className="checkbox__input"
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        {...input}
      />
      <label htmlFor={controlId} className="checkbox__label">
        {label}
      </label>
      {hint && (
        <p id={hintId} className="field__hint checkbox__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field__error checkbox__hint">
          <span aria-hidden="true" className="field__error-icon">
            !
          </span>{' '}
          {error}
        </p>
      )}
    </div>
  );
}
