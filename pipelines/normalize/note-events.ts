import type { WireNote } from '../dialects/types.ts';
import { parseTimestamp } from './parse-timestamp.ts';
import { detailedStatusFromRaw, statusOfDetailed, statusWord } from './status-words.ts';
import type { DetailedStatus, NoteEvent } from './types.ts';

/**
 * Vendor notes → status events: a note type that is a status word gives its status (opened/submitted → open,
 * closed → closed, 6Aika done → closed); activity and other types give null. The finer state comes from the type
 * (6Aika allocated/handling) or else from the summary, or the description where there is no summary (Connected Bits
 * `activity` notes: Chicago "Work Assigned", Boston "Case assigned" → acknowledged).
 * Notes without a readable time are dropped (flagged).
 */
export function noteEventsOf({ notes, zone, flags }: { notes: readonly WireNote[] | undefined; zone: string; flags: string[] }): NoteEvent[] {
  if (!notes || notes.length === 0) return [];
  const events: NoteEvent[] = [];
  let unreadable = false;
  for (const note of notes) {
    const at = parseTimestamp({ value: note.datetime, zone });
    if (at === null) {
      unreadable = true;
      continue;
    }
    const word = note.type === null ? null : statusWord({ raw: note.type });
    const text = note.summary ?? note.description;
    const detailed = word?.detailed ?? (text === null ? null : detailedStatusFromRaw({ raw: text }));
    events.push({ at, status: word?.status ?? null, detailed_status: detailed, type: note.type });
  }
  if (unreadable) flags.push('note_datetime_unparseable');
  return events;
}

/** The latest closing note, the best evidence of the close time. */
export function lastClosedAt({ events }: { events: readonly NoteEvent[] }): string | null {
  let latest: string | null = null;
  for (const event of events) if (event.status === 'closed' && (latest === null || event.at > latest)) latest = event.at;
  return latest;
}

const WORK_STARTED: ReadonlySet<DetailedStatus> = new Set(['acknowledged', 'in_progress', 'scheduled']);

/** The first note saying the back office took the request up (assigned, handling, scheduled): the vendor's acknowledgement. */
export function firstAcknowledgedAt({ events }: { events: readonly NoteEvent[] }): string | null {
  let first: string | null = null;
  for (const event of events) {
    if (event.detailed_status !== null && WORK_STARTED.has(event.detailed_status) && (first === null || event.at < first)) first = event.at;
  }
  return first;
}

/**
 * The finer state of the newest note that speaks of the request's state (a status or a finer word), when it fits
 * the request's status (notes can lag a status change): SF "submitted" then "opened" → null, not submitted.
 */
export function latestNoteDetailed({ events, status }: { events: readonly NoteEvent[]; status: 'open' | 'closed' }): DetailedStatus | null {
  let latest: NoteEvent | null = null;
  for (const event of events) {
    if ((event.status !== null || event.detailed_status !== null) && (latest === null || event.at >= latest.at)) latest = event;
  }
  if (latest === null || latest.detailed_status === null) return null;
  return (latest.status ?? statusOfDetailed(latest.detailed_status)) === status ? latest.detailed_status : null;
}
