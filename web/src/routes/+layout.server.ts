import { loadConfig } from '../../../server/config.ts';

// The basemap choice comes from FED311_MAP_STYLE through server/config.ts, the process's one reader of the environment.
export function load() {
  return { mapStyle: loadConfig().mapStyle };
}
