import type { OrganisationPage } from '../../core/model.js';
import type { App, RouteContext } from '../deps.js';

import { z } from 'zod';
import { idParams, includePlannedQuery, readErrors } from '../schemas/common.js';
import { organisationDetail, organisationListQuery, organisationPage } from '../schemas/organisations.js';

export function registerOrganisationRoutes(app: App, { deps }: RouteContext): void {
  const responses = new WeakMap<OrganisationPage, { total: number; limit: number; offset: number; items: OrganisationPage['items'] }>();
  const pageResponse = (page: OrganisationPage, q: { limit: number; offset: number }) => {
    let response = responses.get(page);
    if (!response) responses.set(page, (response = { total: page.total, limit: q.limit, offset: q.offset, items: page.items }));
    return response;
  };
  app.get(
    '/api/organisations',
    {
      schema: {
        tags: ['organisations'],
        description: 'Organisations with filters and paging; `total` counts all matches.',
        querystring: organisationListQuery,
        response: { 200: organisationPage, ...readErrors },
      },
    },
    async (request) => {
      const q = request.query;
      // The page is memoized per record and query, so the same wrapper serves it (serialize-once.ts).
      return pageResponse(await deps.catalogue.findOrganisations(q), q);
    },
  );

  app.get(
    '/api/organisations/:id',
    {
      schema: {
        tags: ['organisations'],
        description: 'An organisation with its participation history by round and role: rounds that have taken place, plus planned ones (marked) with `includePlanned=true`.',
        params: idParams,
        querystring: z.object({ includePlanned: includePlannedQuery }),
        response: { 200: organisationDetail, ...readErrors },
      },
    },
    async (request) => deps.catalogue.getOrganisation(request.params.id, { includePlanned: request.query.includePlanned ?? false }),
  );
}
