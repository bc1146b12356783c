import { ApiError } from '../errors.ts';
import type { Conditions } from './sql-parts.ts';

/**
 * Keyset pagination over (requested_at, endpoint_id, service_request_id), all descending: a stable total order, so
 * a page neither skips nor repeats rows while harvests write (new rows land before the cursor or after it, never
 * shift the rows behind it). The cursor is opaque to callers: base64url JSON of the last row's key.
 */
export interface RequestKey {
  /** requested_at in epoch microseconds (the stored precision). */
  t: string;
  e: string;
  i: string;
}

export const requestOrder = 'ORDER BY requested_at DESC, endpoint_id DESC, service_request_id DESC';
export const requestKeySelect = 'epoch_us(requested_at)::VARCHAR AS _t';

export function encodeCursor(key: RequestKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string): RequestKey {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as RequestKey;
    if (/^-?\d{1,20}$/.test(key.t) && typeof key.e === 'string' && typeof key.i === 'string') return key;
  } catch {
    // fall through to the refusal below
  }
  throw new ApiError({ status: 400, code: 'bad_cursor', message: 'cursor: not a cursor this API handed out (use the `next` of a previous page)', parameter: 'cursor' });
}

export function afterKey(where: Conditions, key: RequestKey): void {
  where.add('(requested_at, endpoint_id, service_request_id) < (make_timestamptz(?::BIGINT), ?, ?)', key.t, key.e, key.i);
}
