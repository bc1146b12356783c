import type { WireNote } from '../dialects/types.ts';
import { parseTimestamp } from './parse-timestamp.ts';
import { statusWord } from './status-words.ts';
import type { NoteEvent } from './types.ts';

/**
 * Vendor notes → status events: a note type that is a status word gives its status (opened/submitted → open,
 * closed → closed, 6Aika done → closed); activity and other types give null. Notes without a readable time are dropped (flagged).
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
    events.push({ at, status: word?.status ?? null, detailed_status: word?.detailed ?? null, type: note.type });
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
