/**
 * Builds the Fastify application from its dependencies without listening, so tests drive it with
 * inject() and server.ts wires the real adapters. http never imports the database: every
 * capability arrives as a service in `deps`.
 */
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { createAuthThrottle, DEFAULT_AUTH_THROTTLE, type ThrottleOptions } from './auth-throttle.js';
import { createTokenGuard, installAuditHook } from './auth.js';
import { handleClientError, handleFrameworkError, installErrorHandler } from './error-handler.js';
import { installJsonBodyParser } from './json-body.js';
import { createBootstrapCheck } from '../services/tokens.js';
import type { App, AppDeps } from './deps.js';
import { registerAnalyticsRoutes } from './routes/analytics.js';
import { registerExportRoutes } from './routes/exports.js';
import { registerApplicationRoutes } from './routes/applications.js';
import { registerAuditRoutes } from './routes/audit.js';
import { registerHealthRoutes } from './routes/health.js';
import { registerOrganisationRoutes } from './routes/organisations.js';
import { registerPlanningRoutes } from './routes/planning.js';
import { registerProposalRoutes } from './routes/proposals.js';
import { registerRecordRoutes } from './routes/record.js';
import { registerRoundRoutes } from './routes/rounds.js';
import { registerWebRoutes } from './routes/web.js';

export type { App, AppDeps } from './deps.js';

export interface AppOptions {
  logLevel?: string;
  /** Requests per minute per client on writes and expensive computations. */
  writeRateLimit?: number;
  bodyLimitBytes?: number;
  /** Failed authentications allowed per client and window before 429 (default 20 per 5 minutes). */
  authThrottle?: ThrottleOptions;
}

export async function buildApp(deps: AppDeps, options: AppOptions = {}): Promise<App> {
  const app = Fastify({
    logger: options.logLevel && options.logLevel !== 'silent' ? { level: options.logLevel } : false,
    bodyLimit: options.bodyLimitBytes ?? 1_048_576,
    // Path parameters longer than this are a 414 (ids have at most 100 characters).
    routerOptions: { maxParamLength: 100 },
    frameworkErrors: handleFrameworkError,
    clientErrorHandler: handleClientError,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app, deps.describeFailure);
  installJsonBodyParser(app);
  installAuditHook(app, deps.audit ?? { record: async (entry) => app.log.info({ audit: entry }, 'write') });
  if (deps.close) {
    const close = deps.close;
    app.addHook('onClose', async () => close());
  }

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        // Served over plain HTTP inside a network too: do not make browsers upgrade to https.
        upgradeInsecureRequests: null,
      },
    },
  });
  if (deps.corsOrigin) await app.register(cors, { origin: deps.corsOrigin.split(',').map((s) => s.trim()) });
  await app.register(rateLimit, { global: false, max: options.writeRateLimit ?? 60, timeWindow: '1 minute' });

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Modellkommuner API',
        description:
          'The record of SKR’s Modellkommuner programme (rounds, groups, cohorts, lineage, sources and conflicts), spread statistics, and the matching engine that proposes the next round. Reads are open; writes need `Authorization: Bearer <token>`.',
        version: '0.1.0',
      },
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  const bootstrap = createBootstrapCheck(deps.apiToken);
  const named = deps.tokens;
  const requireToken = createTokenGuard(
    { verify: async (token) => bootstrap(token) ?? (named ? named.verify(token) : null) },
    createAuthThrottle(options.authThrottle ?? DEFAULT_AUTH_THROTTLE),
  );
  const context = { deps, requireToken, expensive: { rateLimit: { max: options.writeRateLimit ?? 60, timeWindow: '1 minute' } } };

  registerHealthRoutes(app, context);
  registerOrganisationRoutes(app, context);
  registerRecordRoutes(app, context);
  registerWebRoutes(app, context);
  registerAnalyticsRoutes(app, context);
  registerExportRoutes(app, context);
  registerProposalRoutes(app, context);
  registerRoundRoutes(app, context);
  registerPlanningRoutes(app, context);
  registerApplicationRoutes(app, context);
  registerAuditRoutes(app, context);

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}
