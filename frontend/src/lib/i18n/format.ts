/**
 * Dates and times the Swedish way (2026-03-05, 2026-03-05 14:30), in the municipality's time zone,
 * whatever the interface language: they are unambiguous for every reader.
 */
const TIME_ZONE = 'Europe/Stockholm';

const dateFormat = new Intl.DateTimeFormat('sv-SE', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

const dateTimeFormat = new Intl.DateTimeFormat('sv-SE', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** An RFC 3339 time (or a Date) as a Swedish date: `2026-03-05`. A plain `YYYY-MM-DD` is kept as is. */
export function formatDate(value: string | Date): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  return dateFormat.format(date);
}

/** An RFC 3339 time (or a Date) as a Swedish date and time: `2026-03-05 14:30`. */
export function formatDateTime(value: string | Date): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  return dateTimeFormat.format(date).replace(',', '');
}
