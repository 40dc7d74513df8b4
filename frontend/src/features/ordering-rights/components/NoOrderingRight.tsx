import { useT } from '@/lib/i18n';

/**
 * For an account without an ordering right: how to get one. Asking for it in Sesam
 * (`POST /providers/{id}/ordering-right-requests`) comes with that API; the form goes in the slot below.
 */
export function NoOrderingRight() {
  const t = useT();
  return (
    <>
      <p className="lead">{t('orderingRights.noRight')}</p>
      <p>{t('orderingRights.noRightHow')}</p>
      {/* Slot: the request form ("Begär beställningsrätt") once the ordering-right-requests API is merged. */}
      <div data-slot="ordering-right-request" hidden />
    </>
  );
}
