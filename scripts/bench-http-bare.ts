/**
 * The reference for scripts/bench-http.ts: a bare Fastify app with one small JSON route, started
 * the same way as the server (node --import tsx, logger off), so the benchmark can say what share
 * of Fastify's own throughput each route of the real server reaches on this machine, in this run.
 */
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/bare', async () => ({ status: 'ok' }));
const address = await app.listen({ port: 0, host: '127.0.0.1' });
console.log(`bare Fastify listening at ${address}/`);
const stop = () => void app.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
