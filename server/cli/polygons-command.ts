import { readFileSync } from 'node:fs';
import { openStore } from '../../pipelines/load/store.ts';
import { listPolygonSets, loadPolygonSet } from '../../pipelines/metrics/index.ts';
import { loadConfig, storeSettings } from '../config.ts';
import { parseCommandArgs } from './parse-args.ts';
import { UsageError } from './usage-error.ts';

/**
 * `fed311 polygons load FILE --id ID` stores a GeoJSON polygon set for `group_by=polygon` metrics; `fed311 polygons
 * list` shows the loaded sets. For a store no `serve` holds (DuckDB lets one process open a file); while serving,
 * POST the file to /api/v1/admin/polygons.
 */
export async function polygonsCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    id: { type: 'string' },
    name: { type: 'string' },
    'id-property': { type: 'string' },
    'name-property': { type: 'string' },
    json: { type: 'boolean' },
    db: { type: 'string' },
  });
  const [action, file, ...extra] = positionals;
  if (action !== 'load' && action !== 'list') throw new UsageError(`polygons: expected "load FILE --id ID" or "list", got ${action === undefined ? 'nothing' : `"${action}"`}`);
  if (extra.length || (action === 'list' && file !== undefined)) throw new UsageError(`polygons ${action}: unexpected argument "${extra[0] ?? file}"`);
  const geojson = action === 'load' ? readGeoJson(file, values.id) : undefined;
  const config = loadConfig();
  const store = await openStore({ path: values.db ?? config.db, ...storeSettings(config) });
  try {
    if (action === 'list') {
      const sets = await listPolygonSets({ store });
      const lines = values.json ? sets.map((s) => JSON.stringify(s)) : sets.map((s) => `${s.set_id}\t${s.polygons} polygons\t${s.name}\tloaded ${s.loaded_at}`);
      process.stdout.write(lines.length ? `${lines.join('\n')}\n` : values.json ? '' : 'no polygon sets loaded\n');
      return 0;
    }
    const set = await loadPolygonSet({
      store, setId: values.id!, name: values.name, geojson, idProperty: values['id-property'], nameProperty: values['name-property'], now: new Date(),
    });
    process.stdout.write(values.json ? `${JSON.stringify(set)}\n` : `loaded polygon set ${set.set_id}: ${set.polygons} polygons (metrics: group_by=polygon&polygons=${set.set_id})\n`);
    return 0;
  } finally {
    await store.close();
  }
}

function readGeoJson(file: string | undefined, id: string | undefined): unknown {
  if (!file) throw new UsageError('polygons load: a GeoJSON file is required');
  if (!id) throw new UsageError('polygons load: --id is required (the id metrics will take as polygons=)');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`polygons load: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not JSON (${(error as Error).message})`, { cause: error });
  }
}
