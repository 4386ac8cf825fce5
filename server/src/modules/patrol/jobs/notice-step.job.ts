import { NoticeStep } from '../notice-steps.service';

// A notice's reminder before its deadline, or its escalation after it.
export const NOTICE_STEP_JOB = 'notice-step';

export interface NoticeStepJobData {
  noticeId: string;
  step: NoticeStep;
}

export const noticeStepJobId = (noticeId: string, step: NoticeStep, at: Date): string => `notice.${noticeId}.${step}.${at.getTime()}`;
