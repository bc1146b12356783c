import type { WireNote } from '../types.ts';
import { asList, isRecord, textOf } from './values.ts';

/** Chicago / Connected Bits / SF `notes[]`: {datetime, summary, description?, type} (GEOREPORT §7.2). */
export function readNotes({ value }: { value: unknown }): WireNote[] {
  const notes: WireNote[] = [];
  for (const item of asList(value, 'note')) {
    if (!isRecord(item)) continue;
    notes.push({ datetime: item.datetime, type: textOf(item.type), summary: textOf(item.summary), description: textOf(item.description) });
  }
  return notes;
}

/** 6Aika `log[]`: {time, status ∈ allocated/handling/done, note, handler} (GEOREPORT §7.4). */
export function readActivityLog({ value }: { value: unknown }): WireNote[] {
  const notes: WireNote[] = [];
  for (const item of asList(value, 'entry')) {
    if (!isRecord(item)) continue;
    notes.push({ datetime: item.time ?? item.datetime, type: textOf(item.status), summary: textOf(item.note), description: null });
  }
  return notes;
}
