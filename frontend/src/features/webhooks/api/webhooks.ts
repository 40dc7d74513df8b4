/**
 * `/api/v1/webhooks` (support): the endpoints, registering one (its secret comes back once),
 * changing, removing, rotating the secret, sending a test event, and the delivery attempts.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, collectPages, unwrap, type components } from '@/lib/api';

export type Webhook = components['schemas']['WebhookDto'];
export type WebhookWithSecret = components['schemas']['WebhookWithSecret'];
export type CreateWebhook = components['schemas']['CreateWebhook'];
export type Delivery = components['schemas']['DeliveryDto'];

export const webhooksQueryKey = ['webhooks'] as const;

/** Every endpoint, oldest first. */
export async function getWebhooks(): Promise<Webhook[]> {
  return collectPages(async (cursor) =>
    unwrap(await api.GET('/api/v1/webhooks', { params: { query: { limit: 200, cursor } } })),
  );
}

export function useWebhooks() {
  return useQuery({ queryKey: webhooksQueryKey, queryFn: getWebhooks });
}

/** The newest delivery attempts of one endpoint (one page). */
export function useDeliveries(id: string) {
  return useQuery({
    queryKey: [...webhooksQueryKey, id, 'deliveries'],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/webhooks/{id}/deliveries', { params: { path: { id }, query: { limit: 50 } } })).items,
  });
}

function useRefreshing<TVariables, TData>(mutationFn: (variables: TVariables) => Promise<TData>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: webhooksQueryKey });
    },
  });
}

export function useCreateWebhook() {
  return useRefreshing(async (body: CreateWebhook) => unwrap(await api.POST('/api/v1/webhooks', { body })));
}

export function useSetWebhookActive() {
  return useRefreshing(async ({ id, active }: { id: string; active: boolean }) =>
    unwrap(await api.PATCH('/api/v1/webhooks/{id}', { params: { path: { id } }, body: { active } })),
  );
}

export function useDeleteWebhook() {
  return useRefreshing(async (id: string) => {
    unwrap(await api.DELETE('/api/v1/webhooks/{id}', { params: { path: { id } } }));
  });
}

export function useRotateWebhookSecret() {
  return useRefreshing(async (id: string) =>
    unwrap(await api.POST('/api/v1/webhooks/{id}/rotate-secret', { params: { path: { id } } })),
  );
}

export function useTestWebhook() {
  return useRefreshing(async (id: string) =>
    unwrap(await api.POST('/api/v1/webhooks/{id}/test', { params: { path: { id } } })),
  );
}

/** The event types an endpoint can subscribe to (as the API lists them). */
export const webhookEvents = [
  'order.submitted',
  'order.withdrawn',
  'order.taken',
  'order.completed',
  'order.rejected',
  'order.returned',
  'order.message',
  'holding.ended',
  'review.started',
  'review.completed',
  'review.overdue',
  'ordering_right.granted',
  'ordering_right.revoked',
] as const;
