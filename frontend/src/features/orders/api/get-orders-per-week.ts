/**
 * Orders per status per week, for support's overview, counted from `GET /api/v1/orders?updated_since=`
 * pages of 200 (at most `MAX_PAGES`: the overview stays cheap; beyond that the counts say they are
 * incomplete). Each order counts once: in the week (Monday–Sunday, Stockholm) it last changed, under
 * the status it has now.
 */
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api';
import { formatDate } from '@/lib/i18n';
import type { OrderStatus } from './types';

export const WEEKS = 8;
export const MAX_PAGES = 10;

export interface WeekCount {
  /** The week's Monday, `YYYY-MM-DD`. */
  monday: string;
  /** ISO 8601 week number. */
  week: number;
  counts: Record<OrderStatus, number>;
  total: number;
}

export interface OrdersPerWeek {
  weeks: WeekCount[];
  /** True when there were more orders than `MAX_PAGES` pages: the counts are a lower bound. */
  truncated: boolean;
}

const DAY = 86_400_000;

function utc(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1);
}
function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The Monday of the week a `YYYY-MM-DD` date falls in. */
export function mondayOf(date: string): string {
  const ms = utc(date);
  const weekday = (new Date(ms).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return isoDate(ms - weekday * DAY);
}

/** The ISO 8601 week number of a `YYYY-MM-DD` date (week 1 holds the year's first Thursday). */
export function isoWeek(date: string): number {
  const thursday = utc(mondayOf(date)) + 3 * DAY;
  const year = new Date(thursday).getUTCFullYear();
  return Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY)) + 1;
}

const emptyCounts = (): Record<OrderStatus, number> => ({
  draft: 0,
  submitted: 0,
  in_progress: 0,
  completed: 0,
  rejected: 0,
  withdrawn: 0,
});

/** The last `WEEKS` weeks up to and including the one of `today` (a Stockholm date), oldest first. */
export function lastWeeks(today: string, weeks = WEEKS): WeekCount[] {
  const current = utc(mondayOf(today));
  return Array.from({ length: weeks }, (_, i) => {
    const monday = isoDate(current - (weeks - 1 - i) * 7 * DAY);
    return { monday, week: isoWeek(monday), counts: emptyCounts(), total: 0 };
  });
}

export async function getOrdersPerWeek(today: string = formatDate(new Date())): Promise<OrdersPerWeek> {
  const weeks = lastWeeks(today);
  const byMonday = new Map(weeks.map((w) => [w.monday, w]));
  // From the first Monday at midnight in Stockholm (UTC+1 or +2): two hours early is safe, the
  // weeks below decide what counts.
  const since = new Date(utc(weeks[0]?.monday ?? today) - 2 * 3_600_000).toISOString();
  let cursor: string | undefined;
  let truncated = false;
  for (let page = 0; ; page++) {
    if (page === MAX_PAGES) {
      truncated = true;
      break;
    }
    const { items, next_cursor } = unwrap(
      await api.GET('/api/v1/orders', { params: { query: { updated_since: since, limit: 200, cursor } } }),
    );
    for (const order of items) {
      const week = byMonday.get(mondayOf(formatDate(order.updated_at)));
      if (!week) continue;
      week.counts[order.status] += 1;
      week.total += 1;
    }
    if (!next_cursor) break;
    cursor = next_cursor;
  }
  return { weeks, truncated };
}

export function useOrdersPerWeek() {
  return useQuery({ queryKey: ['orders', 'per-week'], queryFn: () => getOrdersPerWeek(), staleTime: 60_000 });
}
