import { ApiError } from '@/lib/api';
import { useT, type Translate } from '@/lib/i18n';
import { Alert } from './Alert';

/** The words to show for a failed request: the API's own detail when it gave one. */
export function errorText(error: unknown, t: Translate): string {
  if (error instanceof ApiError) {
    return error.problem?.detail || error.problem?.title || t('error.unexpected');
  }
  if (error instanceof TypeError) return t('error.network');
  return t('error.unexpected');
}

export function ErrorMessage({ error, title }: { error: unknown; title?: string }) {
  const t = useT();
  return (
    <Alert tone="error" title={title ?? t('error.title')}>
      <p>{errorText(error, t)}</p>
    </Alert>
  );
}
