import type { StyleSpecification } from 'maplibre-gl';

export type Bbox = [number, number, number, number];
export interface Jurisdiction {
  endpoint_id: string;
  name: string;
  bbox: Bbox | null;
}

/** The built-in basemap: no tiles, glyphs or sprites to fetch, so it works offline — a plain ground, a graticule
 * and each endpoint's coverage box as its jurisdiction outline. FED311_MAP_STYLE replaces it with any style URL. */
export function offlineStyle(): StyleSpecification {
  return {
    version: 8,
    sources: { graticule: { type: 'geojson', data: graticule(10) } },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#eef1f4' } },
      { id: 'graticule', type: 'line', source: 'graticule', paint: { 'line-color': '#d5dbe1', 'line-width': 0.6 } },
    ],
  };
}

/** Jurisdiction outlines sit on top of any basemap, built-in or configured. */
export function jurisdictionsGeojson(jurisdictions: Jurisdiction[]): GeoJSON.FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: jurisdictions
      .filter((j): j is Jurisdiction & { bbox: Bbox } => j.bbox !== null)
      .map((j) => {
        const [w, s, e, n] = j.bbox;
        return {
          type: 'Feature',
          properties: { endpoint_id: j.endpoint_id, name: j.name },
          geometry: { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] },
        };
      }),
  };
}

/** The middle of each coverage box, to mark a jurisdiction where its outline is too small to see. */
export function jurisdictionCenters(jurisdictions: Jurisdiction[]): GeoJSON.FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: jurisdictions.flatMap((j) =>
      j.bbox ? [{ type: 'Feature' as const, properties: { endpoint_id: j.endpoint_id, name: j.name }, geometry: { type: 'Point' as const, coordinates: [(j.bbox[0] + j.bbox[2]) / 2, (j.bbox[1] + j.bbox[3]) / 2] } }] : [],
    ),
  };
}

function graticule(step: number): GeoJSON.FeatureCollection {
  const lines: GeoJSON.Position[][] = [];
  for (let lon = -180; lon <= 180; lon += step) lines.push([[lon, -85], [lon, 85]]);
  for (let lat = -80; lat <= 80; lat += step) lines.push([[-180, lat], [180, lat]]);
  return { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'MultiLineString', coordinates: lines } }] };
}
