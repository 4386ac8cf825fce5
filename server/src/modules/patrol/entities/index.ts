import { PatrolAppliedEvent } from './patrol-applied-event.entity';
import { PatrolCheck } from './patrol-check.entity';
import { PatrolCheckpoint } from './patrol-checkpoint.entity';
import { PatrolDeduction } from './patrol-deduction.entity';
import { PatrolFinding } from './patrol-finding.entity';
import { PatrolNotice } from './patrol-notice.entity';
import { PatrolNoticeSequence } from './patrol-notice-sequence.entity';
import { PatrolPhoto } from './patrol-photo.entity';
import { PatrolRetiredCode } from './patrol-retired-code.entity';
import { PatrolRound } from './patrol-round.entity';
import { PatrolSchedule } from './patrol-schedule.entity';
import { PatrolStep } from './patrol-step.entity';

export {
  PatrolAppliedEvent,
  PatrolCheck,
  PatrolCheckpoint,
  PatrolDeduction,
  PatrolFinding,
  PatrolNotice,
  PatrolNoticeSequence,
  PatrolPhoto,
  PatrolRetiredCode,
  PatrolRound,
  PatrolSchedule,
  PatrolStep,
};

export const PATROL_ENTITIES = [
  PatrolSchedule,
  PatrolCheckpoint,
  PatrolRetiredCode,
  PatrolRound,
  PatrolStep,
  PatrolAppliedEvent,
  PatrolCheck,
  PatrolFinding,
  PatrolPhoto,
  PatrolNotice,
  PatrolNoticeSequence,
  PatrolDeduction,
];
