import type { FollowUpStep } from '@hallwatch/shared';

// One delayed job per case, step and phase, at the moment it is due: `remind` on the
// morning of the last day, `escalate` at the deadline. The handler re-reads the case and
// does nothing when the step is done, so a job that runs twice, or late, is harmless.

export const FOLLOW_UP_DEADLINE = 'follow-up-deadline';

export type DeadlinePhase = 'remind' | 'escalate';

export interface FollowUpDeadlineData {
  caseId: string;
  step: FollowUpStep;
  phase: DeadlinePhase;
}

/** The deadline is part of the id: a deadline moved by a calendar edit gets a job of its own. */
export const followUpDeadlineJobId = (d: FollowUpDeadlineData, due: Date): string => `fu.${d.caseId}.${d.step}.${d.phase}.${due.getTime()}`;
