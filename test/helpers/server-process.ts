/**
 * Starts the real server (src/server.ts) as a child process and waits for the address it prints.
 * Used by tests that need separate processes (two servers on one PostgreSQL) or a real browser.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { projectRoot } from './databases.js';

export interface ServerProcess {
  url: string;
  output: () => string;
  stop: () => Promise<void>;
}

export async function startServerProcess(env: Record<string, string>, timeoutMs = 60_000): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += String(d)));
  child.stderr?.on('data', (d) => (output += String(d)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const check = () => {
      const m = /serving at (http:\/\/[^\s/]+)\//.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

export interface RunningServer extends ServerProcess {
  token: string;
}

/**
 * The server as `npm start` runs it, on a fresh embedded database in a temporary directory
 * (removed by stop()), with a known token: what the browser tests drive.
 */
export async function startServer(options: { token?: string; timeoutMs?: number; env?: Record<string, string> } = {}): Promise<RunningServer> {
  const token = options.token ?? `e2e-token-${Math.random().toString(36).slice(2)}-${Date.now()}`;
  const dataDir = await mkdtemp(path.join(tmpdir(), 'modellkommuner-e2e-'));
  try {
    const server = await startServerProcess({ ...options.env, DATA_DIR: path.join(dataDir, 'pglite'), API_TOKEN: token }, options.timeoutMs ?? 90_000);
    return {
      ...server,
      token,
      stop: async () => {
        await server.stop();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await rm(dataDir, { recursive: true, force: true });
    throw err;
  }
}
