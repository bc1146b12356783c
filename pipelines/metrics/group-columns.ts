import type { GroupKey, Period } from './types.ts';

export interface GroupColumn {
  key: GroupKey;
  /** SQL expression over metric_requests f (and p for polygons). */
  expr: string;
  /** Result column name. */
  name: string;
  /** SQL turning the grouped value into what the caller sees (applied after aggregation, where it is cheap). */
  output: string;
}

export interface GroupOptions {
  keys: GroupKey[];
  period?: Period;
  h3Resolution: number;
  /** The DATE column periods are cut from (the metric's anchor). */
  periodSource: string;
}

/** SQL for each group key, in the order asked. */
export function groupColumns({ keys, period, h3Resolution, periodSource }: GroupOptions): GroupColumn[] {
  return keys.map((key) => {
    const name = `g_${key}`;
    // Cells are grouped as integers and written as H3's hex strings only for the result rows.
    return { key, name, expr: groupExpr(key, { period, h3Resolution, periodSource }), output: key === 'h3' ? `lower(hex(${name}))` : name };
  });
}

function groupExpr(key: GroupKey, { period, h3Resolution, periodSource }: Omit<GroupOptions, 'keys'>): string {
  switch (key) {
    case 'endpoint':
      return 'f.endpoint_id';
    case 'category':
      return 'f.category';
    case 'service_code':
      return 'f.service_code';
    case 'district':
      return 'f.district';
    case 'polygon':
      return 'p.polygon_id';
    case 'h3':
      return h3ParentSql('f.h3_cell', h3Resolution);
    case 'period':
      return periodSql(period!, periodSource);
  }
}

/**
 * The UTC calendar period (weeks start on Monday) holding a DATE, as its first day. Plain date arithmetic: it runs
 * per row, and date_trunc costs ~10x more.
 */
export function periodSql(period: Period, date: string): string {
  switch (period) {
    case 'day':
      return date;
    case 'week':
      return `(${date} - ((${date} - DATE '1970-01-05')::INTEGER % 7))`;
    case 'month':
      return `make_date(year(${date}), month(${date}), 1)`;
    case 'quarter':
      return `make_date(year(${date}), 3 * ((month(${date}) - 1) // 3) + 1, 1)`;
    case 'year':
      return `make_date(year(${date}), 1, 1)`;
  }
}

/**
 * The H3 parent at `resolution` of a stored resolution-9 cell (an integer; see `output`). In the H3 index the resolution
 * is bits 52–55 and digit r (1..15) is bits 3·(15−r)…+2, unused digits all ones: the parent is the cell with the
 * resolution field replaced and the digits past it set to 7 (https://h3geo.org/docs/core-library/h3Indexing).
 */
export function h3ParentSql(column: string, resolution: number): string {
  const all = (1n << 64n) - 1n;
  const keep = all ^ (0xfn << 52n);
  const set = (BigInt(resolution) << 52n) | ((1n << BigInt(3 * (15 - resolution))) - 1n);
  return `((${column} & ${keep}::UBIGINT) | ${set}::UBIGINT)`;
}

/** The result rows of a grouped query: group values as the caller sees them, ordered by group. */
export function outputRows(groups: GroupColumn[], sql: string): string {
  if (!groups.length) return sql;
  return `SELECT * REPLACE (${groups.map((g) => `${g.output} AS ${g.name}`).join(', ')}) FROM (${sql}) ORDER BY ALL`;
}
