import { useMemo, useState } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  ConfirmDialog,
  ErrorMessage,
  FieldGroup,
  Loading,
  Radio,
  SelectField,
  TextField,
  errorText,
} from '@/components';
import type { components } from '@/lib/api';
import { formatDate, useT } from '@/lib/i18n';
import {
  useCancelReview,
  useCompleteReview,
  useDecide,
  useDownloadReport,
  useReview,
  useReviewItems,
  type Decision,
  type Review,
  type ReviewItem,
  type RevokeOrder,
} from '../api/reviews';
import { ProgressBar } from './ProgressBar';
import '../words';

type Me = components['schemas']['Me'];

export interface ReviewPageProps {
  me: Pick<Me, 'roles' | 'ordering_rights'>;
  id: string;
  orderHref: (id: string) => string;
  backHref: string;
}

/** Items of one person, in the order the API gives them (by last name, first name). */
interface Person {
  key: string;
  name: string;
  personalNumber: string;
  items: ReviewItem[];
}

function byPerson(items: ReviewItem[]): Person[] {
  const out: Person[] = [];
  for (const item of items) {
    const key = `${item.subject.last_name}\u0000${item.subject.first_name}\u0000${item.subject.personal_number}`;
    const last = out[out.length - 1];
    if (last && last.key === key) last.items.push(item);
    else
      out.push({
        key,
        name: `${item.subject.first_name} ${item.subject.last_name}`,
        personalNumber: item.subject.personal_number,
        items: [item],
      });
  }
  return out;
}

/**
 * One review: its progress, the items by person with `Behåll` / `Ta bort` for each, a note, filters
 * (undecided, system, search), select-many with `Behåll alla markerade`, `Slutför uppföljningen`
 * behind a confirmation that says how many revoke orders it sends, and the report. Support reads and
 * cancels; only the provider's orderers decide and complete.
 */
export function ReviewPage({ me, id, orderHref, backHref }: ReviewPageProps) {
  const t = useT();
  const review = useReview(id);
  const items = useReviewItems(id);
  if (review.isPending || items.isPending) return <Loading />;
  if (review.isError || items.isError) return <ErrorMessage error={review.error ?? items.error} />;
  const decides = me.ordering_rights.some((r) => r.provider_id === review.data.provider_id);
  return (
    <ReviewView
      review={review.data}
      items={items.data}
      decides={decides}
      cancels={me.roles.includes('admin')}
      orderHref={orderHref}
      backHref={backHref}
      t={t}
    />
  );
}

interface ViewProps {
  review: Review;
  items: ReviewItem[];
  decides: boolean;
  cancels: boolean;
  orderHref: (id: string) => string;
  backHref: string;
  t: ReturnType<typeof useT>;
}

function ReviewView({ review, items, decides, cancels, orderHref, backHref, t }: ViewProps) {
  const [onlyUndecided, setOnlyUndecided] = useState(false);
  const [systemId, setSystemId] = useState('');
  const [q, setQ] = useState('');
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [confirming, setConfirming] = useState<'complete' | 'cancel' | null>(null);
  const [sent, setSent] = useState<RevokeOrder[] | null>(null);
  // The choice shows at once, before the API's answer refreshes the items.
  const [chosen, setChosen] = useState<Record<string, Decision>>({});
  const decide = useDecide(review.id);
  const complete = useCompleteReview(review.id);
  const cancel = useCancelReview(review.id);
  const report = useDownloadReport();
  const open = review.status === 'open';
  const editable = open && decides;

  const systems = useMemo(() => {
    const seen = new Map<string, string>();
    for (const item of items) seen.set(item.system_id, item.system_name);
    return [...seen].map(([sid, name]) => ({ id: sid, name })).sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  }, [items]);
  const needle = q.trim().toLowerCase();
  const shown = items.filter(
    (i) =>
      (!onlyUndecided || (i.decision == null && !i.holding_ended)) &&
      (!systemId || i.system_id === systemId) &&
      (!needle ||
        `${i.subject.first_name} ${i.subject.last_name} ${i.subject.personal_number} ${i.permission_name}`
          .toLowerCase()
          .includes(needle)),
  );
  const revokes = items.filter((i) => i.decision === 'revoke' && !i.holding_ended).length;
  const undecided = items.filter((i) => i.decision == null && !i.holding_ended).length;

  function send(values: { item_id: string; decision: Decision; note?: string | null }[]) {
    setChosen((current) => ({ ...current, ...Object.fromEntries(values.map((v) => [v.item_id, v.decision])) }));
    decide.mutate(values, {
      onSuccess: () => setSelected(new Set()),
      onError: () =>
        setChosen((current) => Object.fromEntries(Object.entries(current).filter(([k]) => !values.some((v) => v.item_id === k)))),
    });
  }
  function noteOf(item: ReviewItem): string | null {
    const note = notes[item.id] ?? item.note ?? '';
    return note.trim() === '' ? null : note.trim();
  }
  function toggle(itemId: string, on: boolean) {
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(itemId);
      else next.delete(itemId);
      return next;
    });
  }

  return (
    <>
      <p>
        <a href={backHref}>{t('reviews.back')}</a>
      </p>
      <dl className="facts">
        <dt>{t('reviews.col.provider')}</dt>
        <dd>{review.provider_name}</dd>
        <dt>{t('reviews.system')}</dt>
        <dd>{review.system_name ?? t('reviews.allSystems')}</dd>
        <dt>{t('reviews.dueDate')}</dt>
        <dd>
          {formatDate(review.due_date)}
          {review.overdue && <span className="tag tag--rejected"> {t('reviews.status.overdue')}</span>}
        </dd>
        <dt>{t('reviews.col.status')}</dt>
        <dd>{t(`reviews.status.${review.status}`)}</dd>
      </dl>
      <ProgressBar review={review} />
      {review.items_ended > 0 && <p className="muted">{t('reviews.endedNote', { n: review.items_ended })}</p>}
      <p className="actions">
        <Button variant="secondary" busy={report.isPending} onClick={() => report.mutate(review.id)}>
          {t('reviews.report')}
        </Button>
        {editable && (
          <Button onClick={() => setConfirming('complete')} disabled={undecided > 0}>
            {t('reviews.complete')}
          </Button>
        )}
        {open && cancels && (
          <Button variant="secondary" onClick={() => setConfirming('cancel')}>
            {t('reviews.cancel')}
          </Button>
        )}
      </p>
      {editable && undecided > 0 && <p className="muted">{t('reviews.undecidedLeft', { n: undecided })}</p>}
      {report.isError && <ErrorMessage error={report.error} />}
      {decide.isError && (
        <Alert tone="error" title={t('reviews.decideFailed')}>
          {errorText(decide.error, t)}
        </Alert>
      )}
      {sent && (
        <Alert tone="success" title={t('reviews.completed')} focus>
          {sent.length === 0 ? (
            <p>{t('reviews.noRevokeOrders')}</p>
          ) : (
            <ul>
              {sent.map((o) => (
                <li key={o.id}>
                  <a href={orderHref(o.id)}>
                    {o.reference}: {o.subject.first_name} {o.subject.last_name}, {o.permission_name}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </Alert>
      )}
      {confirming === 'complete' && (
        <ConfirmDialog
          title={t('reviews.complete')}
          confirmLabel={t('reviews.complete')}
          busy={complete.isPending}
          error={complete.isError ? <ErrorMessage error={complete.error} /> : undefined}
          onCancel={() => setConfirming(null)}
          onConfirm={() =>
            complete.mutate(undefined, {
              onSuccess: (done) => {
                setConfirming(null);
                setSent(done.revoke_orders);
              },
            })
          }
        >
          <p>{revokes === 1 ? t('reviews.confirmComplete.one') : t('reviews.confirmComplete.other', { n: revokes })}</p>
        </ConfirmDialog>
      )}
      {confirming === 'cancel' && (
        <ConfirmDialog
          title={t('reviews.cancel')}
          confirmLabel={t('reviews.cancel')}
          busy={cancel.isPending}
          error={cancel.isError ? <ErrorMessage error={cancel.error} /> : undefined}
          onCancel={() => setConfirming(null)}
          onConfirm={() => cancel.mutate(undefined, { onSuccess: () => setConfirming(null) })}
        >
          <p>{t('reviews.confirmCancel')}</p>
        </ConfirmDialog>
      )}

      <div className="card filters">
        <TextField
          id="review-search"
          label={t('reviews.search')}
          type="search"
          value={q}
          autoComplete="off"
          onChange={(e) => setQ(e.target.value)}
        />
        {systems.length > 1 && (
          <SelectField id="review-filter-system" label={t('reviews.system')} value={systemId} onChange={(e) => setSystemId(e.target.value)}>
            <option value="">{t('reviews.allSystems')}</option>
            {systems.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </SelectField>
        )}
        <Checkbox label={t('reviews.onlyUndecided')} checked={onlyUndecided} onChange={(e) => setOnlyUndecided(e.target.checked)} />
      </div>
      {editable && (
        <p className="actions">
          <Button
            variant="secondary"
            disabled={selected.size === 0}
            busy={decide.isPending}
            onClick={() => send([...selected].map((itemId) => ({ item_id: itemId, decision: 'keep' as const })))}
          >
            {t('reviews.keepSelected')}
          </Button>
        </p>
      )}
      <p role="status" className="muted">
        {t('reviews.shown', { n: shown.length, total: items.length })}
      </p>
      {byPerson(shown).map((person) => (
        <section key={person.key} className="card review-person" aria-label={person.name}>
          <h2>
            {person.name} <span className="muted">{person.personalNumber}</span>
          </h2>
          {person.items.map((item) => {
            const label = `${item.permission_name} (${item.system_name})`;
            return (
              <div key={item.id} className="review-item">
                <h3>{label}</h3>
                <p className="muted">
                  {t('reviews.itemFacts', {
                    units: item.units.map((u) => u.name).join(', '),
                    since: formatDate(item.since),
                    validTo: item.valid_to ? formatDate(item.valid_to) : t('reviews.noEndDate'),
                  })}
                </p>
                {item.justification && (
                  <p>
                    <strong>{t('extraField.justification')}:</strong> {item.justification}
                  </p>
                )}
                {item.holding_ended ? (
                  <p>{t('reviews.holdingEnded')}</p>
                ) : editable ? (
                  <>
                    <Checkbox
                      label={t('reviews.select', { what: `${person.name}, ${label}` })}
                      checked={selected.has(item.id)}
                      onChange={(e) => toggle(item.id, e.target.checked)}
                    />
                    <FieldGroup legend={t('reviews.decisionFor', { what: `${person.name}, ${label}` })} role="radiogroup">
                      <div className="inline-options">
                        <Radio
                          name={`decision-${item.id}`}
                          label={t('reviews.keep')}
                          checked={(chosen[item.id] ?? item.decision) === 'keep'}
                          onChange={() => send([{ item_id: item.id, decision: 'keep', note: noteOf(item) }])}
                        />
                        <Radio
                          name={`decision-${item.id}`}
                          label={t('reviews.revoke')}
                          checked={(chosen[item.id] ?? item.decision) === 'revoke'}
                          onChange={() => send([{ item_id: item.id, decision: 'revoke', note: noteOf(item) }])}
                        />
                      </div>
                    </FieldGroup>
                    <TextField
                      id={`note-${item.id}`}
                      label={t('reviews.note')}
                      value={notes[item.id] ?? item.note ?? ''}
                      onChange={(e) => setNotes({ ...notes, [item.id]: e.target.value })}
                      onBlur={() => {
                        if (item.decision && notes[item.id] !== undefined && noteOf(item) !== (item.note ?? null)) {
                          send([{ item_id: item.id, decision: item.decision, note: noteOf(item) }]);
                        }
                      }}
                    />
                  </>
                ) : (
                  <p>
                    {item.decision ? t(`reviews.decision.${item.decision}`) : t('reviews.undecided')}
                    {item.note ? ` – ${item.note}` : ''}
                    {item.revoke_order_id && (
                      <>
                        {' '}
                        <a href={orderHref(item.revoke_order_id)}>{t('reviews.revokeOrder')}</a>
                      </>
                    )}
                  </p>
                )}
                {item.decided_by_name && (
                  <p className="muted">
                    {t('reviews.decidedBy', { name: item.decided_by_name, at: formatDate(item.decided_at ?? '') })}
                  </p>
                )}
              </div>
            );
          })}
        </section>
      ))}
    </>
  );
}
