/**
 * `GET /api/v1/holdings/{id}`: one holding with the person's personal number whole, which revoking
 * needs (lists show it masked). Asked for at the moment of revoking, never kept in the cache.
 */
import { api, unwrap } from '@/lib/api';
import type { Holding } from './types';

export async function getHolding(id: string): Promise<Holding> {
  return unwrap(await api.GET('/api/v1/holdings/{id}', { params: { path: { id } } }));
}
