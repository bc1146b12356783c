import type { Observations } from '../conformance/observations.ts';
import type { Deps } from '../deps.ts';
import type { Dialect } from '../dialects/types.ts';
import type { EndpointClient } from '../fetch/http-client.ts';
import type { Store } from '../load/store.ts';
import type { Endpoint } from '../registry/types.ts';
import type { PageReader } from './page-reader.ts';
import type { RecordSink } from './record-sink.ts';

/** Everything one endpoint's run needs, built once by run-endpoint.ts. */
export interface RunContext {
  endpoint: Endpoint;
  dialect: Dialect;
  client: EndpointClient;
  store: Store;
  deps: Deps;
  runId: number;
  sink: RecordSink;
  /** Reads response bytes into staged rows (in worker threads). */
  reader: PageReader;
  serviceNames: Map<string, string>;
  serviceCategories: Map<string, string>;
  /** normalizationContextKey(endpoint). */
  contextKey: string;
  counters: RunCounters;
  options: HarvestOptions;
  /** GeoReport v2 conformance seen during the run; written to endpoint_checks at its end. */
  conformance: { observations: Observations; servicesChecked: boolean };
}

export interface RunCounters {
  pages: number;
  windowsSplit: number;
  warnings: string[];
}

export interface HarvestOptions {
  /** Canonical rows buffered before a load transaction. */
  batchSize: number;
  /** A query that pages this far without a short page is treated as not complete. */
  maxPages: number;
  /** Narrowest requested/updated window before a capped answer is accepted as it is. */
  minWindowSeconds: number;
  /** Overlap re-read on change passes, for servers whose updated_datetime lags. */
  updatedOverlapSeconds: number;
  /** Days before now that a first backfill starts when the registry names no backfill_from. */
  defaultBackfillDays: number;
  /** Refresh the services list when older than this. */
  servicesMaxAgeHours: number;
  /** Calls in flight across all endpoints. */
  globalConcurrency: number;
  /** Calls in flight to one host, whatever the number of its tenants. */
  hostConcurrency: number;
  /** Worker threads reading pages (parse, normalize, stage) off the main thread; 0 reads in-process. */
  pageWorkers: number;
}

export const defaultHarvestOptions: HarvestOptions = {
  batchSize: 3000,
  maxPages: 5000,
  minWindowSeconds: 1,
  updatedOverlapSeconds: 3600,
  defaultBackfillDays: 90,
  servicesMaxAgeHours: 24,
  globalConcurrency: 8,
  hostConcurrency: 4,
  pageWorkers: 1,
};
