// crypto.hash: one call, no Hash object per row (about a quarter cheaper than createHash for a record).
import { hash } from 'node:crypto';
import type { CanonicalRequest, RejectedRecord } from '../normalize/types.ts';
import { requestStageColumns } from './stage-columns.ts';

type Value = string | number | boolean | null;
export type Columns = Value[][];

/** One canonical request in its staged form: plain values, cheap to buffer and to pass between threads. */
export interface StagedRow {
  id: string;
  updatedAt: string | null;
  requestedAt: string;
  /** requestStageColumns' values, then raw JSON, then the content hash. */
  values: Value[];
  /** endpoint_id, service_request_id, note_at, status, detailed_status, note_type per vendor note. */
  notes: Value[][];
}

/**
 * A canonical row is a function of the raw record, its service name and category and the normalization context
 * (`contextKey`: dialect, zone, box, rules version): hashing those tells a changed record from a re-sighting.
 */
export function stageRequest({ request, contextKey }: { request: CanonicalRequest; contextKey: string }): StagedRow {
  const values: Value[] = requestStageColumns.map((column) => column.get(request));
  const raw = JSON.stringify(request.raw ?? null);
  values.push(raw, hash('sha1', `${contextKey}\u0000${request.service_name ?? ''}\u0000${request.category}\u0000${raw}`, 'base64'));
  return {
    id: request.service_request_id,
    updatedAt: request.updated_at,
    requestedAt: request.requested_at,
    values,
    notes: request.note_events.map((note) => [request.endpoint_id, request.service_request_id, note.at, note.status, note.detailed_status, note.type]),
  };
}

/** A batch as column arrays, ready for the Appender. */
export interface StagedColumns {
  requests: Columns | null;
  notes: Columns | null;
  rejected: Columns | null;
  rows: number;
}

/**
 * A load batch built row by row in the staged form, so parsed objects can be dropped as soon as they are read: a
 * buffered row costs about its raw JSON, not its object tree. One id twice (pages overlap, Helsinki repeats rows)
 * keeps the most recently updated version.
 */
export class StagedBatch {
  private readonly rows: StagedRow[] = [];
  private readonly rowOf = new Map<string, number>();
  private readonly rejected = new Map<string, { reason: string; raw: string }>();

  get size(): number {
    return this.rows.length + this.rejected.size;
  }

  addRow(row: StagedRow): void {
    const seen = this.rowOf.get(row.id);
    if (seen === undefined) {
      this.rowOf.set(row.id, this.rows.length);
      this.rows.push(row);
    } else if ((row.updatedAt ?? '') >= (this.rows[seen]!.updatedAt ?? '')) {
      // The older version's notes are still real history.
      this.rows[seen] = { ...row, notes: [...row.notes, ...this.rows[seen]!.notes] };
    }
  }

  /** Rejected records are kept once per distinct raw record (`hash` of the raw JSON). */
  addRejected({ hash, reason, raw }: { hash: string; reason: string; raw: string }): void {
    this.rejected.set(hash, { reason, raw });
  }

  columnsForLoad(): StagedColumns {
    const width = requestStageColumns.length + 2;
    const requests: Columns = Array.from({ length: width }, () => new Array<Value>(this.rows.length));
    const notes: Columns = [[], [], [], [], [], []];
    this.rows.forEach((row, r) => {
      for (let c = 0; c < width; c++) requests[c]![r] = row.values[c]!;
      for (const note of row.notes) note.forEach((value, c) => notes[c]!.push(value));
    });
    const hashes = [...this.rejected.keys()];
    return {
      requests: this.rows.length > 0 ? requests : null,
      notes: notes[0]!.length > 0 ? notes : null,
      rejected: hashes.length > 0 ? [hashes, hashes.map((h) => this.rejected.get(h)!.reason), hashes.map((h) => this.rejected.get(h)!.raw)] : null,
      rows: this.rows.length,
    };
  }
}

/** Stages rows at hand (tests, small callers) into a batch. */
export function stageAll({ requests, rejected, contextKey }: { requests: readonly CanonicalRequest[]; rejected: readonly RejectedRecord[]; contextKey: string }): StagedBatch {
  const batch = new StagedBatch();
  for (const request of requests) batch.addRow(stageRequest({ request, contextKey }));
  for (const record of rejected) {
    const raw = JSON.stringify(record.raw ?? null);
    batch.addRejected({ hash: hash('sha1', raw, 'base64'), reason: record.reason, raw });
  }
  return batch;
}
