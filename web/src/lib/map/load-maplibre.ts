/** MapLibre GL, loaded only in the browser and only by pages with a map, with its worker wired up. */
export async function loadMaplibre(): Promise<typeof import('maplibre-gl')> {
  const [maplibre, worker] = await Promise.all([import('maplibre-gl'), import('maplibre-gl/dist/maplibre-gl-worker.mjs?url')]);
  // Once bundled, MapLibre cannot find its worker on its own: nothing would render.
  maplibre.setWorkerUrl(worker.default);
  return maplibre;
}
