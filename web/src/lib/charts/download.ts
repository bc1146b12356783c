import { stringify } from 'csv-stringify/browser/esm/sync';
import type { ChartData } from './chart-spec';

/** The chart's own rows as CSV, with the same columns as its data table. */
export function chartCsv(data: ChartData): string {
  return stringify(
    data.rows.map((row) => data.columns.map((c) => row[c.key] ?? '')),
    { header: true, columns: data.columns.map((c) => c.key) },
  );
}

/** A standalone SVG file: namespaces and a white background, so it opens the same outside the page. */
export function svgText(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('xmlns:xlink', 'http://www.w3.org/1999/xlink');
  copy.style.background = '#ffffff';
  copy.style.fontFamily = getComputedStyle(svg).fontFamily;
  return new XMLSerializer().serializeToString(copy);
}

/** The SVG drawn onto a canvas at twice its size (sharp on high-density screens) and encoded as PNG. */
export async function pngBlob(svg: SVGSVGElement, scale = 2): Promise<Blob> {
  const { width, height } = svg.getBoundingClientRect();
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText(svg))}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(width * scale);
  canvas.height = Math.ceil(height * scale);
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the PNG could not be encoded'))), 'image/png'));
}

export function saveFile(content: Blob | string, filename: string, type = 'text/plain'): void {
  const blob = typeof content === 'string' ? new Blob([content], { type }) : content;
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement('a'), { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
