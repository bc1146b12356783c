import type { SimEndpoint } from '../federation.ts';
import { matchEndpoint, open311Route } from '../http/open311-routes.ts';
import { json, type SimResponse } from '../wire/respond.ts';
import { hostileVariants, type HostileVariant } from './hostile-variants.ts';

type Row = Record<string, unknown>;

const HOSTILE_PATH = /^\/hostile\/([a-z-]+)(\/.*)$/;
const notHere = (message: string): SimResponse => ({ status: 404, contentType: 'text/plain; charset=utf-8', body: `${message}\n` });

/** `/hostile/<name>/generic/open311/v2/…`: the generic endpoint's answer with one named deviation. */
export function hostileRoute(args: { endpoints: readonly SimEndpoint[]; path: string; params: URLSearchParams; now: number; origin: string }): SimResponse {
  const [, name = '', rest = ''] = HOSTILE_PATH.exec(args.path) ?? [];
  const variant = hostileVariants[name];
  const generic = args.endpoints.find((ep) => ep.dialect.id === 'generic');
  const match = variant && generic ? matchEndpoint([generic], rest) : null;
  if (!variant || !match) return notHere(`no hostile variant at ${args.path} (known: ${Object.keys(hostileVariants).join(', ')})`);
  if (!match.rest.endsWith('.json')) return notHere('hostile variants speak JSON only');
  const sent = new URLSearchParams(args.params);
  for (const ignored of variant.ignores ?? []) sent.delete(ignored);
  let response = open311Route({ match, params: sent, now: args.now, serverUrl: `${args.origin}/hostile/${name}`, repeatPrevious: false });
  if (response.status === 200) response = reshape(variant, match.rest, response, args.params);
  return variant.response ? variant.response(response, match.rest) : response;
}

function reshape(variant: HostileVariant, resource: string, response: SimResponse, params: URLSearchParams): SimResponse {
  if (resource.startsWith('requests') && (variant.record || variant.list)) {
    const rows = (JSON.parse(response.body) as Row[]).map(variant.record ?? ((row) => row));
    return json(variant.list ? variant.list(rows, params) : rows);
  }
  if (resource === 'services.json' && variant.service) return json((JSON.parse(response.body) as Row[]).map(variant.service));
  return response;
}
