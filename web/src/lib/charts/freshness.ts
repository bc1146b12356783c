// Imports nothing, so the tests outside web/ can load it as it is.

/** Older than this, a feed is stale: the same 48 hours as the endpoint page's banner and the health page. */
export const staleHours = 48;

/** What freshness reads of an endpoint (/api/v1/endpoints rows have it). */
export interface FeedEndpoint {
  endpoint_id: string;
  name: string;
  last_success_at: string | null;
  last_run: { outcome: string } | null;
}

/** When a chart's data last arrived, which is not when its figures were computed (that is every request). */
export interface Freshness {
  /** The last successful harvest of the endpoints shown; of several, the oldest (the data is complete up to there). Null when one never succeeded. */
  dataAsOf: string | null;
  /** How many endpoints the chart draws on. */
  endpoints: number;
  /** One sentence per endpoint shown whose last harvest failed or whose last success is older than staleHours. */
  warnings: string[];
}

/** As format.ts's formatTime: minutes, UTC. */
const utc = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

/** Freshness measured at `now`, the API's as-of instant: its clock, not the browser's. */
export function freshnessOf(endpoints: FeedEndpoint[] | null, now: string): Freshness | undefined {
  if (!endpoints?.length) return undefined;
  const successes = endpoints.map((e) => e.last_success_at);
  const dataAsOf = successes.includes(null) ? null : successes.reduce((a, b) => (Date.parse(b!) < Date.parse(a!) ? b : a))!;
  return { dataAsOf, endpoints: endpoints.length, warnings: endpoints.flatMap((e) => feedWarning(e, Date.parse(now))) };
}

function feedWarning(e: FeedEndpoint, now: number): string[] {
  const feed = `${e.name} (${e.endpoint_id})`;
  const last = e.last_success_at ? `its data last arrived ${utc(e.last_success_at)}` : 'no harvest of it has succeeded yet';
  if (e.last_run?.outcome === 'failed') return [`${feed}: the last harvest failed; ${last}.`];
  if (!e.last_success_at) return [`${feed}: ${last}.`];
  if ((now - Date.parse(e.last_success_at)) / 3_600_000 > staleHours) return [`${feed} is stale: no successful harvest for over ${staleHours} hours; ${last}.`];
  return [];
}

/** The line every chart carries (on the page, in embeds and in downloads). */
export function asOfLine(freshness: Freshness | undefined): string {
  if (!freshness) return '';
  if (!freshness.dataAsOf) return 'Data as of: unknown (an endpoint shown has never been harvested successfully).';
  const whose = freshness.endpoints === 1 ? 'the endpoint’s last successful harvest' : `the oldest last successful harvest of the ${freshness.endpoints} endpoints shown`;
  return `Data as of ${utc(freshness.dataAsOf)} (${whose}).`;
}
