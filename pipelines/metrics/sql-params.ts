import { listValue, type DuckDBValue } from '@duckdb/node-api';

/** Collects the values of a compiled query as numbered parameters, so no caller text is pasted into SQL. */
export class SqlParams {
  readonly values: DuckDBValue[] = [];

  add(value: string | number | null): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  addList(values: string[]): string {
    this.values.push(listValue(values));
    return `$${this.values.length}::VARCHAR[]`;
  }

  addInstant(iso: string): string {
    return `${this.add(iso)}::TIMESTAMPTZ`;
  }
}
