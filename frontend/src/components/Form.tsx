import type { FormEvent, ReactNode } from 'react';
import { useT } from '@/lib/i18n';
import { Button } from './Button';
import { FormError } from './FormError';
import type { FormMutation } from './useFormMutation';

export interface FormProps {
  /** The mutation the form sends (`useFormMutation`): its ref, its failure and its pending state. */
  form: Pick<FormMutation<unknown, never>, 'formRef' | 'error' | 'messages' | 'pending'>;
  /** Called on submit, never while busy (the browser's own checks are off: the API says what is wrong). */
  onSubmit: () => void;
  submitLabel: string;
  /** The submit button's busy state, when more than the form's one mutation is under way. */
  busy?: boolean;
  /** A secondary "Avbryt" beside the submit button (dialogs). */
  onCancel?: () => void;
  /** The summary's title (default "Det gick inte att spara"). */
  errorTitle?: string;
  /** Labels of the form's fields by JSON path, for the summary's list of field errors. */
  fieldLabels?: Partial<Record<string, string>>;
  /** Before the summary, e.g. what the form does. */
  intro?: ReactNode;
  /** After the summary, e.g. that the last attempt was saved. */
  notice?: ReactNode;
  /** `form--narrow` or `form--medium`. */
  className?: string;
  /** The fields, each with its error from `form.errors`. */
  children: ReactNode;
}

/**
 * A form that a mutation sends: the summary of a refused submission (announced, every field error
 * listed), the fields, and the submit button, busy while the request is under way.
 */
export function Form({
  form,
  onSubmit,
  submitLabel,
  busy,
  onCancel,
  errorTitle,
  fieldLabels,
  intro,
  notice,
  className,
  children,
}: FormProps) {
  const t = useT();
  const pending = busy ?? form.pending;
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!pending) onSubmit();
  }
  const button = (
    <Button type="submit" busy={pending}>
      {submitLabel}
    </Button>
  );
  return (
    <form ref={form.formRef} className={['form', className ?? ''].filter(Boolean).join(' ')} noValidate onSubmit={submit}>
      {intro}
      <FormError error={form.error} title={errorTitle} messages={form.messages} fieldLabels={fieldLabels} />
      {notice}
      {children}
      {onCancel ? (
        <div className="dialog__actions">
          {button}
          <Button variant="secondary" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        </div>
      ) : (
        button
      )}
    </form>
  );
}
