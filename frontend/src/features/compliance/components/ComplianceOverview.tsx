import { useState } from 'react';
import { Link } from 'react-router';
import { Checkbox, ErrorMessage, Loading, Table } from '@/components';
import { formatDate, useT, type MessageKey } from '@/lib/i18n';
import { useCompliance, type ComplianceIssue, type ComplianceRow } from '../api/get-compliance';

export interface ComplianceOverviewProps {
  /** Where support fixes a provider's orderers (its ordering-rights page). */
  orderingRightsHref: (providerId: string) => string;
  /** The provider's page in the administration. */
  providerHref: (providerId: string) => string;
}

export const issueLabel = (issue: ComplianceIssue): MessageKey => `compliance.issue.${issue}` as MessageKey;

/** The access-review issues (rule 15), shown in their own column beside the last completed review. */
const REVIEW_ISSUES: ComplianceIssue[] = ['review_overdue', 'review_due'];
/** Rules 9 and 10: what the "Brister" column and its filter are about. */
const ruleIssues = (issues: ComplianceIssue[]) => issues.filter((i) => !REVIEW_ISSUES.includes(i));

/**
 * Every provider against rules 9 and 10: how many orderers (two required) and expert users
 * (recommended number) it has. Providers that fall short are highlighted, by words and a marker,
 * not by colour alone.
 */
export function ComplianceOverview({ orderingRightsHref, providerHref }: ComplianceOverviewProps) {
  const t = useT();
  const compliance = useCompliance();
  const [onlyIssues, setOnlyIssues] = useState(false);

  if (compliance.isPending) return <Loading />;
  if (compliance.isError) return <ErrorMessage error={compliance.error} title={t('compliance.error')} />;

  const rows = compliance.data;
  const tooFewOrderers = rows.filter((r) => r.issues.includes('too_few_orderers')).length;
  const lackingExperts = rows.filter((r) => ruleIssues(r.issues).some((i) => i !== 'too_few_orderers')).length;
  const shown = onlyIssues ? rows.filter((r) => ruleIssues(r.issues).length > 0) : rows;

  return (
    <div className="compliance">
      <ul className="compliance__summary">
        <li className={tooFewOrderers ? 'summary-item summary-item--issue' : 'summary-item'}>
          {t('compliance.summaryOrderers', { n: tooFewOrderers, total: rows.length })}
        </li>
        <li className={lackingExperts ? 'summary-item summary-item--issue' : 'summary-item'}>
          {t('compliance.summaryExperts', { n: lackingExperts, total: rows.length })}
        </li>
      </ul>
      <Checkbox label={t('compliance.onlyIssues')} checked={onlyIssues} onChange={(e) => setOnlyIssues(e.target.checked)} />
      <p role="status" className="result-count">
        {t('compliance.showing', { n: shown.length, total: rows.length })}
      </p>
      {shown.length > 0 && (
        <Table caption={t('compliance.caption')}>
          <thead>
            <tr>
              <th scope="col">{t('compliance.provider')}</th>
              <th scope="col">{t('compliance.orderers')}</th>
              <th scope="col">{t('compliance.expertUsers')}</th>
              <th scope="col">{t('compliance.issues')}</th>
              <th scope="col">{t('compliance.lastReview')}</th>
              <th scope="col">{t('compliance.orderingRights')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <ComplianceRowView
                key={row.provider_id}
                row={row}
                orderingRightsHref={orderingRightsHref}
                providerHref={providerHref}
              />
            ))}
          </tbody>
        </Table>
      )}
    </div>
  );
}

function ComplianceRowView({
  row,
  orderingRightsHref,
  providerHref,
}: { row: ComplianceRow } & ComplianceOverviewProps) {
  const t = useT();
  const fewOrderers = row.issues.includes('too_few_orderers');
  const issues = ruleIssues(row.issues);
  const fewExperts = issues.some((i) => i !== 'too_few_orderers');
  const reviewIssues = row.issues.filter((i) => REVIEW_ISSUES.includes(i));
  return (
    <tr className={issues.length ? 'row--issue' : undefined} data-issues={row.issues.join(' ') || undefined}>
      <th scope="row">
        <Link to={providerHref(row.provider_id)}>{row.provider_name}</Link>
      </th>
      <td className={fewOrderers ? 'cell--issue' : undefined}>
        {t('compliance.ordererCount', { n: row.orderers, required: row.orderers_required })}
      </td>
      <td className={fewExperts ? 'cell--issue' : undefined}>
        {t('compliance.expertCount', { n: row.expert_users, recommended: row.expert_users_recommended })}
      </td>
      <td>
        {issues.length === 0 ? (
          <span className="tag tag--active">{t('compliance.noIssues')}</span>
        ) : (
          <ul className="issue-list">
            {issues.map((issue) => (
              <li key={issue} className="issue">
                <span className="issue__icon" aria-hidden="true">
                  !
                </span>
                {t(issueLabel(issue))}
              </li>
            ))}
          </ul>
        )}
      </td>
      <td className={reviewIssues.length ? 'cell--issue' : undefined}>
        {row.last_review_completed_at ? formatDate(row.last_review_completed_at) : t('compliance.neverReviewed')}
        {reviewIssues.map((issue) => (
          <div key={issue} className="issue">
            <span className="issue__icon" aria-hidden="true">
              !
            </span>
            {t(issueLabel(issue))}
          </div>
        ))}
      </td>
      <td>
        <Link to={orderingRightsHref(row.provider_id)}>
          {t('compliance.manage')}
          <span className="visually-hidden"> {t('compliance.manageFor', { name: row.provider_name })}</span>
        </Link>
      </td>
    </tr>
  );
}
