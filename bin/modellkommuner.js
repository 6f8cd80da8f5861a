#!/usr/bin/env node
// `npx modellkommuner <command> …`: runs the TypeScript entry (src/cli/main.ts) through tsx, so a
// fresh clone needs no build step; where there is no source (an image with only dist/), the
// compiled entry. Never through `npm run`, so stdout carries only the command's data.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const source = new URL('../src/cli/main.ts', import.meta.url);
if (existsSync(fileURLToPath(source))) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(source.href);
} else {
  await import(new URL('../dist/cli/main.js', import.meta.url).href);
}
