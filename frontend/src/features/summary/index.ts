export { summaryKey, useSummary } from './api/get-summary';
export type { Summary } from './api/get-summary';
export { WorkView, workItems } from './components/WorkView';
export type { WorkLinks } from './components/WorkView';
