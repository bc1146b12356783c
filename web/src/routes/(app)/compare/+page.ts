import type { PageLoad } from './$types';
import { settle, type Fetch } from '$lib/api';
import { charts } from '$lib/charts';
import type { ChartData } from '$lib/charts/chart-spec';
import { loadCategories, loadEndpoints } from '$lib/load-common';
import { badValue, oneOf, periods } from '$lib/state/url-checks';

const areas = ['h3', 'district'];
const clean = (p: Record<string, string>) => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== ''));

/** A chart whose parameters hold a value the page cannot show says why in its place, instead of asking the API. */
function loadChart(fetcher: Fetch, id: string, params: Record<string, string>, bad: (string | null)[]): Promise<{ value: ChartData | null; error: string | null }> {
  const problems = bad.filter((b) => b !== null);
  if (problems.length) return Promise.resolve({ value: null, error: problems.join('; ') });
  return settle(charts[id]!.load(fetcher, clean(params)));
}

export const load: PageLoad = async ({ fetch, url }) => {
  const [endpoints, categories] = await Promise.all([loadEndpoints(fetch), loadCategories(fetch)]);
  const busiest = [...(categories.value ?? [])].sort((a, b) => b.requests - a.requests)[0]?.category ?? '';
  const param = (key: string) => url.searchParams.get(key) ?? '';
  const state = {
    category: param('category') || busiest,
    period: param('period') || 'month',
    from: param('from'),
    to: param('to'),
    in: param('in') || (endpoints.value?.[0]?.endpoint_id ?? ''),
    area: param('area') || 'h3',
  };
  // The metrics take any category slug (and answer no rows), and a select cannot show a value it has no option for.
  const bad = {
    category: categories.value ? badValue('category', state.category, categories.value.map((c) => c.category), 'is not a category slug (see /api/v1/categories)') : null,
    period: badValue('period', state.period, periods, oneOf(periods)),
    in: endpoints.value ? badValue('in', state.in, endpoints.value.map((e) => e.endpoint_id), 'is not an endpoint id (see /api/v1/endpoints)') : null,
    area: badValue('area', state.area, areas, oneOf(areas)),
  };
  const across = { category: state.category, period: state.period, from: state.from, to: state.to };
  const within = { endpoint: state.in, category: state.category, area: state.area, from: state.from, to: state.to };
  const [ttc, volume, equity] = await Promise.all([
    loadChart(fetch, 'compare-ttc', across, [bad.category]),
    loadChart(fetch, 'compare-volume', across, [bad.category, bad.period]),
    loadChart(fetch, 'equity', within, [bad.category, bad.in, bad.area]),
  ]);
  return {
    endpoints,
    categories,
    state,
    bad,
    charts: [
      { id: 'compare-ttc', params: clean({ category: state.category, from: state.from, to: state.to }), result: ttc },
      { id: 'compare-volume', params: clean(across), result: volume },
    ],
    equity: { params: clean(within), result: equity },
  };
};
