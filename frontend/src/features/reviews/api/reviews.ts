/**
 * The access-review API (`/api/v1/reviews…`): reviews with their progress, a review's items by
 * person, decisions, completion, cancelling and the CSV report. Types come from the generated schema.
 */
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, unwrap, type components } from '@/lib/api';
import { filenameFrom, saveFile } from '@/lib/files';

export type Review = components['schemas']['ReviewDto'];
export type ReviewItem = components['schemas']['ReviewItemDto'];
export type CompletedReview = components['schemas']['CompletedReview'];
export type RevokeOrder = components['schemas']['OrderDto'];
export type Decision = components['schemas']['ReviewDecision'];

export const reviewsKey = ['reviews'] as const;

/** After a change: the reviews, and what completing them makes (orders, holdings, notifications). */
function afterReviewChange(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: reviewsKey });
  void queryClient.invalidateQueries({ queryKey: ['orders'] });
  void queryClient.invalidateQueries({ queryKey: ['holdings'] });
  void queryClient.invalidateQueries({ queryKey: ['notifications'] });
}

/** Every review the caller may read, newest first (pages of 200 collected). */
export async function getReviews(): Promise<Review[]> {
  const out: Review[] = [];
  let cursor: string | undefined;
  do {
    const page = unwrap(await api.GET('/api/v1/reviews', { params: { query: { limit: 200, cursor } } }));
    out.push(...page.items);
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  return out;
}

export function useReviews() {
  return useQuery({ queryKey: [...reviewsKey, 'list'], queryFn: getReviews });
}

export function useReview(id: string) {
  return useQuery({
    queryKey: [...reviewsKey, 'one', id],
    queryFn: async () => unwrap(await api.GET('/api/v1/reviews/{id}', { params: { path: { id } } })),
  });
}

/** Every item of a review, by person (pages of 200 collected). */
export async function getReviewItems(id: string): Promise<ReviewItem[]> {
  const out: ReviewItem[] = [];
  let cursor: string | undefined;
  do {
    const page = unwrap(
      await api.GET('/api/v1/reviews/{id}/items', { params: { path: { id }, query: { limit: 200, cursor } } }),
    );
    out.push(...page.items);
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  return out;
}

export function useReviewItems(id: string) {
  return useQuery({ queryKey: [...reviewsKey, 'items', id], queryFn: () => getReviewItems(id) });
}

export interface StartValues {
  provider_id: string | null;
  system_id: string | null;
  due_date: string;
}

export function useStartReviews() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: StartValues) => unwrap(await api.POST('/api/v1/reviews', { body })).items,
    onSuccess: () => afterReviewChange(queryClient),
  });
}

export interface DecisionValue {
  item_id: string;
  decision: Decision;
  note?: string | null;
}

export function useDecide(reviewId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (items: DecisionValue[]) =>
      unwrap(await api.POST('/api/v1/reviews/{id}/decisions', { params: { path: { id: reviewId } }, body: { items } }))
        .items,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: reviewsKey }),
  });
}

export function useCompleteReview(reviewId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () =>
      unwrap(await api.POST('/api/v1/reviews/{id}/complete', { params: { path: { id: reviewId } } })),
    onSuccess: () => afterReviewChange(queryClient),
  });
}

export function useCancelReview(reviewId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/reviews/{id}/cancel', { params: { path: { id: reviewId } } })),
    onSuccess: () => afterReviewChange(queryClient),
  });
}

export const REPORT_CSV = 'behorighetsuppfoljning.csv';

/** `GET /api/v1/reviews/{id}/report`: the CSV report, saved as a download. */
export async function downloadReport(id: string): Promise<void> {
  const result = await api.GET('/api/v1/reviews/{id}/report', { params: { path: { id } }, parseAs: 'blob' });
  const blob = unwrap(result) as Blob;
  saveFile(blob, filenameFrom(result.response.headers.get('Content-Disposition'), REPORT_CSV));
}

export function useDownloadReport() {
  return useMutation({ mutationFn: downloadReport });
}
