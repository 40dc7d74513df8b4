/** The holdings API's types, all derived from the generated schema. */
import type { QueryClient } from '@tanstack/react-query';
import type { components } from '@/lib/api';

export type Holding = components['schemas']['HoldingDto'];
export type HoldingList = components['schemas']['HoldingList'];
export type RevokeOrder = components['schemas']['OrderDto'];

export interface HoldingFilters {
  /** Only active holdings ending within the server's notice days (the start page's link). */
  ending_soon?: boolean;
  provider_id?: string;
  system_id?: string;
  q?: string;
  /** Active holdings (the API's default), or ended ones. */
  active: boolean;
}

export const holdingsKey = ['holdings'] as const;

/**
 * After revoke orders were made or an end date changed: the holdings, the orders (they appear under
 * Hantera dina beställningar) and the notifications are stale. Not awaited: the answer is shown first.
 */
export function afterHoldingsChange(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: holdingsKey });
  void queryClient.invalidateQueries({ queryKey: ['orders'] });
  void queryClient.invalidateQueries({ queryKey: ['notifications'] });
}
