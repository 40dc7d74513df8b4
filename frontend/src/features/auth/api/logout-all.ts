/** `POST /api/v1/auth/logout-all`: ends every token of the account (rule 18), this one included. */
import { api, unwrap } from '@/lib/api';

export async function logoutEverywhere() {
  unwrap(await api.POST('/api/v1/auth/logout-all'));
}
