import { EventDataMap, REVIEW_CHANNELS } from '@hallwatch/shared';
import { Desk, Ticket } from './hall-floor';
import { BAD_REVIEW_COMMENTS, GOOD_REVIEW_COMMENTS, MIDDLE_REVIEW_COMMENTS, mobileNumber } from './hall-simulation-texts';
import { SeededRandom } from './seeded-random';

type ReviewData = EventDataMap['review.submitted'];

const CHANNELS: ReadonlyArray<{ channel: (typeof REVIEW_CHANNELS)[number]; weight: number; minSec: number; maxSec: number }> = [
  { channel: 'pad', weight: 0.9, minSec: 5, maxSec: 45 },
  { channel: 'qr', weight: 0.05, minSec: 20, maxSec: 180 },
  { channel: 'sms', weight: 0.03, minSec: 300, maxSec: 2400 },
  { channel: 'app', weight: 0.02, minSec: 600, maxSec: 3600 },
];

const LONG_WAIT_SEC = 30 * 60;

// Most citizens rate 5 on the pad. A bad rating is rare and follows something that went
// wrong (a long wait, a refusal, a missing document), which is what follow-up calls find;
// a department's `grumble` makes poor ratings likelier there.
export function reviewFor(
  rng: SeededRandom,
  ticket: Ticket,
  desk: Desk,
  outcome: EventDataMap['ticket.completed']['outcome'],
  grumble = 1,
): { delaySec: number; data: ReviewData } {
  const ch = CHANNELS[rng.weighted(CHANNELS.map((c) => c.weight))];
  // The wait that counts is the last one, ended by the first call that led to service.
  const longWait = ticket.calledSec - ticket.waitFromSec > LONG_WAIT_SEC;
  const pBad = (0.0008 + (outcome !== 'done' ? 0.012 : 0) + (longWait ? 0.01 : 0)) * grumble;
  let rating: ReviewData['rating'];
  let comment: string | undefined;
  let realName: boolean;
  if (rng.chance(pBad)) {
    rating = rng.chance(0.5) ? 1 : 2;
    const cause = longWait ? 'wait' : outcome === 'need_materials' ? 'materials' : outcome === 'rejected' ? 'rejected' : 'attitude';
    comment = rng.pick(BAD_REVIEW_COMMENTS[cause]);
    realName = rng.chance(0.7);
  } else {
    const r = rng.next();
    const middling = 0.015 * grumble;
    rating = r < 0.9 - 0.04 * (grumble - 1) ? 5 : r < 1 - middling ? 4 : 3;
    if (rating === 3 && rng.chance(0.4)) comment = rng.pick(MIDDLE_REVIEW_COMMENTS);
    else if (rating >= 4 && rng.chance(0.03)) comment = rng.pick(GOOD_REVIEW_COMMENTS);
    realName = rng.chance(0.08);
  }
  const data: ReviewData = {
    rating,
    channel: ch.channel,
    department: ticket.dept,
    ticket: ticket.code,
    window: desk.window,
    staff: desk.staff,
    ...(comment ? { comment } : {}),
    ...(realName ? { realName: true, phone: mobileNumber(rng) } : {}),
  };
  return { delaySec: rng.int(ch.minSec, ch.maxSec), data };
}
