import type { QueryClient } from '@tanstack/react-query';
import { orderKey, type Order } from './types';

/**
 * After an order changed: remember its new state (the detail shows it at once) and let every list,
 * the history and the notifications load again. Not awaited by callers: the answer is shown first.
 */
export function afterOrderChange(queryClient: QueryClient, order?: Order) {
  if (order) queryClient.setQueryData(orderKey(order.id), order);
  void queryClient.invalidateQueries({ queryKey: ['orders'] });
  void queryClient.invalidateQueries({ queryKey: ['notifications'] });
  void queryClient.invalidateQueries({ queryKey: ['summary'] });
}
