import { Page } from '@/components';
import { useT } from '@/lib/i18n';
import { WithMe } from './guards';

export function HomeRoute() {
  const t = useT();
  return (
    <WithMe>
      {(me) => (
        <Page title={t('home.title', { name: me.name })}>
          {me.roles.includes('admin') && <p>{t('home.roleAdmin')}</p>}
          {me.roles.includes('it') && <p>{t('home.roleIt')}</p>}
          {me.ordering_rights.length > 0 ? (
            <>
              <p>{t('home.orderingRights')}</p>
              <ul>
                {me.ordering_rights.map((right) => (
                  <li key={right.provider_id}>{right.provider_name}</li>
                ))}
              </ul>
            </>
          ) : (
            me.roles.length === 0 && <p>{t('home.noOrderingRight')}</p>
          )}
          <p>{t('home.chooseBelow')}</p>
        </Page>
      )}
    </WithMe>
  );
}
