/**
 * Example instances shipped in data/examples (clearly examples: never part of the record). The
 * files are read by an adapter the caller passes in; each is validated like any submitted instance.
 */
import { notFound } from '../core/errors.js';
import { parseInstance } from './instance-schema.js';

export interface ExampleFiles {
  list(): Promise<string[]>;
  read(name: string): Promise<string | null>;
}

const EXAMPLE_NAME = /^[a-z0-9][a-z0-9._-]*$/;

export function createExampleService(files: ExampleFiles) {
  const load = async (name: string) => {
    const text = EXAMPLE_NAME.test(name) ? await files.read(`${name}.json`) : null;
    if (text === null) throw notFound('example', name);
    const instance = JSON.parse(text) as Record<string, unknown>;
    parseInstance(instance);
    return instance;
  };
  return {
    async listExamples() {
      const names = (await files.list()).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -'.json'.length)).sort();
      return Promise.all(
        names.map(async (name) => {
          const instance = await load(name);
          return {
            name,
            note: typeof instance.note === 'string' ? instance.note : null,
            noteSv: typeof instance.noteSv === 'string' ? instance.noteSv : null,
            titleSv: typeof instance.titleSv === 'string' ? instance.titleSv : null,
            round: typeof instance.round === 'string' ? instance.round : null,
            applicantCount: Array.isArray(instance.applicants) ? instance.applicants.length : 0,
          };
        }),
      );
    },
    getExample: load,
  };
}

export type ExampleService = ReturnType<typeof createExampleService>;
