/** What the HTTP layer needs from the rest of the program: services, never adapters. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AnalyticsService } from '../services/analytics.js';
import type { CatalogueService } from '../services/catalogue.js';
import type { ExampleService } from '../services/examples.js';
import type { ExportService } from '../services/exports.js';
import type { PlanningService } from '../services/planning.js';
import type { ProposalService } from '../services/proposals.js';
import type { RoundService } from '../services/rounds.js';

export interface AppDeps {
  catalogue: CatalogueService;
  analytics: AnalyticsService;
  proposals: ProposalService;
  rounds: RoundService;
  examples: ExampleService;
  exports: ExportService;
  planning: PlanningService;
  health: { checkReady(): Promise<void> };
  apiToken: string;
  corsOrigin?: string | undefined;
}

export interface RouteContext {
  deps: AppDeps;
  requireToken: (request: FastifyRequest) => Promise<void>;
  /** Route config for rate-limited computations and writes. */
  expensive: { rateLimit: { max: number; timeWindow: string } };
}

/** The Fastify instance with the zod type provider, so route handlers see typed input. */
export type App = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, ZodTypeProvider>;
