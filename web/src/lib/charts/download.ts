import { stringify } from 'csv-stringify/browser/esm/sync';
import type { ChartData, LegendItem } from './chart-spec';

/** The chart's own rows as CSV, with the same columns as its data table. */
export function chartCsv(data: ChartData): string {
  return stringify(
    data.rows.map((row) => data.columns.map((c) => row[c.key] ?? '')),
    { header: true, columns: data.columns.map((c) => c.key) },
  );
}

/** What a downloaded chart carries around the plot, so it still says what it shows when pasted alone into an article. */
export interface ChartFrame {
  title: string;
  description: string;
  legend: LegendItem[];
  /** The notes, caveat and data as-of, each a paragraph under the plot. */
  notes: string[];
  /** Failing or stale feeds, said in red under the plot as on the page. */
  warnings: string[];
  /** "Source: fed311 (<url>)". */
  source: string;
}

export interface StandaloneSvg {
  text: string;
  width: number;
  height: number;
}

const svgNs = 'http://www.w3.org/2000/svg';
const pad = 8;
const fonts = { title: 'bold 15px', description: '12px', legend: '12px', note: '11px' } as const;

/**
 * A standalone SVG file: the drawn chart under its title, description and legend, above its notes, warnings and
 * source, on a white background, with namespaces, so it opens the same outside the page. Text is wrapped to the
 * chart's width, measured with the page's own font.
 */
export function standaloneSvg(chart: SVGSVGElement, frame: ChartFrame): StandaloneSvg {
  const { width: chartWidth, height: chartHeight } = chart.getBoundingClientRect();
  const width = Math.ceil(chartWidth);
  const family = getComputedStyle(chart).fontFamily || 'system-ui, sans-serif';
  const measure = textMeasure(family);
  const root = document.createElementNS(svgNs, 'svg');
  const parts: Element[] = [];
  let y = pad;

  const paragraph = (text: string, font: string, lineHeight: number, fill: string) => {
    for (const line of wrap(text, width - 2 * pad, (t) => measure(t, font))) {
      parts.push(textElement(line, pad, y + lineHeight * 0.8, font, fill));
      y += lineHeight;
    }
  };

  paragraph(frame.title, fonts.title, 20, '#1f2933');
  paragraph(frame.description, fonts.description, 16, '#52606d');
  y += 4;
  y = legendRows(frame.legend, { y, width, measure, parts });
  const copy = chart.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('x', '0');
  copy.setAttribute('y', String(y));
  copy.setAttribute('width', String(chartWidth));
  copy.setAttribute('height', String(chartHeight));
  // Plot's own stylesheet sizes its SVG with height: auto and max-width: 100%, which a nested SVG would read against this one's size.
  Object.assign(copy.style, { width: `${chartWidth}px`, height: `${chartHeight}px`, maxWidth: 'none' });
  parts.push(copy);
  y += chartHeight + 6;
  for (const warning of frame.warnings) paragraph(`⚠ ${warning}`, `bold ${fonts.note}`, 15, '#9b1c1c');
  for (const note of frame.notes) paragraph(note, fonts.note, 15, '#52606d');
  paragraph(frame.source, fonts.note, 15, '#1f2933');
  const height = Math.ceil(y + pad);

  root.setAttribute('xmlns', svgNs);
  root.setAttribute('xmlns:xlink', 'http://www.w3.org/1999/xlink');
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height));
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  root.setAttribute('font-family', family);
  const background = document.createElementNS(svgNs, 'rect');
  for (const [name, value] of Object.entries({ width: '100%', height: '100%', fill: '#ffffff' })) background.setAttribute(name, value);
  root.append(background, ...parts);
  return { text: new XMLSerializer().serializeToString(root), width, height };
}

/** The legend as rows of swatch (or line) and label, wrapped to the width; returns where the next part starts. */
function legendRows(items: LegendItem[], { y, width, measure, parts }: { y: number; width: number; measure: (text: string, font: string) => number; parts: Element[] }): number {
  if (items.length === 0) return y;
  let x = pad;
  for (const item of items) {
    const itemWidth = 18 + measure(item.label, fonts.legend) + 14;
    if (x > pad && x + itemWidth > width - pad) {
      x = pad;
      y += 18;
    }
    const mark = document.createElementNS(svgNs, item.mark === 'line' || item.mark === 'dashed' ? 'line' : 'rect');
    const attributes: Record<string, string> =
      mark.tagName === 'line'
        ? { x1: String(x), x2: String(x + 14), y1: String(y + 7), y2: String(y + 7), stroke: item.color, 'stroke-width': '2', ...(item.mark === 'dashed' ? { 'stroke-dasharray': '4,3' } : {}) }
        : { x: String(x), y: String(y + 1), width: '12', height: '12', fill: item.color };
    for (const [name, value] of Object.entries(attributes)) mark.setAttribute(name, value);
    parts.push(mark, textElement(item.label, x + 18, y + 11, fonts.legend, '#1f2933'));
    x += itemWidth;
  }
  return y + 24;
}

function textElement(text: string, x: number, y: number, font: string, fill: string): Element {
  const element = document.createElementNS(svgNs, 'text');
  const [weight, size] = font.startsWith('bold ') ? ['bold', font.slice(5)] : ['normal', font];
  for (const [name, value] of Object.entries({ x: String(x), y: String(y), fill, 'font-size': size, 'font-weight': weight })) element.setAttribute(name, value);
  element.textContent = text;
  return element;
}

function textMeasure(family: string): (text: string, font: string) => number {
  const context = document.createElement('canvas').getContext('2d');
  return (text, font) => {
    if (!context) return text.length * 7;
    context.font = `${font} ${family}`;
    return context.measureText(text).width;
  };
}

/** Greedy word wrap to a pixel width. */
function wrap(text: string, width: number, measure: (text: string) => number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && measure(next) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** The standalone SVG drawn onto a canvas at twice its size (sharp on high-density screens) and encoded as PNG. */
export async function pngBlob(svg: StandaloneSvg, scale = 2): Promise<Blob> {
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg.text)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(svg.width * scale);
  canvas.height = Math.ceil(svg.height * scale);
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
