import type { QueryClient } from '@tanstack/react-query';
import { expertUsersKey } from './get-expert-users';

/** After a registration or its end: the lists, and every compliance row (rule 10), are stale. */
export function afterExpertUsersChange(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: expertUsersKey });
  void queryClient.invalidateQueries({ queryKey: ['compliance'] });
}
