/**
 * Starts the real server (src/server.ts, as `npm start` runs it) as a child process on a free
 * port with a fresh embedded database in a temporary directory, for browser tests. Resolves once
 * the server prints its address; stop() ends the child and removes the directory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface RunningServer {
  url: string;
  token: string;
  /** Everything the server printed, for diagnosing a failed test. */
  output: () => string;
  stop: () => Promise<void>;
}

export async function startServer(options: { token?: string; timeoutMs?: number } = {}): Promise<RunningServer> {
  const token = options.token ?? `e2e-token-${Math.random().toString(36).slice(2)}-${Date.now()}`;
  const dataDir = await mkdtemp(path.join(tmpdir(), 'modellkommuner-e2e-'));
  // The embedded database in a fresh directory, whatever the developer's environment points at.
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: path.join(dataDir, 'pglite'), API_TOKEN: token, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: projectRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dataDir, { recursive: true, force: true });
  };
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within ${options.timeoutMs ?? 90_000} ms:\n${output}`)), options.timeoutMs ?? 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const m = /serving at (http:\/\/[^\s/]+)\//.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with code ${code} before listening:\n${output}`));
    });
  }).catch(async (err) => {
    await stop();
    throw err;
  });
  return { url, token, output: () => output, stop };
}
