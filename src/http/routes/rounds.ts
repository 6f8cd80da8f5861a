/** A round's transitions over the API: start, complete, cancel (bearer token; one transaction each). */
import { z } from 'zod';
import type { RoundTransition } from '../../core/record/round-lifecycle.js';
import type { App, RouteContext } from '../deps.js';
import { idParams, round, writeErrors } from '../schemas/common.js';
import { cancelBody, completeBody, startBody } from '../schemas/rounds.js';

const secured = [{ bearerAuth: [] as string[] }];

const transitionResponse = z.object({
  changed: z.boolean().describe('false when the round already was in that state with the same data (a repeated request)'),
  round,
});

export function registerRoundRoutes(app: App, { deps, requireToken, expensive }: RouteContext): void {
  const route = <B extends z.ZodType>(action: string, body: B, description: string, toTransition: (b: z.infer<B>) => RoundTransition) =>
    app.post(
      `/api/rounds/:id/${action}`,
      {
        onRequest: requireToken,
        config: expensive,
        schema: {
          tags: ['rounds'],
          description: `${description} One transaction; repeating it with the same data changes nothing (changed: false); a state that does not allow it is a 409. Needs the bearer token.`,
          security: secured,
          params: idParams,
          body,
          response: { 200: transitionResponse, ...writeErrors },
        },
      },
      async (request) => deps.rounds.transition(request.params.id, toTransition(request.body as z.infer<B>)),
    );

  route('start', startBody, 'Starts a planned round in the given month (not before the programme’s previous round started); from then on it counts as having taken place.', (b) => ({
    kind: 'start',
    start: b.start,
  }));
  route('complete', completeBody, 'Completes a running round in the given month (not before its start); its participants become default mentors of the next round.', (b) => ({
    kind: 'complete',
    end: b.end,
  }));
  route('cancel', cancelBody, 'Cancels a planned or running round, with the reason; it then appears only in the round list.', (b) => ({
    kind: 'cancel',
    reason: b.reason,
  }));
}
