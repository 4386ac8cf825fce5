import { EventDataMap } from '@hallwatch/shared';
import { HallSchedule, SURGE_MAX, surgeFactor } from './hall-day-profile';
import { Department } from './hall-floor';
import { SeededRandom } from './seeded-random';

const P_GREEN = 0.015;
const P_APPOINTMENT = 0.22;
const P_SERVICE_ITEM = 0.75;

export interface Arrival {
  dept: Department;
  channel: EventDataMap['ticket.issued']['channel'];
  serviceItem: string | null;
}

interface Rates {
  weights: number[];
  weightSum: number;
  total: number;
}

/**
 * Citizens reaching the ticket machine: a Poisson stream that follows the day's shape,
 * drawn by thinning: candidates come at the busiest possible rate and each is kept in
 * proportion to the rate at its moment.
 */
export class ArrivalStream {
  private readonly lambdaMax: number;
  private readonly cache = new Map<number, Rates>();
  private nextSec: number;

  constructor(
    private readonly departments: Department[],
    private readonly schedule: HallSchedule,
    private readonly rng: SeededRandom,
  ) {
    const peak = departments.reduce((s, d) => s + d.base * (d.info.code === 'gjj' ? SURGE_MAX : 1), 0);
    this.lambdaMax = peak * schedule.shapeMax;
    this.nextSec = schedule.openSec;
  }

  /** The second of the next candidate, or null once the machine stops issuing. */
  nextCandidate(): number | null {
    this.nextSec += this.rng.exponential(1 / this.lambdaMax);
    return this.nextSec <= this.schedule.issueUntilSec ? Math.ceil(this.nextSec) : null;
  }

  /** Whether the candidate at `sec` is a real citizen, and what they came for. */
  draw(sec: number): Arrival | null {
    const r = this.rng;
    const rates = this.ratesAt(sec);
    if (r.next() * this.lambdaMax >= rates.total) return null;
    const dept = this.departments[r.weighted(rates.weights, rates.weightSum)];
    const channel = r.chance(P_GREEN) ? 'green_channel' : r.chance(P_APPOINTMENT) ? 'appointment' : 'walk_in';
    const serviceItem = r.chance(P_SERVICE_ITEM)
      ? `${dept.info.code}-${String(r.int(1, 3 + 2 * dept.desks.length)).padStart(3, '0')}`
      : null;
    return { dept, channel, serviceItem };
  }

  // The profile changes slowly, so each department's rate is taken once a minute.
  private ratesAt(sec: number): Rates {
    const minute = Math.floor(sec / 60);
    let rates = this.cache.get(minute);
    if (!rates) {
      const t = minute * 60;
      const weights = this.departments.map((d) => d.base * surgeFactor(this.schedule, d.info.code, t));
      const weightSum = weights.reduce((a, b) => a + b, 0);
      rates = { weights, weightSum, total: weightSum * this.schedule.shape(t) };
      this.cache.set(minute, rates);
    }
    return rates;
  }
}
