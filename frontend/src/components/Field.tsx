import { useId, type ReactNode } from 'react';
import { useT } from '@/lib/i18n';
import { RequiredMark } from './RequiredMark';

/** What a form control inside a Field must spread onto itself. */
export interface ControlProps {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
  'aria-required'?: true;
}

export interface FieldProps {
  /** The visible label, which is also the control's accessible name (without the star). */
  label: string;
  required?: boolean;
  /** The message to show beside the field, typically the API's message for it. */
  error?: string | null | undefined;
  hint?: string;
  id?: string;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}

/**
 * A labelled form control. A required field shows a red star that screen readers hear as
 * "obligatoriskt": the star itself is hidden from them and sits just outside the <label>, and the
 * word is in the field's description (with aria-required), so the accessible name and the label
 * text stay exactly the label. An error is tied to the control with
 * aria-invalid and aria-describedby.
 */
export function Field({ label, required, error, hint, id, className, children }: FieldProps) {
  const generated = useId();
  const controlId = id ?? `f${generated.replace(/:/g, '')}`;
  const requiredId = `${controlId}-required`;
  const hintId = `${controlId}-hint`;
  const errorId = `${controlId}-error`;
  const t = useT();

  const describedBy = [required && requiredId, hint && hintId, error && errorId].filter(Boolean).join(' ');
  const control: ControlProps = { id: controlId };
  if (describedBy) control['aria-describedby'] = describedBy;
  if (error) control['aria-invalid'] = true;
  if (required) control['aria-required'] = true;

  return (
    <div className={['field', error ? 'field--invalid' : '', className ?? ''].filter(Boolean).join(' ')}>
      <div className="field__label-row">
        <label htmlFor={controlId} className="field__label">
          {label}
        </label>
        {required && <RequiredMark />}
      </div>
      {required && (
        <span id={requiredId} className="visually-hidden">
          {t('field.required')}
        </span>
      )}
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field__error">
          <span aria-hidden="true" className="field__error-icon">
            !
          </span>{' '}
          {error}
        </p>
      )}
      {children(control)}
    </div>
  );
}
