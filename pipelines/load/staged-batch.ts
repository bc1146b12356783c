import { createHash } from 'node:crypto';
import type { CanonicalRequest, RejectedRecord } from '../normalize/types.ts';
import { requestStageColumns } from './stage-columns.ts';

type Value = string | number | boolean | null;
export type Columns = Value[][];

/** A batch as column arrays, ready for the Appender. */
export interface StagedColumns {
  requests: Columns | null;
  notes: Columns | null;
  rejected: Columns | null;
  rows: number;
}

/**
 * A load batch built up record by record in the staged (column) form, so the parsed objects can be dropped as
 * soon as they are read: a buffered row costs about its raw JSON, not its object tree. One id twice (pages overlap,
 * Helsinki repeats rows) keeps the most recently updated version.
 *
 * A canonical row is a function of the raw record, its service name and category and the normalization context
 * (`contextKey`: dialect, zone, box, rules version): hashing those tells a changed record from a re-sighting.
 */
export class StagedBatch {
  private readonly columns: Columns = [...requestStageColumns.map(() => []), [], []];
  private readonly rowOf = new Map<string, number>();
  private readonly updatedAt: (string | null)[] = [];
  private readonly notes: Columns = [[], [], [], [], [], []];
  private readonly rejected = new Map<string, { reason: string; raw: string }>();

  constructor(private readonly contextKey: string) {}

  get size(): number {
    return this.updatedAt.length + this.rejected.size;
  }

  add(request: CanonicalRequest): void {
    const seen = this.rowOf.get(request.service_request_id);
    if (seen !== undefined && (request.updated_at ?? '') < (this.updatedAt[seen] ?? '')) return;
    const row = seen ?? this.updatedAt.length;
    this.rowOf.set(request.service_request_id, row);
    this.updatedAt[row] = request.updated_at;
    const width = requestStageColumns.length;
    for (let i = 0; i < width; i++) this.columns[i]![row] = requestStageColumns[i]!.get(request);
    const raw = JSON.stringify(request.raw ?? null);
    this.columns[width]![row] = raw;
    this.columns[width + 1]![row] = createHash('sha1')
      .update(`${this.contextKey}\u0000${request.service_name ?? ''}\u0000${request.category}\u0000${raw}`)
      .digest('base64');
    for (const note of request.note_events) {
      this.notes[0]!.push(request.endpoint_id);
      this.notes[1]!.push(request.service_request_id);
      this.notes[2]!.push(note.at);
      this.notes[3]!.push(note.status);
      this.notes[4]!.push(note.detailed_status);
      this.notes[5]!.push(note.type);
    }
  }

  /** Rejected records are kept once per distinct raw record. */
  addRejected(record: RejectedRecord): void {
    const raw = JSON.stringify(record.raw ?? null);
    this.rejected.set(createHash('sha1').update(raw).digest('base64'), { reason: record.reason, raw });
  }

  columnsForLoad(): StagedColumns {
    const hashes = [...this.rejected.keys()];
    return {
      requests: this.updatedAt.length > 0 ? this.columns : null,
      notes: this.notes[0]!.length > 0 ? this.notes : null,
      rejected: hashes.length > 0 ? [hashes, hashes.map((h) => this.rejected.get(h)!.reason), hashes.map((h) => this.rejected.get(h)!.raw)] : null,
      rows: this.updatedAt.length,
    };
  }
}
