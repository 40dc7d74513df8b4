import { useState } from 'react';
import { Alert, Button, ErrorMessage, FormDialog, Loading, SelectField, Table, TextField, useFormMutation } from '@/components';
import type { components } from '@/lib/api';
import { formatDate, useT } from '@/lib/i18n';
import { useReviews, useStartReviews, type Review } from '../api/reviews';
import { ProgressBar } from './ProgressBar';
import '../words';

type Me = components['schemas']['Me'];

export interface Choice {
  id: string;
  name: string;
}

export interface ReviewsProps {
  me: Pick<Me, 'roles' | 'ordering_rights'>;
  /** Every provider (support starts reviews for one or all of them). */
  providers: Choice[];
  systems: Choice[];
  reviewHref: (id: string) => string;
}

/**
 * Behörighetsuppföljning: the reviews the reader may see, with progress, due dates and the overdue
 * ones marked. Support starts reviews (`Starta uppföljning`); orderers open one to decide.
 */
export function Reviews({ me, providers, systems, reviewHref }: ReviewsProps) {
  const t = useT();
  const reviews = useReviews();
  const admin = me.roles.includes('admin');
  const [starting, setStarting] = useState(false);
  const [started, setStarted] = useState<number | null>(null);

  return (
    <>
      <p className="lead">{t('reviews.intro')}</p>
      {admin && (
        <p>
          <Button onClick={() => setStarting(true)}>{t('reviews.start')}</Button>
        </p>
      )}
      {started !== null && (
        <Alert tone="success">{started === 0 ? t('reviews.startedNone') : t('reviews.started', { n: started })}</Alert>
      )}
      {starting && (
        <StartReviewDialog
          providers={providers}
          systems={systems}
          onClose={() => setStarting(false)}
          onStarted={(n) => {
            setStarting(false);
            setStarted(n);
          }}
        />
      )}
      {reviews.isPending ? (
        <Loading />
      ) : reviews.isError ? (
        <ErrorMessage error={reviews.error} />
      ) : reviews.data.length === 0 ? (
        <p>{t('reviews.none')}</p>
      ) : (
        <ReviewTable reviews={reviews.data} reviewHref={reviewHref} />
      )}
    </>
  );
}

function statusText(t: ReturnType<typeof useT>, review: Review): string {
  if (review.status === 'open') return review.overdue ? t('reviews.status.overdue') : t('reviews.status.open');
  return review.status === 'completed' ? t('reviews.status.completed') : t('reviews.status.cancelled');
}

function ReviewTable({ reviews, reviewHref }: { reviews: Review[]; reviewHref: (id: string) => string }) {
  const t = useT();
  return (
    <Table caption={t('reviews.tableCaption')}>
      <thead>
        <tr>
          <th scope="col">{t('reviews.col.title')}</th>
          <th scope="col">{t('reviews.col.provider')}</th>
          <th scope="col">{t('reviews.col.dueDate')}</th>
          <th scope="col">{t('reviews.col.status')}</th>
          <th scope="col">{t('reviews.col.progress')}</th>
        </tr>
      </thead>
      <tbody>
        {reviews.map((r) => (
          <tr key={r.id} className={r.overdue ? 'row--issue' : undefined}>
            <td>
              <a href={reviewHref(r.id)}>{r.title}</a>
              {r.system_name && <div className="muted">{r.system_name}</div>}
            </td>
            <td>{r.provider_name}</td>
            <td>{formatDate(r.due_date)}</td>
            <td>
              <span className={r.overdue ? 'tag tag--rejected' : 'tag'}>{statusText(t, r)}</span>
            </td>
            <td>
              <ProgressBar review={r} />
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

interface StartReviewDialogProps {
  providers: Choice[];
  systems: Choice[];
  onClose: () => void;
  onStarted: (n: number) => void;
}

/** Support's dialog: `Utförare` (one, or all), `Verksamhetssystem` (one, or all), `Sista dag`. */
function StartReviewDialog({ providers, systems, onClose, onStarted }: StartReviewDialogProps) {
  const t = useT();
  const [providerId, setProviderId] = useState('');
  const [systemId, setSystemId] = useState('');
  const [dueDate, setDueDate] = useState('');
  const form = useFormMutation(useStartReviews(), {
    messages: {
      review_already_open: t('reviews.problem.alreadyOpen'),
      nothing_to_review: t('reviews.problem.nothingToReview'),
      due_date_not_in_future: t('reviews.problem.dueDate'),
    },
    codeFields: { review_already_open: 'provider_id' },
  });
  return (
    <FormDialog
      title={t('reviews.start')}
      onClose={onClose}
      form={form}
      submitLabel={t('reviews.startSubmit')}
      fieldLabels={{
        provider_id: t('reviews.provider'),
        system_id: t('reviews.system'),
        due_date: t('reviews.dueDate'),
      }}
      onSubmit={() =>
        form.submit(
          { provider_id: providerId || null, system_id: systemId || null, due_date: dueDate },
          { onSuccess: (items) => onStarted(items.length) },
        )
      }
    >
      <SelectField
        id="review-provider"
        label={t('reviews.provider')}
        value={providerId}
        onChange={(e) => setProviderId(e.target.value)}
        error={form.errors.provider_id}
      >
        <option value="">{t('reviews.allProviders')}</option>
        {providers.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </SelectField>
      <SelectField
        id="review-system"
        label={t('reviews.system')}
        value={systemId}
        onChange={(e) => setSystemId(e.target.value)}
        error={form.errors.system_id}
      >
        <option value="">{t('reviews.allSystems')}</option>
        {systems.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </SelectField>
      <TextField
        id="review-due-date"
        label={t('reviews.dueDate')}
        type="date"
        required
        value={dueDate}
        onChange={(e) => setDueDate(e.target.value)}
        error={form.errors.due_date}
      />
    </FormDialog>
  );
}
