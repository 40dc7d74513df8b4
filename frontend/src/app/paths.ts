/** Every address of the SPA, in one place. Swedish, like the rest of the interface. */
export const paths = {
  home: '/',
  login: '/logga-in',
  catalogue: '/behorigheter',
  newOrder: '/bestallningar/ny',
  orders: '/bestallningar',
  expertUsers: '/expertanvandare',
  orderingRights: '/bestallningsratt',
  holdings: '/behorighetsinnehav',
  itQueue: '/it-ko',
  admin: '/administration',
  accessibility: '/tillganglighetsredogorelse',
} as const;
