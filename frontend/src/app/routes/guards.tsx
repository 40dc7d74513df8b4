import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ErrorMessage, Loading, Page } from '@/components';
import { useMe, type Me } from '@/features/auth';
import { getEndReason, useSession } from '@/lib/auth/session';
import { useT } from '@/lib/i18n';
import { paths } from '../paths';

/** Pages for logged-in users: anyone else is sent to the login page, and back here afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (!session) {
    // Back here after logging in, unless the user just logged out here: the next login starts afresh.
    const state = getEndReason() === 'logout' ? null : { from: location.pathname + location.search };
    return <Navigate to={paths.login} replace state={state} />;
  }
  return <>{children}</>;
}

/** Renders its children with the account once `GET /me` has answered, and only if `allow` says yes. */
export function WithMe({ allow, children }: { allow?: (me: Me) => boolean; children: (me: Me) => ReactNode }) {
  const me = useMe();
  const t = useT();
  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorMessage error={me.error} />;
  if (allow && !allow(me.data)) {
    return (
      <Page title={t('forbidden.title')}>
        <p>{t('forbidden.body')}</p>
      </Page>
    );
  }
  return <>{children(me.data)}</>;
}

export const isOrderer = (me: Me) => me.ordering_rights.length > 0;
export const hasRole = (role: Me['roles'][number]) => (me: Me) => me.roles.includes(role);
export const anyOf =
  (...checks: ((me: Me) => boolean)[]) =>
  (me: Me) =>
    checks.some((check) => check(me));
