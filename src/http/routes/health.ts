import { AppError } from '../../core/errors.js';
import { z } from 'zod';
import type { App, RouteContext } from '../deps.js';

import { errorBody } from '../schemas/common.js';

export function registerHealthRoutes(app: App, { deps }: RouteContext): void {
  app.get('/health/live', { schema: { tags: ['health'], response: { 200: z.object({ status: z.literal('ok') }), 500: errorBody } } }, async () => ({
    status: 'ok' as const,
  }));
  app.get(
    '/health/ready',
    { schema: { tags: ['health'], description: 'Ready when the database answers.', response: { 200: z.object({ status: z.literal('ready') }), 503: errorBody } } },
    async (request) => {
      try {
        await deps.health.checkReady();
      } catch (err) {
        request.log.warn({ err }, 'readiness check failed');
        throw new AppError('unavailable', 'The database does not answer.');
      }
      return { status: 'ready' as const };
    },
  );
}
