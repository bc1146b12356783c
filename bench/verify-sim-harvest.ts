// Checks a harvested DuckDB file against a running simulator's ground truth, endpoint by endpoint: same ids,
// statuses and timestamps, nothing twice, the rejected records next to the malformed ones injected, and every
// request stored as closed has a 'closed' event in request_events (run it again after advancing the simulator's
// clock and harvesting: each closure seen since must have its status change).
// Usage: node --import tsx bench/verify-sim-harvest.ts --sim http://127.0.0.1:3399 --db /tmp/sim.duckdb
import { parseArgs } from 'node:util';
import { openStore } from '../pipelines/load/store.ts';
import { compareWithTruth, summarizeComparison } from '../server/simulator/compare-truth.ts';
import type { SimulatorState, TruthRow } from '../server/simulator/types.ts';

const { values } = parseArgs({ options: { sim: { type: 'string' }, db: { type: 'string' } } });
if (!values.sim || !values.db) throw new Error('usage: verify-sim-harvest --sim URL --db PATH');
const state = (await (await fetch(`${values.sim}/_sim/state`)).json()) as SimulatorState;
const store = await openStore({ path: values.db });
let failures = 0;
try {
  console.log(`simulator clock ${state.clock}, faults ${state.faults}, seed ${state.seed}`);
  for (const endpoint of state.endpoints) {
    const text = await (await fetch(`${values.sim}/_sim/truth/${endpoint.id}.ndjson`)).text();
    const truth = text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as TruthRow);
    const summary = summarizeComparison(await compareWithTruth({ store, endpointId: endpoint.id, truth }));
    const [{ closedWithoutEvent = 0 } = {}] = await store.query<{ closedWithoutEvent: number }>(
      `SELECT count(*) AS "closedWithoutEvent" FROM service_requests r WHERE endpoint_id = $1 AND status = 'closed'
         AND NOT EXISTS (SELECT 1 FROM request_events e WHERE e.endpoint_id = r.endpoint_id AND e.service_request_id = r.service_request_id AND e.status = 'closed')`,
      [endpoint.id],
    );
    const [{ rejected = 0 } = {}] = await store.query<{ rejected: number }>(`SELECT count(*) AS rejected FROM rejected_records WHERE endpoint_id = $1`, [endpoint.id]);
    const malformed = truth.filter((t) => t.malformed !== null).length;
    const ok =
      summary.stored === summary.expected && summary.missing.count + summary.unexpected.count + summary.wrongStatus.count +
        summary.wrongRequestedAt.count + summary.wrongUpdatedAt.count + summary.duplicates === 0 && closedWithoutEvent === 0;
    if (!ok) failures++;
    console.log(
      `${ok ? 'ok  ' : 'FAIL'} ${endpoint.id.padEnd(18)} truth ${String(summary.expected).padStart(7)} stored ${String(summary.stored).padStart(7)} ` +
        `missing ${summary.missing.count} unexpected ${summary.unexpected.count} wrong status ${summary.wrongStatus.count} ` +
        `wrong requested ${summary.wrongRequestedAt.count} wrong updated ${summary.wrongUpdatedAt.count} duplicates ${summary.duplicates} ` +
        `closed without event ${closedWithoutEvent} rejected ${rejected} / malformed in truth ${malformed}`,
    );
  }
} finally {
  await store.close();
}
process.exitCode = failures === 0 ? 0 : 1;
