/** Numbers and dates as the dashboard shows them: fixed locale and UTC, so server and browser render alike. */
const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

export const formatCount = (n: number | null | undefined): string => (n === null || n === undefined ? '–' : integer.format(n));
export const formatDays = (d: number | null | undefined): string => (d === null || d === undefined ? '–' : `${decimal.format(d)} d`);
export const formatShare = (s: number | null | undefined): string => (s === null || s === undefined ? '–' : `${decimal.format(s * 100)} %`);
export const formatDate = (iso: string | null | undefined): string => (iso ? iso.slice(0, 10) : '–');
export const formatTime = (iso: string | null | undefined): string => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '–');

/** "3 h ago" style ages, measured against a given instant (the API's as_of or the page's clock). */
export function formatAge(iso: string | null | undefined, now: number): string {
  if (!iso) return 'never';
  const hours = (now - Date.parse(iso)) / 3_600_000;
  if (hours < 1) return `${Math.max(0, Math.round(hours * 60))} min ago`;
  if (hours < 48) return `${Math.round(hours)} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}

/** A from/to filter in words; `to` is exclusive, as /api/v1 reads it. */
export function formatRange(from: string, to: string): string {
  if (from && to) return `from ${from} to before ${to}`;
  if (from) return `from ${from} on`;
  if (to) return `before ${to}`;
  return 'at any time';
}
