import { readRequestList } from '../dialects/shared/envelope.ts';
import type { ParsedBody } from '../parse/types.ts';
import { checkListAnswer, type ListAnswer } from './check-answer.ts';
import { checkDateWindow } from './check-window.ts';
import type { Observations } from './observations.ts';

/**
 * A harvested requests page's observations (run in the page worker, on what it parsed anyway): the answer's checks,
 * and — for a requested_datetime window — whether every normalized request lies inside the window asked for.
 */
export function observeRequestsPage({ answer, rows, window }: {
  answer: ListAnswer;
  /** The page's normalized rows (requestedAt in UTC ISO, zone-less times already read in the endpoint's zone). */
  rows: readonly { id: string; requestedAt: string }[];
  /** Epoch ms bounds of the start_date/end_date asked for, when the query had them. */
  window?: { start: number; end: number };
}): Observations {
  const observations: Observations = {};
  checkListAnswer({ answer: { ...answer, items: listAsSent(answer.body) ?? answer.items }, list: 'requests', observations });
  if (window) {
    const requested = rows.map((row) => ({ id: row.id, at: Date.parse(row.requestedAt), slackMs: 0 }));
    checkDateWindow({ requested, window, where: answer.where, observations });
  }
  return observations;
}

/**
 * The records as the server listed them: a dialect may already have smoothed its list (CitySDK drops repeated rows),
 * but a finding is about the wire. Null for bodies the spec reader refuses (error documents), where the dialect decides.
 */
function listAsSent(body: ParsedBody): unknown[] | null {
  try {
    return readRequestList({ body });
  } catch {
    return null;
  }
}
