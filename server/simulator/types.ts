import type { Endpoint } from '../../pipelines/registry/types.ts';
import type { DeclaredDeviation } from './conformance/dialect-deviations.ts';

export type FaultProfile = 'none' | 'flaky' | 'hostile';

export interface SimulatorOptions {
  /** 0 = any free port. */
  port?: number;
  host?: string;
  seed: number;
  /** Total requests across all endpoints (split by fixed weights). */
  requests: number;
  faults: FaultProfile;
  /** Start of the simulated clock; default: the real time minus 14 days, truncated to the hour. */
  now?: Date;
  /** How long a stalled response is held (ms); default 4000, above the registry's 2 s timeout. */
  stallMs?: number;
}

/** One record as the ground truth knows it at the current clock; timestamps are `Date#toISOString()`. */
export interface TruthRow {
  service_request_id: string;
  status: 'open' | 'closed';
  requested_at: string;
  updated_at: string;
  closed_at: string | null;
  /** When the back office took the request up (the simulated dialects show it as notes, states or words), or null. */
  acknowledged_at: string | null;
  /** Why the wire record is defective (the harvester should reject it), or null. */
  malformed: string | null;
  duplicate_of: string | null;
}

export interface EndpointState {
  id: string;
  dialect: string;
  base_url: string;
  total: number;
  visible: number;
  open: number;
  closed: number;
  malformed: number;
  first_requested_at: string | null;
  last_visible_requested_at: string | null;
}

export interface SimulatorState {
  clock: string;
  started_at: string;
  seed: number;
  requests: number;
  faults: FaultProfile;
  fault_counts: Record<string, number>;
  endpoints: EndpointState[];
}

/** The GeoReport v2 deviations the simulator injects (GET /_sim/conformance; docs/conformance.md). */
export interface SimConformance {
  endpoints: { id: string; dialect: string; deviations: DeclaredDeviation[] }[];
  /** The generic endpoint with one named deviation each, JSON only, off the registry. */
  hostile: { name: string; base_url: string; checks: string[]; description: string }[];
}

export interface Simulator {
  /** http://host:port, no trailing slash. */
  url: string;
  registry(): Endpoint[];
  registryYaml(): string;
  now(): Date;
  advance(ms: number): void;
  state(): SimulatorState;
  truth(endpointId: string): TruthRow[];
  conformance(): SimConformance;
  close(): Promise<void>;
}
