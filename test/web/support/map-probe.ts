import type { Page } from 'playwright-core';

/** What MapLibre actually drew, read from the page: rendered features of the given layers, and the view. */
export function renderedFeatures(page: Page, layers: string[]): Promise<Record<string, unknown>[]> {
  return page.evaluate((names) => {
    const map = (window as unknown as { __fed311: { map: { queryRenderedFeatures(o: object): { properties: Record<string, unknown> }[] } } }).__fed311.map;
    return map.queryRenderedFeatures({ layers: names }).map((f) => f.properties);
  }, layers);
}

export function mapView(page: Page): Promise<{ zoom: number; lat: number; lon: number; bbox: string; mode: string }> {
  return page.evaluate(() => {
    const { map, mode } = (window as unknown as { __fed311: { mode: string; map: { getZoom(): number; getCenter(): { lat: number; lng: number }; getBounds(): { getWest(): number; getSouth(): number; getEast(): number; getNorth(): number } } } }).__fed311;
    const b = map.getBounds();
    const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));
    const bbox = [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90), clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -90, 90)].map((v) => v.toFixed(5)).join(',');
    return { zoom: map.getZoom(), lat: map.getCenter().lat, lon: map.getCenter().lng, bbox, mode };
  });
}

/** The in-view figures the page shows above the map, as numbers. */
export async function inViewFigures(page: Page): Promise<{ n: number; open: number }> {
  const number = async (id: string) => Number((await page.getByTestId(id).textContent())!.replace(/,/g, ''));
  return { n: await number('in-view'), open: await number('open-in-view') };
}
