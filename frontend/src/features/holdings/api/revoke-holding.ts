/**
 * Revoking one permission a person holds: an ordinary revoke order, made and sent to IT in three
 * calls — the holding with the whole personal number, `POST /orders`, `POST /orders/{id}/submit`.
 * When the order was saved but not sent, the error says so and carries the draft.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { createRevokeOrder } from './create-revoke-order';
import { getHolding } from './get-holding';
import { submitOrder } from './submit-order';
import { afterHoldingsChange, type Holding, type RevokeOrder } from './types';

export class NotSubmittedError extends Error {
  readonly draft: RevokeOrder;
  override readonly cause: unknown;
  constructor(draft: RevokeOrder, cause: unknown) {
    super(`${draft.reference} was saved but not sent`);
    this.name = 'NotSubmittedError';
    this.draft = draft;
    this.cause = cause;
  }
}

export async function revokeHolding(holding: Pick<Holding, 'id'>, idempotencyKey: string): Promise<RevokeOrder> {
  const whole = await getHolding(holding.id);
  const draft = await createRevokeOrder(whole, idempotencyKey);
  try {
    return await submitOrder(draft);
  } catch (error) {
    throw new NotSubmittedError(draft, error);
  }
}

export function useRevokeHolding() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ holding, idempotencyKey }: { holding: Pick<Holding, 'id'>; idempotencyKey: string }) =>
      revokeHolding(holding, idempotencyKey),
    onSettled: () => afterHoldingsChange(queryClient),
  });
}
