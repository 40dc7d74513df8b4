import { ApiError } from '@/lib/api';
import { useT, type Translate } from '@/lib/i18n';
import { Alert } from './Alert';

/**
 * The words to show for a failed request: the caller's own text for a problem code it knows (the API's
 * details for conflicts are not always in the user's language), else the API's detail when it gave one.
 */
export function errorText(error: unknown, t: Translate, messages?: Partial<Record<string, string>>): string {
  if (error instanceof ApiError) {
    const own = error.code ? messages?.[error.code] : undefined;
    if (own) return own;
    if (error.status === 403 && !error.problem?.detail) return t('error.forbidden');
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
