import type { App, RouteContext } from '../deps.js';

import { z } from 'zod';
import { idParams, includePlannedQuery, readErrors } from '../schemas/common.js';
import { organisationDetail, organisationListQuery, organisationPage } from '../schemas/organisations.js';

export function registerOrganisationRoutes(app: App, { deps }: RouteContext): void {
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
      const page = await deps.catalogue.findOrganisations(q);
      return { total: page.total, limit: q.limit, offset: q.offset, items: page.items };
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
