import { lazy, type ComponentType, type ReactNode } from 'react';
import { useRoutes, type RouteObject } from 'react-router';
import { AppLayout } from './layout/AppLayout';
import { paths } from './paths';
import { RequireAuth } from './routes/guards';
import { HomeRoute } from './routes/home';
import { LoginRoute } from './routes/login';
import { NotFoundRoute } from './routes/not-found';

function authed(element: ReactNode) {
  return <RequireAuth>{element}</RequireAuth>;
}

/**
 * A page whose code is a chunk of its own, fetched on its first visit: the login page (the first
 * thing most people load) carries none of the others. The layout shows "Laddar …" meanwhile on a
 * first load; a navigation keeps the page before until the next one can show (the router moves in
 * a transition).
 */
function lazyPage<M>(load: () => Promise<M>, pick: (module: M) => ComponentType): ComponentType {
  return lazy(() => load().then((module) => ({ default: pick(module) })));
}

const orders = () => import('./routes/orders');
const admin = () => import('./routes/admin/pages');

const CatalogueRoute = lazyPage(() => import('./routes/catalogue'), (m) => m.CatalogueRoute);
const AccessibilityRoute = lazyPage(() => import('./routes/accessibility'), (m) => m.AccessibilityRoute);
const NewOrderRoute = lazyPage(orders, (m) => m.NewOrderRoute);
const OrdersRoute = lazyPage(orders, (m) => m.OrdersRoute);
const OrderRoute = lazyPage(orders, (m) => m.OrderRoute);
const EditOrderRoute = lazyPage(orders, (m) => m.EditOrderRoute);
const ItQueueRoute = lazyPage(orders, (m) => m.ItQueueRoute);
const ExpertUsersRoute = lazyPage(() => import('./routes/expert-users'), (m) => m.ExpertUsersRoute);
const OrderingRightsRoute = lazyPage(() => import('./routes/ordering-rights'), (m) => m.OrderingRightsRoute);
const HoldingsRoute = lazyPage(() => import('./routes/holdings'), (m) => m.HoldingsRoute);
const ReviewsRoute = lazyPage(() => import('./routes/reviews'), (m) => m.ReviewsRoute);
const ReviewRoute = lazyPage(() => import('./routes/reviews'), (m) => m.ReviewRoute);
const passwordPages = () => import('./routes/password');
const ActivateRoute = lazyPage(passwordPages, (m) => m.ActivateRoute);
const ResetPasswordRoute = lazyPage(passwordPages, (m) => m.ResetPasswordRoute);
const ForgotPasswordRoute = lazyPage(passwordPages, (m) => m.ForgotPasswordRoute);
const OidcCallbackRoute = lazyPage(() => import('./routes/oidc'), (m) => m.OidcCallbackRoute);
const AdminLayout = lazyPage(() => import('./routes/admin/layout'), (m) => m.AdminLayout);
const AdminOverviewRoute = lazyPage(admin, (m) => m.AdminOverviewRoute);
const AdminProvidersRoute = lazyPage(admin, (m) => m.AdminProvidersRoute);
const AdminProviderRoute = lazyPage(admin, (m) => m.AdminProviderRoute);
const AdminSystemsRoute = lazyPage(admin, (m) => m.AdminSystemsRoute);
const AdminSystemRoute = lazyPage(admin, (m) => m.AdminSystemRoute);
const AdminAccountsRoute = lazyPage(admin, (m) => m.AdminAccountsRoute);
const AdminAccountRoute = lazyPage(admin, (m) => m.AdminAccountRoute);
const AdminWebhooksRoute = lazyPage(admin, (m) => m.AdminWebhooksRoute);

export const routes: RouteObject[] = [
  {
    element: <AppLayout />,
    children: [
      // Readable by everyone.
      { path: paths.login, element: <LoginRoute /> },
      { path: paths.activate, element: <ActivateRoute /> },
      { path: paths.resetPassword, element: <ResetPasswordRoute /> },
      { path: paths.forgotPassword, element: <ForgotPasswordRoute /> },
      { path: paths.oidcCallback, element: <OidcCallbackRoute /> },
      { path: paths.catalogue, element: <CatalogueRoute /> },
      { path: paths.accessibility, element: <AccessibilityRoute /> },
      // Logged in.
      { path: paths.home, element: authed(<HomeRoute />) },
      { path: paths.newOrder, element: authed(<NewOrderRoute />) },
      { path: paths.orders, element: authed(<OrdersRoute />) },
      { path: `${paths.orders}/:id`, element: authed(<OrderRoute />) },
      { path: `${paths.orders}/:id/andra`, element: authed(<EditOrderRoute />) },
      { path: paths.itQueue, element: authed(<ItQueueRoute />) },
      { path: paths.expertUsers, element: authed(<ExpertUsersRoute />) },
      { path: paths.orderingRights, element: authed(<OrderingRightsRoute />) },
      { path: paths.holdings, element: authed(<HoldingsRoute />) },
      { path: paths.reviews, element: authed(<ReviewsRoute />) },
      { path: `${paths.reviews}/:id`, element: authed(<ReviewRoute />) },
      {
        path: paths.admin,
        element: authed(<AdminLayout />),
        children: [
          { index: true, element: <AdminOverviewRoute /> },
          { path: 'utforare', element: <AdminProvidersRoute /> },
          { path: 'utforare/:id', element: <AdminProviderRoute /> },
          { path: 'system', element: <AdminSystemsRoute /> },
          { path: 'system/:id', element: <AdminSystemRoute /> },
          { path: 'konton', element: <AdminAccountsRoute /> },
          { path: 'konton/:id', element: <AdminAccountRoute /> },
          { path: 'webhooks', element: <AdminWebhooksRoute /> },
        ],
      },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
];

/** The page for the current address, inside a router (`BrowserRouter`, or a `MemoryRouter` in tests). */
export function AppRoutes() {
  return useRoutes(routes);
}
