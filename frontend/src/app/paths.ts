/** Every address of the SPA, in one place. Swedish, like the rest of the interface. */
export const paths = {
  home: '/',
  login: '/logga-in',
  activate: '/aktivera',
  resetPassword: '/nytt-losenord',
  forgotPassword: '/glomt-losenord',
  oidcCallback: '/e-legitimation',
  catalogue: '/behorigheter',
  newOrder: '/bestallningar/ny',
  orders: '/bestallningar',
  expertUsers: '/expertanvandare',
  orderingRights: '/bestallningsratt',
  holdings: '/behorighetsinnehav',
  reviews: '/behorighetsuppfoljning',
  itQueue: '/it-ko',
  admin: '/administration',
  adminProviders: '/administration/utforare',
  adminSystems: '/administration/system',
  adminAccounts: '/administration/konton',
  adminWebhooks: '/administration/webhooks',
  accessibility: '/tillganglighetsredogorelse',
} as const;

/** Addresses with a part that varies. */
export const links = {
  order: (id: string) => `${paths.orders}/${encodeURIComponent(id)}`,
  editOrder: (id: string) => `${paths.orders}/${encodeURIComponent(id)}/andra`,
  orderingRightsFor: (providerId: string) => `${paths.orderingRights}?utforare=${encodeURIComponent(providerId)}`,
  adminProvider: (id: string) => `${paths.adminProviders}/${encodeURIComponent(id)}`,
  adminSystem: (id: string) => `${paths.adminSystems}/${encodeURIComponent(id)}`,
  adminAccount: (id: string) => `${paths.adminAccounts}/${encodeURIComponent(id)}`,
  review: (id: string) => `${paths.reviews}/${encodeURIComponent(id)}`,
  adminAccountsOf: (providerId: string) => `${paths.adminAccounts}?utforare=${encodeURIComponent(providerId)}`,
};
