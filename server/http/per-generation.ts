import type { AppServices } from './services.ts';

/**
 * A value read from the store, kept until the store's next write (its generation moves): `read` runs once per
 * write, however many requests ask meanwhile. A failed read is not kept.
 */
export function perGeneration<T>(read: (app: AppServices) => Promise<T>): (app: AppServices) => Promise<T> {
  const kept = new WeakMap<AppServices, { generation: number; value: Promise<T> }>();
  return (app) => {
    const generation = app.store.generation();
    const hit = kept.get(app);
    if (hit && hit.generation === generation) return hit.value;
    const value = read(app);
    kept.set(app, { generation, value });
    value.catch(() => {
      if (kept.get(app)?.value === value) kept.delete(app);
    });
    return value;
  };
}
