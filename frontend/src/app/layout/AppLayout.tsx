import { lazy, Suspense, useEffect, useRef, useState, type MouseEvent } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useMe } from '@/features/auth';
import { NotificationsPanel, NotificationsToggle } from '@/features/notifications';
import { logoutEverywhere } from '@/features/auth/api/logout-all';
import { clearSession, useSession } from '@/lib/auth/session';
import { useT } from '@/lib/i18n';
import { links, paths } from '../paths';
import { LanguageSwitch } from './LanguageSwitch';
import { PageBoundary } from './PageBoundary';
import { anonymousNavItems, navItemsFor } from './navigation';

/** The warning before the session runs out: a chunk of its own, loaded only with a session. */
const SessionWarning = lazy(() => import('./SessionWarning').then((m) => ({ default: m.SessionWarning })));

function useFocusOnNavigation() {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    // After the new page has rendered, move focus to its heading (or main) so that keyboard and
    // screen reader users start at the new content.
    const frame = requestAnimationFrame(() => {
      const target = document.getElementById('page-title') ?? document.getElementById('main');
      target?.focus({ preventScroll: false });
    });
    return () => cancelAnimationFrame(frame);
  }, [pathname]);
}

export function AppLayout() {
  const t = useT();
  const session = useSession();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [notificationsOpen, setNotificationsOpen] = useState(false);
  const { pathname } = useLocation();
  useFocusOnNavigation();

  const [menuOpen, setMenuOpen] = useState(false);
  // Following a link (in the panel or elsewhere) closes the notifications and the folded menu.
  useEffect(() => {
    setNotificationsOpen(false);
    setMenuOpen(false);
  }, [pathname]);

  function closeNotifications(returnFocus: boolean) {
    setNotificationsOpen(false);
    if (returnFocus) requestAnimationFrame(() => document.getElementById('notifications-toggle')?.focus());
  }

  const items = session ? (me.data ? navItemsFor(me.data) : []) : anonymousNavItems;

  function logout() {
    setNotificationsOpen(false);
    clearSession('logout');
    // A deliberate logout keeps nothing of an order being written (see kept-draft.ts).
    try {
      sessionStorage.removeItem('sesam.orderDraft');
    } catch {
      // storage unavailable: nothing was kept
    }
    queryClient.clear();
    navigate(paths.login);
  }

  /** Rule 18: every session of the account ends, on every device; then this one as a logout. */
  async function logoutAll() {
    try {
      await logoutEverywhere();
    } finally {
      logout();
    }
  }

  function skipToMain(event: MouseEvent<HTMLAnchorElement>) {
    event.preventDefault();
    document.getElementById('main')?.focus();
  }

  return (
    <div className="app">
      <a className="skip-link" href="#main" onClick={skipToMain}>
        {t('app.skipToContent')}
      </a>
      <header className="site-header">
        <div className="site-header__bar container">
          <Link to={session ? paths.home : paths.catalogue} className="brand">
            <span className="brand__name">{t('app.name')}</span>
            <span className="brand__tagline">{t('app.tagline')}</span>
          </Link>
          <div className="site-header__tools">
            {session && me.data && <span className="site-header__user">{t('app.loggedInAs', { name: me.data.name })}</span>}
            {session && me.data && (
              <NotificationsToggle open={notificationsOpen} onToggle={() => setNotificationsOpen((open) => !open)} />
            )}
            <LanguageSwitch />
          </div>
        </div>
        {session && notificationsOpen && <NotificationsPanel onClose={closeNotifications} orderHref={links.order} reviewHref={links.review} />}
        <nav className="main-nav" aria-label={t('app.mainNav')}>
          {/* Narrow screens and 200 % zoom: the menu folds behind one button. */}
          <div className="container main-nav__bar">
            <button
              type="button"
              className="main-nav__toggle"
              aria-expanded={menuOpen}
              aria-controls="main-nav-list"
              onClick={() => setMenuOpen((open) => !open)}
            >
              {t('nav.menu')}
            </button>
          </div>
          <ul id="main-nav-list" className="main-nav__list container" data-open={menuOpen}>
            {items.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.end ?? true} className="main-nav__link">
                  {t(item.label)}
                </NavLink>
              </li>
            ))}
            {session && (
              <li className="main-nav__logout">
                <button type="button" className="main-nav__link main-nav__button" onClick={logout}>
                  {t('nav.logout')}
                </button>
              </li>
            )}
            {session && (
              <li className="main-nav__logout">
                <button type="button" className="main-nav__link main-nav__button" onClick={() => void logoutAll()}>
                  {t('logoutAll.button')}
                </button>
              </li>
            )}
          </ul>
        </nav>
      </header>
      {session && (
        <Suspense fallback={null}>
          <SessionWarning />
        </Suspense>
      )}
      <main id="main" tabIndex={-1} className="container main">
        <PageBoundary>
          <Outlet />
        </PageBoundary>
      </main>
      <footer className="site-footer">
        <div className="container">
          <ul className="site-footer__links">
            <li>
              <Link to={paths.accessibility}>{t('nav.accessibility')}</Link>
            </li>
          </ul>
        </div>
      </footer>
    </div>
  );
}
