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

  /** A new set with the same conditions, to add to without changing this one. */
  copy(): Conditions {
    const copy = new Conditions();
    copy.parts.push(...this.parts);
    copy.params.push(...this.params);
    return copy;
  }

  where(): string {
    return this.parts.length ? `WHERE ${this.parts.join(' AND ')}` : '';
  }
}
