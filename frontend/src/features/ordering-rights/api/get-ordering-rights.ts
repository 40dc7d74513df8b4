/** `GET /api/v1/providers/{id}/ordering-rights`: a provider's orderers, with its compliance row and warnings. */
import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type components } from '@/lib/api';

export type OrderingRight = components['schemas']['OrderingRightDto'];
export type OrderingRightList = components['schemas']['OrderingRightList'];
export type OrderingRightAnswer = components['schemas']['OrderingRightAnswer'];
export type ComplianceRow = components['schemas']['ComplianceRow'];
export type ComplianceIssue = components['schemas']['ComplianceIssue'];

export const orderingRightsQueryKey = (providerId: string) => ['ordering-rights', providerId] as const;

export async function getOrderingRights(providerId: string): Promise<OrderingRightList> {
  return unwrap(await api.GET('/api/v1/providers/{id}/ordering-rights', { params: { path: { id: providerId } } }));
}

export function useOrderingRights(providerId: string | null) {
  return useQuery({
    queryKey: orderingRightsQueryKey(providerId ?? ''),
    queryFn: () => getOrderingRights(providerId ?? ''),
    enabled: Boolean(providerId),
  });
}
