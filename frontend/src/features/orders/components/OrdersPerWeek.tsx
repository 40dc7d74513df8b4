import { useId } from 'react';
import { ErrorMessage, Loading, Table } from '@/components';
import { useT } from '@/lib/i18n';
import { useOrdersPerWeek, type WeekCount } from '../api/get-orders-per-week';
import type { OrderStatus } from '../api/types';
import { ORDER_STATUSES, statusLabel } from './labels';

/** Bar colours, each at least 3:1 against white (WCAG 1.4.11); the table carries the same numbers. */
export const STATUS_COLOURS: Record<OrderStatus, string> = {
  draft: '#6b6b6b',
  submitted: '#00497f',
  in_progress: '#8a4b00',
  completed: '#1e6b32',
  rejected: '#b00020',
  withdrawn: '#5b3f8c',
};

/** 1, 2 or 5 times a power of ten, at least `n` (and at least 1). */
export function niceMax(n: number): number {
  if (n <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(n));
  const step = [1, 2, 5, 10].find((s) => s * power >= n) ?? 10;
  return step * power;
}

const W = 480;
const H = 260;
const M = { top: 16, right: 8, bottom: 40, left: 40 };

/**
 * The small chart of support's overview: orders per status per week, the last 8 weeks, as stacked bars
 * in an SVG (role img, with a title and a summary) and the same numbers in a table below it, which is
 * the text alternative.
 */
export function OrdersPerWeek() {
  const t = useT();
  const query = useOrdersPerWeek();
  const id = `c${useId().replace(/:/g, '')}`;
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorMessage error={query.error} title={t('chart.loadFailed')} />;
  const { weeks, truncated } = query.data;
  const total = weeks.reduce((sum, w) => sum + w.total, 0);
  const first = weeks[0];
  const last = weeks[weeks.length - 1];
  const busiest = weeks.reduce<WeekCount | undefined>((best, w) => (!best || w.total > best.total ? w : best), undefined);
  const summary = t('chart.summary', {
    total,
    weeks: weeks.length,
    from: first?.week ?? '',
    to: last?.week ?? '',
    busiest: busiest?.week ?? '',
    most: busiest?.total ?? 0,
  });

  return (
    <div className="chart">
      <p>{t('chart.intro')}</p>
      {truncated && <p className="muted">{t('chart.truncated')}</p>}
      {total === 0 ? (
        <p>{t('chart.empty', { weeks: weeks.length })}</p>
      ) : (
        <>
          <figure className="chart__figure">
            <Bars weeks={weeks} titleId={`${id}-title`} descId={`${id}-desc`} title={t('chart.title', { weeks: weeks.length })} desc={summary} />
            <figcaption>
              <ul className="chart__legend">
                {ORDER_STATUSES.map((status) => (
                  <li key={status}>
                    <span className="chart__swatch" style={{ background: STATUS_COLOURS[status] }} aria-hidden="true" />
                    {statusLabel(t, status)}
                  </li>
                ))}
              </ul>
            </figcaption>
          </figure>
          <Table caption={t('chart.caption', { weeks: weeks.length })}>
            <thead>
              <tr>
                <th scope="col">{t('chart.week')}</th>
                {ORDER_STATUSES.map((status) => (
                  <th scope="col" key={status} className="num">
                    {statusLabel(t, status)}
                  </th>
                ))}
                <th scope="col" className="num">
                  {t('chart.total')}
                </th>
              </tr>
            </thead>
            <tbody>
              {weeks.map((w) => (
                <tr key={w.monday}>
                  <th scope="row" className="nowrap">
                    {t('chart.weekLabel', { week: w.week })}
                    <span className="muted"> ({w.monday})</span>
                  </th>
                  {ORDER_STATUSES.map((status) => (
                    <td key={status} className="num">
                      {w.counts[status]}
                    </td>
                  ))}
                  <td className="num">
                    <strong>{w.total}</strong>
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        </>
      )}
    </div>
  );
}

function Bars({ weeks, title, desc, titleId, descId }: { weeks: WeekCount[]; title: string; desc: string; titleId: string; descId: string }) {
  const t = useT();
  const max = niceMax(Math.max(...weeks.map((w) => w.total)));
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const slot = plotW / weeks.length;
  const barW = Math.min(40, slot * 0.6);
  const y = (n: number) => M.top + plotH - (n / max) * plotH;
  const ticks = Number.isInteger(max / 2) ? [0, max / 2, max] : [0, max];

  return (
    <svg
      className="chart__svg"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-labelledby={`${titleId} ${descId}`}
      preserveAspectRatio="xMinYMin meet"
    >
      <title id={titleId}>{title}</title>
      <desc id={descId}>{desc}</desc>
      {ticks.map((tick) => (
        <g key={tick}>
          <line x1={M.left} x2={W - M.right} y1={y(tick)} y2={y(tick)} className="chart__grid" />
          <text x={M.left - 6} y={y(tick)} dy="0.35em" textAnchor="end" className="chart__label">
            {tick}
          </text>
        </g>
      ))}
      {weeks.map((w, i) => {
        const x = M.left + i * slot + (slot - barW) / 2;
        let top = y(0);
        return (
          <g key={w.monday}>
            {ORDER_STATUSES.filter((s) => w.counts[s] > 0).map((status) => {
              const height = (w.counts[status] / max) * plotH;
              top -= height;
              return (
                <rect
                  key={status}
                  x={x}
                  y={top}
                  width={barW}
                  height={height}
                  fill={STATUS_COLOURS[status]}
                  className="chart__bar"
                />
              );
            })}
            {w.total > 0 && (
              <text x={x + barW / 2} y={y(w.total) - 4} textAnchor="middle" className="chart__label">
                {w.total}
              </text>
            )}
            <text x={x + barW / 2} y={H - M.bottom + 18} textAnchor="middle" className="chart__label">
              {t('chart.weekShort', { week: w.week })}
            </text>
          </g>
        );
      })}
      <line x1={M.left} x2={W - M.right} y1={y(0)} y2={y(0)} className="chart__axis" />
    </svg>
  );
}
