import { Link } from 'react-router';
import { ErrorMessage, Loading } from '@/components';
import { formatDateTime, plural, useT } from '@/lib/i18n';
import { useSummary, type Summary } from '../api/get-summary';
import '../words';

/** Where each thing to do is done: the SPA's addresses, given by the app. */
export interface WorkLinks {
  returned: string;
  drafts: string;
  submitted: string;
  inProgress: string;
  endDatesNear: string;
  orderingRightRequests: string;
  reviews: string;
  queue: string;
  mineInProgress: string;
  compliance: string;
}

export interface WorkViewProps {
  roles: { orderer: boolean; it: boolean; admin: boolean };
  links: WorkLinks;
}

type PluralKey = Parameters<typeof plural>[1];

interface Item {
  key: string;
  count: number;
  /** The plural key's stem: `work.x.one` / `work.x.other`. */
  text: PluralKey;
  to: string;
}

/** The things to do for the reader's roles, those with a count only, most pressing first. */
export function workItems(summary: Summary, roles: WorkViewProps['roles'], links: WorkLinks): Item[] {
  const items: (Item | false)[] = [
    roles.it && { key: 'queue', count: summary.queue, text: 'work.queue', to: links.queue },
    roles.it && { key: 'mine', count: summary.mine_in_progress, text: 'work.mineInProgress', to: links.mineInProgress },
    roles.orderer && { key: 'returned', count: summary.returned, text: 'work.returned', to: links.returned },
    roles.orderer && { key: 'drafts', count: summary.drafts, text: 'work.drafts', to: links.drafts },
    roles.orderer && { key: 'endDates', count: summary.end_dates_near, text: 'work.endDatesNear', to: links.endDatesNear },
    (roles.orderer || roles.admin) && {
      key: 'requests',
      count: summary.ordering_right_requests,
      text: 'work.orderingRightRequests',
      to: links.orderingRightRequests,
    },
    roles.orderer && { key: 'reviews', count: summary.open_reviews, text: 'work.openReviews', to: links.reviews },
    roles.admin && { key: 'overdue', count: summary.overdue_reviews, text: 'work.overdueReviews', to: links.reviews },
    roles.admin && { key: 'issues', count: summary.providers_with_issues, text: 'work.providersWithIssues', to: links.compliance },
    roles.orderer && { key: 'submitted', count: summary.submitted, text: 'work.submitted', to: links.submitted },
    roles.orderer && { key: 'inProgress', count: summary.in_progress, text: 'work.inProgress', to: links.inProgress },
  ];
  return items.filter((i): i is Item => i !== false && i.count > 0);
}

/**
 * Att göra: one link per thing the reader has to do, its text starting with the count, each leading
 * to the list filtered to those things. IT's queue says how long its oldest order has waited.
 */
export function WorkView({ roles, links }: WorkViewProps) {
  const t = useT();
  const summary = useSummary();
  return (
    <section className="work-view card" aria-labelledby="work-heading">
      <h2 id="work-heading">{t('work.heading')}</h2>
      {summary.isPending ? (
        <Loading />
      ) : summary.isError ? (
        <ErrorMessage error={summary.error} />
      ) : (
        <WorkList summary={summary.data} roles={roles} links={links} />
      )}
    </section>
  );
}

function WorkList({ summary, roles, links }: { summary: Summary } & WorkViewProps) {
  const t = useT();
  const items = workItems(summary, roles, links);
  if (items.length === 0) return <p>{t('work.nothing')}</p>;
  return (
    <ul className="work-view__list">
      {items.map((item) => (
        <li key={item.key}>
          <Link to={item.to} className="work-view__link">
            {plural(t, item.text, item.count)}
          </Link>
          {item.key === 'queue' && summary.queue_oldest_at && (
            <span className="muted"> {t('work.oldestWaiting', { at: formatDateTime(summary.queue_oldest_at) })}</span>
          )}
        </li>
      ))}
    </ul>
  );
}

