export { complianceQueryKey, useCompliance } from './api/get-compliance';
export type { ComplianceIssue, ComplianceRow } from './api/get-compliance';
export { ComplianceOverview } from './components/ComplianceOverview';
