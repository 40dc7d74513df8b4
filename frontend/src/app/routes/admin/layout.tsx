import { NavLink, Outlet } from 'react-router';
import { useT, type MessageKey } from '@/lib/i18n';
import { paths } from '../../paths';
import { hasRole, WithMe } from '../guards';

const sections: { to: string; label: MessageKey; end?: boolean }[] = [
  { to: paths.admin, label: 'admin.nav.overview', end: true },
  { to: paths.adminProviders, label: 'admin.nav.providers' },
  { to: paths.adminSystems, label: 'admin.nav.systems' },
  { to: paths.adminAccounts, label: 'admin.nav.accounts' },
  { to: paths.adminWebhooks, label: 'admin.nav.webhooks' },
];

/** Support's administration: its own menu above each of its pages. */
export function AdminLayout() {
  const t = useT();
  return (
    <WithMe allow={hasRole('admin')}>
      {() => (
        <>
          <nav className="sub-nav" aria-label={t('admin.nav.label')}>
            <ul className="sub-nav__list">
              {sections.map((s) => (
                <li key={s.to}>
                  <NavLink to={s.to} end={s.end ?? false} className="sub-nav__link">
                    {t(s.label)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <Outlet />
        </>
      )}
    </WithMe>
  );
}
