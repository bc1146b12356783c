import type { SimEndpoint } from '../federation.ts';
import type { SimConformance } from '../types.ts';
import { dialectDeviations } from './dialect-deviations.ts';
import { hostileVariants } from './hostile-variants.ts';

/** GET /_sim/conformance: every deviation the simulator injects, per endpoint and per hostile variant. */
export function declaredConformance({ endpoints, origin }: { endpoints: readonly SimEndpoint[]; origin: string }): SimConformance {
  const generic = endpoints.find((ep) => ep.dialect.id === 'generic');
  return {
    endpoints: endpoints.map((ep) => ({ id: ep.id, dialect: ep.dialect.id, deviations: dialectDeviations[ep.dialect.id] })),
    hostile: Object.entries(hostileVariants).map(([name, variant]) => ({
      name,
      base_url: `${origin}/hostile/${name}${generic?.dialect.city.prefix ?? '/generic/open311/v2/'}`,
      checks: variant.checks,
      description: variant.description,
    })),
  };
}
