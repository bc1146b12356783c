/** The canonical service request of CONTRACT §1. Timestamps are ISO 8601 UTC strings with `Z`. */
export interface CanonicalRequest {
  endpoint_id: string;
  service_request_id: string;
  token: string | null;
  status: 'open' | 'closed';
  status_raw: string;
  detailed_status: DetailedStatus | null;
  service_code: string | null;
  service_name: string | null;
  category: string;
  agency_responsible: string | null;
  service_notice: string | null;
  description: string | null;
  status_notes: string | null;
  requested_at: string;
  updated_at: string | null;
  expected_at: string | null;
  closed_at: string | null;
  closed_at_source: 'event' | 'observed' | 'updated_datetime' | null;
  acknowledged_at: string | null;
  address: string | null;
  zipcode: string | null;
  lat: number | null;
  lon: number | null;
  media_urls: string[];
  channel: string | null;
  district: string | null;
  parent_request_id: string | null;
  is_duplicate: boolean;
  extended: Record<string, unknown>;
  raw: unknown;
  /** What normalize noticed and corrected or dropped (coords_zero, coords_swapped, updated_unparseable, ...). */
  quality_flags: string[];
  /** Status history from the vendor's notes, to be stored as request_events with source 'notes'. */
  note_events: NoteEvent[];
}

export type DetailedStatus =
  | 'submitted' | 'acknowledged' | 'in_progress' | 'scheduled' | 'fixed' | 'no_action'
  | 'duplicate' | 'referred' | 'rejected' | 'reopened';

export interface NoteEvent {
  at: string;
  status: 'open' | 'closed' | null;
  detailed_status: DetailedStatus | null;
  type: string | null;
}

export interface RejectedRecord {
  endpoint_id: string;
  reason: string;
  raw: unknown;
}

export type NormalizeResult = { ok: true; request: CanonicalRequest } | { ok: false; rejected: RejectedRecord };
