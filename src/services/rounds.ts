/**
 * A round's life after acceptance: start, complete, cancel. The rules are the pure core's
 * (core/record/round-lifecycle.ts); storage applies them to the locked round in one transaction.
 */
import type { Round } from '../core/model.js';
import { applyTransition, type RoundTransition, type TransitionOutcome } from '../core/record/round-lifecycle.js';

/** What the round workflow needs from storage. */
export interface RoundStore {
  transition(id: string, decide: (round: Round, programmeRounds: Round[]) => TransitionOutcome): Promise<TransitionOutcome>;
}

export function createRoundService(deps: { store: RoundStore }) {
  return {
    /** Applies the transition; `changed: false` when the round already was where it leads. */
    async transition(id: string, transition: RoundTransition): Promise<TransitionOutcome> {
      return deps.store.transition(id, (round, rounds) => applyTransition(round, transition, rounds));
    },
  };
}

export type RoundService = ReturnType<typeof createRoundService>;
