import { lazy, Suspense } from 'react';
import { Loading, Page } from '@/components';
import { useT } from '@/lib/i18n';
import { WithMe } from './guards';

/** Att göra is a chunk of its own: the login page carries none of it. */
const WorkRoute = lazy(() => import('./work').then((m) => ({ default: m.WorkRoute })));

export function HomeRoute() {
  const t = useT();
  return (
    <WithMe>
      {(me) => (
        <Page title={t('home.title', { name: me.name })}>
          {me.ordering_rights.length > 0 || me.roles.length > 0 ? (
            <Suspense fallback={<Loading />}>
              <WorkRoute me={me} />
            </Suspense>
          ) : (
            <p>{t('home.noOrderingRight')}</p>
          )}
          {me.ordering_rights.length > 0 && (
            <>
              <p>{t('home.orderingRights')}</p>
              <ul>
                {me.ordering_rights.map((right) => (
                  <li key={right.provider_id}>{right.provider_name}</li>
                ))}
              </ul>
            </>
          )}
          <p>{t('home.chooseBelow')}</p>
        </Page>
      )}
    </WithMe>
  );
}
