/**
 * `POST /api/v1/orders` with `kind: revoke`: an ordinary revoke order for one holding's permission on
 * its units, saved as a draft (the rules are the API's: one open order at a time, nobody for themselves).
 */
import { api, unwrap } from '@/lib/api';
import type { Holding, RevokeOrder } from './types';

/** `holding` must be read with `getHolding`: the order needs the personal number whole. */
export async function createRevokeOrder(holding: Holding, idempotencyKey: string): Promise<RevokeOrder> {
  return unwrap(
    await api.POST('/api/v1/orders', {
      params: { header: { 'Idempotency-Key': idempotencyKey } },
      body: {
        kind: 'revoke',
        provider_id: holding.provider_id,
        permission_id: holding.permission_id,
        unit_ids: holding.units.map((u) => u.id),
        subject: {
          first_name: holding.person.first_name,
          last_name: holding.person.last_name,
          personal_number: holding.person.personal_number,
          email: holding.person.email ?? null,
        },
      },
    }),
  );
}
