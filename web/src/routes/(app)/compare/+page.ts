import type { PageLoad } from './$types';
import { settle } from '$lib/api';
import { charts } from '$lib/charts';
import { loadCategories, loadEndpoints } from '$lib/load-common';

export const load: PageLoad = async ({ fetch, url }) => {
  const [endpoints, categories] = await Promise.all([loadEndpoints(fetch), loadCategories(fetch)]);
  const busiest = [...(categories.value ?? [])].sort((a, b) => b.requests - a.requests)[0]?.category ?? '';
  const state = {
    category: url.searchParams.get('category') ?? busiest,
    period: url.searchParams.get('period') ?? 'month',
    from: url.searchParams.get('from') ?? '',
    to: url.searchParams.get('to') ?? '',
    in: url.searchParams.get('in') ?? endpoints.value?.[0]?.endpoint_id ?? '',
    area: url.searchParams.get('area') === 'district' ? 'district' : 'h3',
  };
  const across = { category: state.category, period: state.period, from: state.from, to: state.to };
  const within = { endpoint: state.in, category: state.category, area: state.area, from: state.from, to: state.to };
  const clean = (p: Record<string, string>) => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== ''));
  const [ttc, volume, equity] = await Promise.all([
    settle(charts['compare-ttc']!.load(fetch, clean(across))),
    settle(charts['compare-volume']!.load(fetch, clean(across))),
    settle(charts.equity!.load(fetch, clean(within))),
  ]);
  return {
    endpoints,
    categories,
    state,
    charts: [
      { id: 'compare-ttc', params: clean({ category: state.category, from: state.from, to: state.to }), result: ttc },
      { id: 'compare-volume', params: clean(across), result: volume },
    ],
    equity: { params: clean(within), result: equity },
  };
};
