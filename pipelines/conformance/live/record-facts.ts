import { judgeDatetime } from '../datetime.ts';

/** What the filter probes need to know of a listed request. */
export interface RecordFacts {
  id: string | null;
  status: string | null;
  serviceCode: string | null;
  /** requested_datetime as epoch ms, null when unreadable. */
  requestedAt: number | null;
  /** A zone-less time is read as UTC and may be off by up to 14 hours. */
  slackMs: number;
}

const zoneSlackMs = 14 * 3_600_000;

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : null);

export function recordFacts(record: unknown): RecordFacts {
  const fields = record !== null && typeof record === 'object' && !Array.isArray(record) ? (record as Record<string, unknown>) : {};
  const requested = typeof fields.requested_datetime === 'string' ? fields.requested_datetime : '';
  const verdict = requested === '' ? 'unparseable' : judgeDatetime(requested);
  const at = verdict === 'ok' || verdict === 'not_w3c' ? Date.parse(requested) : verdict === 'no_zone' ? Date.parse(`${requested.replace(' ', 'T')}Z`) : NaN;
  return {
    id: text(fields.service_request_id),
    status: text(fields.status),
    serviceCode: text(fields.service_code),
    requestedAt: Number.isNaN(at) ? null : at,
    slackMs: verdict === 'no_zone' ? zoneSlackMs : 0,
  };
}
