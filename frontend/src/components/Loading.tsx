import { useT } from '@/lib/i18n';

export function Loading({ label }: { label?: string }) {
  const t = useT();
  return (
    <p className="loading" role="status">
      <span className="loading__spinner" aria-hidden="true" />
      {label ?? t('app.loading')}
    </p>
  );
}
