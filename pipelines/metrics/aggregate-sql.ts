import { baseRows, type CompileInput } from './base-rows.ts';
import { outputRows } from './group-columns.ts';

/** An `aggregate` metric: the spec's aggregates over its base rows, per group. */
export function aggregateSql(input: CompileInput): string {
  const { spec } = input;
  const base = baseRows(input);
  const values = spec.values.map((name) => `${spec.sql![name]} AS v_${name}`);
  const select = [...base.groups.map((g) => g.name), `${spec.n} AS n`, ...values];
  const grouping = base.groups.length ? 'GROUP BY ALL' : '';
  return outputRows(base.groups, `WITH base AS (${base.sql}) SELECT ${select.join(', ')} FROM base WHERE ${spec.where} ${grouping}`);
}
