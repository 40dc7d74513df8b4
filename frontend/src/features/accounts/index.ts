export { AccountAdmin } from './components/AccountAdmin';
export { AccountsAdmin } from './components/AccountsAdmin';
export type { ProviderOption } from './components/AccountFields';
