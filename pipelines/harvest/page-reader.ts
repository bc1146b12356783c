import { Worker } from 'node:worker_threads';
import { BodyError } from '../parse/types.ts';
import { AnswerError, readPage, type PageResult, type PageTask } from './read-page.ts';

export interface PageReader {
  read(task: PageTask): Promise<PageResult>;
  close(): Promise<void>;
}

const workerUrl = new URL('./page-worker.ts', import.meta.url);
// Workers load TypeScript the way the main process does (server/bin/fed311 registers tsx the same way).
const registerTsx = new URL('../../server/bin/register-tsx.mjs', import.meta.url);

/**
 * Reads pages in `workers` worker threads (round robin), or in-process when 0. Errors come back as the same kinds:
 * BodyError (retried by the HTTP client) or AnswerError (terminal).
 */
export function createPageReader({ workers }: { workers: number }): PageReader {
  if (workers <= 0) return { read: async (task) => readPage(task), close: async () => undefined };
  const pending = new Map<number, { resolve: (r: PageResult) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  const pool = Array.from({ length: workers }, () => {
    // A page worker's live heap is a page or two: cap it so V8 collects early (the process must stay small).
    const worker = new Worker(workerUrl, { execArgv: ['--import', registerTsx.href], resourceLimits: { maxOldGenerationSizeMb: 128 } });
    worker.on('message', ({ id, result, error }: { id: number; result?: PageResult; error?: { name: string; message: string } }) => {
      const waiter = pending.get(id);
      pending.delete(id);
      if (!waiter) return;
      if (result) waiter.resolve(result);
      else waiter.reject(error!.name === 'BodyError' ? new BodyError(error!.message) : new AnswerError(error!.message));
    });
    worker.on('error', (error) => {
      for (const waiter of pending.values()) waiter.reject(error);
      pending.clear();
    });
    return worker;
  });
  return {
    read: (task) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        pool[id % pool.length]!.postMessage({ id, task });
      }),
    close: async () => {
      await Promise.all(pool.map((worker) => worker.terminate()));
    },
  };
}
