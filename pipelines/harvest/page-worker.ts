// Worker thread of page-reader.ts: reads pages off the main thread, which keeps HTTP and DuckDB.
import { parentPort } from 'node:worker_threads';
import { BodyError } from '../parse/types.ts';
import { readPage, type PageTask } from './read-page.ts';

parentPort!.on('message', ({ id, task }: { id: number; task: PageTask }) => {
  try {
    parentPort!.postMessage({ id, result: readPage(task) });
  } catch (error) {
    const err = error as Error;
    parentPort!.postMessage({ id, error: { name: err instanceof BodyError ? 'BodyError' : err.name, message: err.message } });
  }
});
