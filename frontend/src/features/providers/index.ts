export { getProviders, providersQueryKey, useProviders } from './api/get-providers';
export type { Provider } from './api/get-providers';
export { ProviderAdmin } from './components/ProviderAdmin';
export { ProvidersAdmin } from './components/ProvidersAdmin';
export { getUnits, unitsQueryKey, useUnits } from './api/get-units';
export type { Unit } from './api/get-units';
