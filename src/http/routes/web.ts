/**
 * Serves the web page (src/web: plain HTML, CSS and ES modules, no build step) at `/` and the two
 * browser libraries it uses from node_modules under /vendor/, so the page works offline (no CDN).
 * These routes are hidden from the OpenAPI document: they are for people, not API clients.
 */
import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { App, RouteContext } from '../deps.js';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const WEB_ROOT = path.join(projectRoot, 'src', 'web');

/** Public path under /vendor/ → file inside node_modules. */
export const VENDOR_FILES: Record<string, string> = {
  'd3.min.js': path.join(projectRoot, 'node_modules', 'd3', 'dist', 'd3.min.js'),
  'chart.umd.js': path.join(projectRoot, 'node_modules', 'chart.js', 'dist', 'chart.umd.js'),
};

export function registerWebRoutes(app: App, _ctx: RouteContext): void {
  // wildcard: false registers one route per file found at start-up, so unknown paths (and /api/*)
  // still reach the app's JSON not-found handler instead of a catch-all.
  void app.register(fastifyStatic, {
    root: WEB_ROOT,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    cacheControl: true,
    maxAge: 0,
  });

  for (const [name, file] of Object.entries(VENDOR_FILES)) {
    app.get(`/vendor/${name}`, { schema: { hide: true } }, async (_request, reply) => {
      try {
        await access(file);
      } catch {
        return reply.code(404).send({ code: 'not_found', message: `The library file ${name} is not installed (run npm ci).` });
      }
      return reply
        .header('content-type', 'text/javascript; charset=utf-8')
        .header('cache-control', 'public, max-age=3600')
        .send(createReadStream(file));
    });
  }
}
