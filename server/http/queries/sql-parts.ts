import type { DuckDBValue } from '@duckdb/node-api';

/** A WHERE clause built from conditions with `?` placeholders, and their values in order. */
export class Conditions {
  readonly parts: string[] = [];
  readonly params: DuckDBValue[] = [];

  add(sql: string, ...values: DuckDBValue[]): this {
    this.parts.push(sql);
    this.params.push(...values);
    return this;
  }

  /** `column IN (?, ?, …)` for a non-empty list. */
  in(column: string, values: readonly string[] | undefined): this {
    if (!values?.length) return this;
    return this.add(`${column} IN (${values.map(() => '?').join(', ')})`, ...values);
  }

  where(): string {
    return this.parts.length ? `WHERE ${this.parts.join(' AND ')}` : '';
  }
}
