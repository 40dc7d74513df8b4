/**
 * `PATCH /api/v1/holdings/{id}` `{"valid_to"}`: a new end date (the last day it is valid), or none
 * (`null`). A date in the past is 422 `value_not_allowed` at `valid_to`; an ended holding 409 `already_ended`.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api';
import { afterHoldingsChange, type Holding } from './types';

export async function updateHolding(id: string, validTo: string | null): Promise<Holding> {
  return unwrap(await api.PATCH('/api/v1/holdings/{id}', { params: { path: { id } }, body: { valid_to: validTo } }));
}

export function useUpdateHolding() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, validTo }: { id: string; validTo: string | null }) => updateHolding(id, validTo),
    onSuccess: () => afterHoldingsChange(queryClient),
  });
}
