/** `GET /api/v1/compliance`: per visible provider, its orderers and expert users against the rules (9, 10). */
import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type components } from '@/lib/api';

export type ComplianceRow = components['schemas']['ComplianceRow'];
export type ComplianceIssue = components['schemas']['ComplianceIssue'];

export const complianceQueryKey = ['compliance'] as const;

export async function getCompliance(): Promise<ComplianceRow[]> {
  const { items } = unwrap(await api.GET('/api/v1/compliance'));
  return [...items].sort((a, b) => a.provider_name.localeCompare(b.provider_name, 'sv'));
}

export function useCompliance() {
  return useQuery({ queryKey: complianceQueryKey, queryFn: getCompliance });
}
