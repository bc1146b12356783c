import type Router from '@koa/router';
import { ApiError, notFound } from '../errors.ts';

/** fed311 re-serves, it takes no reports: POST and token lookups answer in the spec's error form (GeoReport §11). */
export function mountReadOnlyRefusals(router: Router): void {
  router.post('/open311/v2/requests.:format', () => {
    throw new ApiError({ status: 403, code: 'forbidden', message: 'fed311 is read-only: submit service requests to the city itself (see /api/v1/endpoints)' });
  });
  router.get('/open311/v2/tokens/:token.:format', () => {
    throw notFound('token: fed311 issues no tokens (it takes no reports)', 'token');
  });
}
