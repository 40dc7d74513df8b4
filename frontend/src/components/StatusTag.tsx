import { useT } from '@/lib/i18n';

/** "Aktiv" or "Inaktiv" (or the caller's words for them), in text: never colour alone. */
export function StatusTag({
  active,
  activeLabel,
  inactiveLabel,
}: {
  active: boolean;
  activeLabel?: string;
  inactiveLabel?: string;
}) {
  const t = useT();
  return (
    <span className={active ? 'tag tag--active' : 'tag tag--inactive'}>
      {active ? (activeLabel ?? t('common.active')) : (inactiveLabel ?? t('common.inactive'))}
    </span>
  );
}
