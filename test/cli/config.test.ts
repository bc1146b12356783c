import { expect, test } from 'vitest';
import { loadConfig, storeSettings } from '../../server/config.ts';

test('the environment is read with defaults, and a bad value is refused naming the variable and the value', () => {
  expect(loadConfig({})).toMatchObject({ db: 'data/fed311.duckdb', duckdbMemory: '192MB', duckdbThreads: null, port: 3311, adminToken: null });
  expect(loadConfig({ FED311_DUCKDB_THREADS: '4', FED311_DUCKDB_MEMORY: '1GB', FED311_PORT: '8080' })).toMatchObject({ duckdbThreads: 4, duckdbMemory: '1GB', port: 8080 });
  expect(() => loadConfig({ FED311_DUCKDB_THREADS: 'two' })).toThrow('FED311_DUCKDB_THREADS: "two" is not a thread count');
  expect(() => loadConfig({ FED311_DUCKDB_THREADS: '0' })).toThrow('FED311_DUCKDB_THREADS');
  expect(() => loadConfig({ FED311_DUCKDB_MEMORY: 'lots' })).toThrow('FED311_DUCKDB_MEMORY: "lots" is not a size');
  expect(() => loadConfig({ FED311_PORT: '70000' })).toThrow('FED311_PORT: "70000" is not a port number');
});

test("DuckDB's settings: FED311_DUCKDB_THREADS wins over a command's default; without either, DuckDB's own", () => {
  expect(storeSettings(loadConfig({}), 1)).toEqual({ memoryLimit: '192MB', threads: 1 });
  expect(storeSettings(loadConfig({ FED311_DUCKDB_THREADS: '4' }), 1)).toEqual({ memoryLimit: '192MB', threads: 4 });
  expect(storeSettings(loadConfig({ FED311_DUCKDB_MEMORY: '1GB' }))).toEqual({ memoryLimit: '1GB', threads: undefined });
});
