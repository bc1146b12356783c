import type { Map as MapLibreMap } from 'maplibre-gl';
import { colorExpression, type CategoryColor, type ColorBy } from './colors';
import { jurisdictionCenters, jurisdictionsGeojson, type Jurisdiction } from './offline-style';

const empty: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };

/** The data layers fed311 draws over any basemap: jurisdiction outlines, hexagons, clustered points, the selection. */
export function addDataLayers(map: MapLibreMap, jurisdictions: Jurisdiction[]): void {
  map.addSource('jurisdictions', { type: 'geojson', data: jurisdictionsGeojson(jurisdictions) });
  map.addSource('jurisdiction-centers', { type: 'geojson', data: jurisdictionCenters(jurisdictions) });
  map.addSource('hexagons', { type: 'geojson', data: empty });
  // Clustering happens in MapLibre's worker; the API already capped how many points come this far.
  map.addSource('points', { type: 'geojson', data: empty, cluster: true, clusterRadius: 40, clusterMaxZoom: 15 });
  map.addLayer({ id: 'jurisdictions-fill', type: 'fill', source: 'jurisdictions', paint: { 'fill-color': '#ffffff', 'fill-opacity': 0.5 } });
  map.addLayer({ id: 'jurisdictions-outline', type: 'line', source: 'jurisdictions', paint: { 'line-color': '#52606d', 'line-width': 1.2, 'line-dasharray': [3, 2] } });
  // Zoomed out to a continent, a city is a few pixels: a ring marks where each jurisdiction is.
  map.addLayer({ id: 'jurisdictions-marker', type: 'circle', source: 'jurisdiction-centers', maxzoom: 6, paint: { 'circle-radius': 9, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#52606d', 'circle-stroke-width': 1.5 } });
  map.addLayer({ id: 'hexagons', type: 'fill', source: 'hexagons', paint: { 'fill-opacity': 0.75, 'fill-outline-color': '#ffffff' } });
  map.addLayer({
    id: 'clusters',
    type: 'circle',
    source: 'points',
    filter: ['has', 'point_count'],
    paint: {
      'circle-color': '#486581',
      'circle-opacity': 0.8,
      'circle-radius': ['step', ['get', 'point_count'], 10, 10, 14, 100, 20, 1000, 26],
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 1.5,
    },
  });
  map.addLayer({
    id: 'points',
    type: 'circle',
    source: 'points',
    filter: ['!', ['has', 'point_count']],
    paint: { 'circle-radius': 6, 'circle-stroke-color': '#1f2933', 'circle-stroke-width': 1 },
  });
}

export function paintByColor(map: MapLibreMap, colorBy: ColorBy, palette: CategoryColor[]): void {
  map.setPaintProperty('hexagons', 'fill-color', colorExpression(colorBy, 'hexagons', palette));
  map.setPaintProperty('points', 'circle-color', colorExpression(colorBy, 'points', palette));
}

/** Shows hexagons or points, never both: the zoom decides which the API is asked for. */
export function showData(map: MapLibreMap, mode: 'hexagons' | 'points', data: GeoJSON.FeatureCollection): void {
  const other = mode === 'hexagons' ? 'points' : 'hexagons';
  (map.getSource(mode) as import('maplibre-gl').GeoJSONSource).setData(data);
  (map.getSource(other) as import('maplibre-gl').GeoJSONSource).setData(empty);
}
