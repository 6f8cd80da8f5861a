/** What the HTTP layer needs from the rest of the program: services, never adapters. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AnalyticsService } from '../services/analytics.js';
import type { PreparationService } from '../services/applications.js';
import type { AuditService } from '../services/audit.js';
import type { CatalogueService } from '../services/catalogue.js';
import type { ExampleService } from '../services/examples.js';
import type { ExportService } from '../services/exports.js';
import type { PlanningService } from '../services/planning.js';
import type { ProposalService } from '../services/proposals.js';
import type { RoundService } from '../services/rounds.js';
import type { TokenService } from '../services/tokens.js';
import type { FailureTranslator } from './error-handler.js';

export interface AppDeps {
  catalogue: CatalogueService;
  analytics: AnalyticsService;
  proposals: ProposalService;
  rounds: RoundService;
  examples: ExampleService;
  exports: ExportService;
  planning: PlanningService;
  preparation: PreparationService;
  health: { checkReady(): Promise<void> };
  /** Released when the app closes (the solve pool's threads). */
  close?: (() => Promise<void>) | undefined;
  /** The bootstrap token (API_TOKEN); its actor is named "bootstrap (API_TOKEN)". */
  apiToken: string;
  /** Named tokens: who a bearer token stands for. Without it only apiToken is accepted. */
  tokens?: Pick<TokenService, 'verify'> | undefined;
  /** The audit log of writes. Without it (some unit tests) entries go to the request log only. */
  audit?: Pick<AuditService, 'record' | 'list'> | undefined;
  /** Maps failures from below (database errors by SQLSTATE) to AppErrors; the detail is only logged. */
  describeFailure?: FailureTranslator | undefined;
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
