import { useT } from '@/lib/i18n';
import type { Review } from '../api/reviews';
import '../words';

/** How far a review has come: decided (and ended) items of all, as a bar and in words. */
export function ProgressBar({ review }: { review: Pick<Review, 'items_total' | 'items_decided' | 'items_ended'> }) {
  const t = useT();
  const done = review.items_decided + review.items_ended;
  const text = t('reviews.progress', { done, total: review.items_total });
  return (
    <div className="review-progress">
      <progress max={Math.max(review.items_total, 1)} value={done} aria-label={text} />
      <span>{text}</span>
    </div>
  );
}
