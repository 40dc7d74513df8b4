export { NoOrderingRight } from './components/NoOrderingRight';
export type { NoOrderingRightProps } from './components/NoOrderingRight';
export { OrderingRights } from './components/OrderingRights';
export type { ProviderChoice } from './components/OrderingRights';
