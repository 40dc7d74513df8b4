import { useId, type ReactNode } from 'react';
import { useT } from '@/lib/i18n';
import { RequiredMark } from './RequiredMark';

export interface FieldGroupProps {
  /** The legend: the accessible name of the group (radio group or checkbox group). */
  legend: string;
  required?: boolean;
  error?: string | null | undefined;
  hint?: string;
  /** `radiogroup` makes a set of radio buttons a named radio group. */
  role?: 'radiogroup' | 'group';
  children: ReactNode;
}

/** A fieldset with a legend, the red star when mandatory and the API's error for the whole group. */
export function FieldGroup({ legend, required, error, hint, role, children }: FieldGroupProps) {
  const id = `g${useId().replace(/:/g, '')}`;
  const t = useT();
  const describedBy = [required && `${id}-required`, hint && `${id}-hint`, error && `${id}-error`]
    .filter(Boolean)
    .join(' ');
  return (
    <fieldset
      className={error ? 'field-group field-group--invalid' : 'field-group'}
      role={role}
      aria-describedby={describedBy || undefined}
      aria-invalid={error ? true : undefined}
      aria-required={required && role === 'radiogroup' ? true : undefined}
    >
      <legend className="field__label">
        {legend}
        {required && <RequiredMark />}
      </legend>
      {required && (
        <span id={`${id}-required`} className="visually-hidden">
          {t('field.required')}
        </span>
      )}
      {hint && (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field__error">
          <span aria-hidden="true" className="field__error-icon">
            !
          </span>{' '}
          {error}
        </p>
      )}
      {children}
    </fieldset>
  );
}
