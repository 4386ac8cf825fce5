import { RoundStep } from '../round-rules';

// A round's due, overdue or missed moment. The payload names the round and the step; the
// handler re-reads the round and judges the step by the application clock.
export const ROUND_STEP_JOB = 'round-step';

export interface RoundStepJobData {
  roundId: string;
  step: RoundStep;
}

/** One job per round, step and instant: re-adding it is a no-op, and a round moved to another time gets a new one. */
export const roundStepJobId = (roundId: string, step: RoundStep, at: Date): string => `round.${roundId}.${step}.${at.getTime()}`;
