import { ApiError } from '@/lib/api';
import { useT } from '@/lib/i18n';
import { Alert } from './Alert';
import { errorText } from './ErrorMessage';

export interface FormErrorProps {
  error: unknown;
  title?: string;
  /** Plain-language texts for problem codes this form knows (`already_exists`, `last_orderer`, …). */
  messages?: Partial<Record<string, string>>;
  /** Labels of the form's fields by JSON path, for the list of field errors. */
  fieldLabels?: Partial<Record<string, string>>;
  id?: string;
}

/**
 * The summary of a failed submission, announced as an alert: the API's problem in words, and for a
 * 422 every field error it reported (also those with no field of their own in the form), each with
 * the label of its field. The same messages stand beside the fields themselves.
 */
export function FormError({ error, title, messages, fieldLabels, id }: FormErrorProps) {
  const t = useT();
  if (!error) return null;
  const fieldProblems = error instanceof ApiError ? (error.problem?.errors ?? []) : [];
  return (
    <Alert tone="error" title={title ?? t('form.failed')} id={id}>
      <p>{errorText(error, t, messages)}</p>
      {fieldProblems.length > 0 && (
        <ul className="form-error__list">
          {fieldProblems.map((problem, index) => {
            const label = labelFor(problem.field, fieldLabels);
            return <li key={`${problem.field}-${index}`}>{label ? `${label}: ${problem.message}` : problem.message}</li>;
          })}
        </ul>
      )}
    </Alert>
  );
}

function labelFor(field: string, labels: Partial<Record<string, string>> | undefined): string | undefined {
  if (!labels) return undefined;
  if (labels[field]) return labels[field];
  // `allowed_values.profession[2]` falls back to the label of `allowed_values.profession`.
  const match = Object.keys(labels)
    .filter((path) => field.startsWith(`${path}.`) || field.startsWith(`${path}[`))
    .sort((a, b) => b.length - a.length)[0];
  return match ? labels[match] : undefined;
}

/**
 * Moves focus to the first field the API refused, once the form shows the errors. For a refused
 * group (a fieldset of checkboxes or radio buttons) that is the group's first control. The errors may
 * be rendered a little after the failure is known (TanStack Query tells its observers on a later
 * tick): it looks again on each next frame until a refused field is there, for up to `withinMs`
 * (a count of frames would run out first on a busy machine).
 */
export function focusFirstInvalid(form: HTMLElement | null, withinMs = 2000) {
  const deadline = performance.now() + withinMs;
  const attempt = () => {
    const first = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (!first) {
      if (performance.now() < deadline && form?.isConnected) requestAnimationFrame(attempt);
      return;
    }
    if (first instanceof HTMLFieldSetElement) {
      first.querySelector<HTMLElement>('input, select, textarea, button')?.focus();
    } else {
      first.focus();
    }
  };
  requestAnimationFrame(attempt);
}
