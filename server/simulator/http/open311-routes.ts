import type { SimEndpoint } from '../federation.ts';
import { discovery, serviceDefinition, serviceList } from '../meta/meta-routes.ts';
import { requestSingle, requestsList } from '../requests/requests-route.ts';
import { errorResponse, type Format, type SimResponse } from '../wire/respond.ts';

/** Which endpoint a path belongs to, and the rest of the path after its base (or its discovery folder). */
export interface Match {
  ep: SimEndpoint;
  rest: string;
  discovery: boolean;
}

export function matchEndpoint(endpoints: readonly SimEndpoint[], path: string): Match | null {
  for (const ep of endpoints) {
    const { prefix, discoveryPrefix } = ep.dialect.city;
    if (discoveryPrefix && path.startsWith(discoveryPrefix) && /^discovery\.(json|xml)$/.test(path.slice(discoveryPrefix.length))) {
      return { ep, rest: path.slice(discoveryPrefix.length), discovery: true };
    }
    if (path.startsWith(prefix)) return { ep, rest: path.slice(prefix.length), discovery: false };
  }
  return null;
}

/** One GeoReport call to one simulated endpoint (no faults here). */
export function open311Route(args: { match: Match; params: URLSearchParams; now: number; serverUrl: string; repeatPrevious: boolean }): SimResponse {
  const { match, params, now } = args;
  const { ep, rest } = match;
  const m = /^(.*)\.(json|xml)$/.exec(rest);
  const format: Format = (m?.[2] as Format | undefined) ?? 'json';
  const path = m?.[1] ?? rest;
  const notFound = () => errorResponse({ rules: ep.dialect.rules, format, status: 404, message: `no resource at ${rest}` });
  if (!m) return notFound();
  if (match.discovery) return discovery(ep, args.serverUrl, format);
  if (path === 'requests') return requestsList({ ep, params, format, now, repeatPrevious: args.repeatPrevious });
  if (path === 'services') return serviceList(ep, params, format);
  const item = /^(requests|services)\/(.+)$/.exec(path);
  if (!item?.[2]) return notFound();
  let id: string;
  try {
    id = decodeURIComponent(item[2]);
  } catch {
    return notFound();
  }
  return item[1] === 'requests' ? requestSingle({ ep, id, params, format, now }) : serviceDefinition(ep, id, format);
}
