import type { ReactNode } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { AppLayout } from './layout/AppLayout';
import { paths } from './paths';
import { AccessibilityRoute } from './routes/accessibility';
import { CatalogueRoute } from './routes/catalogue';
import { ExpertUsersRoute } from './routes/expert-users';
import { RequireAuth } from './routes/guards';
import { HoldingsRoute } from './routes/holdings';
import { HomeRoute } from './routes/home';
import { LoginRoute } from './routes/login';
import { NotFoundRoute } from './routes/not-found';
import { OrderingRightsRoute } from './routes/ordering-rights';
import { EditOrderRoute, ItQueueRoute, NewOrderRoute, OrderRoute, OrdersRoute } from './routes/orders';
import { AdminLayout } from './routes/admin/layout';
import {
  AdminAccountRoute,
  AdminAccountsRoute,
  AdminOverviewRoute,
  AdminProviderRoute,
  AdminProvidersRoute,
  AdminSystemRoute,
  AdminSystemsRoute,
} from './routes/admin/pages';

function authed(element: ReactNode) {
  return <RequireAuth>{element}</RequireAuth>;
}

export const routes: RouteObject[] = [
  {
    element: <AppLayout />,
    children: [
      // Readable by everyone.
      { path: paths.login, element: <LoginRoute /> },
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
        ],
      },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
