/** HiGHS (WebAssembly), the independent LP and MILP solver the engine's tests compare against. */
import highsModule from 'highs';

export type HighsLike = { solve(problem: string, options?: Record<string, unknown>): { Status: string; ObjectiveValue: number } };

// The package is CommonJS; under NodeNext its default import is typed as the module namespace.
export const loadHighs = ((highsModule as unknown as { default?: unknown }).default ?? highsModule) as unknown as () => Promise<HighsLike>;
