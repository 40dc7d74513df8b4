export { getPermissions, permissionsQueryKey, usePermissions } from './api/get-permissions';
export type { Permission } from './api/get-permissions';
export { getSystems, systemsQueryKey, useSystems } from './api/get-systems';
export type { ExtraField, System } from './api/get-systems';
export { Catalogue } from './components/Catalogue';
export { SystemAdmin } from './components/admin/SystemAdmin';
export { SystemsAdmin } from './components/admin/SystemsAdmin';
