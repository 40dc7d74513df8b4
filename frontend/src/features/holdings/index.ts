export { Holdings } from './components/Holdings';
export type { HoldingsProps } from './components/Holdings';
export { HOLDINGS_CSV } from './api/download-holdings';
