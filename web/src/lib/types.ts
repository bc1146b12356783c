/** The /api/v1 answer shapes the dashboard reads (docs/api.md). */
import type { Bbox } from './map/offline-style';

export interface EndpointRow {
  endpoint_id: string;
  name: string;
  base_url: string;
  dialect: string;
  timezone: string;
  license: string | null;
  enabled: boolean;
  bbox: Bbox | null;
  bbox_source: string | null;
  requests: number;
  open: number;
  oldest_requested_at: string | null;
  newest_requested_at: string | null;
  freshness_hours: number | null;
  last_run: { run_id: number; mode: string; started_at: string; finished_at: string | null; outcome: string; records_seen: number; error: string | null } | null;
  last_success_at: string | null;
  backfill_complete: boolean;
  uptime: { days: number; runs: number; ok: number; share_ok: number | null } | null;
  latency_ms_p50: number | null;
  conformance: { checked_at: string; errors: number; warnings: number; info: number; findings: { check_id: string; severity: string; message: string; count: number; example: string | null }[] } | null;
  quality: Record<string, number | string | null> | null;
}

export interface CategoryRow {
  category: string;
  label: string;
  description: string;
  requests: number;
  open: number;
}

export interface RequestRow {
  endpoint_id: string;
  service_request_id: string;
  status: string;
  status_raw: string;
  detailed_status: string | null;
  service_name: string | null;
  category: string;
  description: string | null;
  status_notes: string | null;
  requested_at: string;
  updated_at: string | null;
  closed_at: string | null;
  closed_at_source: string | null;
  address: string | null;
  lat: number | null;
  lon: number | null;
  media_urls: string[];
  agency_responsible: string | null;
}

export interface HistoryRow {
  observed_at: string;
  status: string;
  status_raw: string | null;
  detailed_status: string | null;
  updated_at: string | null;
  source: string;
  note_type: string | null;
}

// The metric shapes as the API sends them (the engine's, with snake_case keys): one definition, not a copy.
export type { MetricDefinitionJson as MetricDefinition, MetricResultJson as MetricResult, MetricRow } from '../../../pipelines/metrics/types.ts';
