import { RoundDoubt, RoundState } from '@hallwatch/shared';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { PatrolRound } from './entities/patrol-round.entity';
import { RoundFacts, roundDoubts, roundState, RoundStep, stepAt, stepsReached, WalkedCheck } from './round-rules';
import { indicatorSettings } from '../registry/indicator-settings';
import { queryRows } from '../../core/database/typed-query';
import { IdRow, StepRow } from './patrol-rows';
import { recordAudit } from '../audit/audit-log';

export interface RoundAdvance {
  roundId: string;
  siteId: string;
  code: string;
  from: RoundState;
  to: RoundState;
  /** Steps recorded by this call; empty when another worker (or an earlier run) got there first. */
  steps: RoundStep[];
}

const facts = (r: PatrolRound): RoundFacts => ({
  dueAt: r.dueAt,
  overdueAt: r.overdueAt,
  missedAt: r.missedAt,
  startedAt: r.startedAt,
  completedAt: r.completedAt,
  doubts: r.doubts,
});

interface SettingsRow {
  code: string;
  settings: Record<string, unknown> | null;
}
interface CheckpointCodeRow {
  code: string;
}

/**
 * Moves rounds through due → overdue → missed as time passes. Both the BullMQ jobs and the
 * sweep call it with the instant to judge; tests call it with any instant they like. The
 * round row is locked, the state recomputed from its facts, and each step logged once, so
 * calling it twice, or from two workers at once, changes nothing the second time.
 */
@Injectable()
export class RoundStepsService {
  constructor(private readonly ds: DataSource) {}

  async findRound(roundId: string): Promise<PatrolRound | null> {
    return this.ds.getRepository(PatrolRound).findOneBy({ id: roundId });
  }

  /** When a step of a round falls due now, or null when it no longer can. */
  stepInstant(round: PatrolRound, step: RoundStep): Date | null {
    return stepAt(facts(round), step);
  }

  async advanceRound(roundId: string, now: Date): Promise<RoundAdvance | null> {
    return this.ds.transaction((em) => this.advanceLocked(em, roundId, now));
  }

  /** Every round of the site that time could still change. */
  async advanceSite(siteId: string, now: Date): Promise<RoundAdvance[]> {
    const rows = await queryRows<IdRow>(
      this.ds,
      `SELECT id FROM patrol_rounds WHERE site_id = $1 AND state NOT IN ('done', 'doubtful', 'missed') AND due_at <= $2 ORDER BY due_at, slot`,
      [siteId, now],
    );
    const out: RoundAdvance[] = [];
    for (const { id } of rows) {
      const r = await this.advanceRound(id, now);
      if (r && (r.steps.length || r.from !== r.to)) out.push(r);
    }
    return out;
  }

  /** Recomputes a locked round's state after its facts changed (an event arrived); records no steps. */
  async refreshState(em: EntityManager, roundId: string, now: Date): Promise<RoundAdvance | null> {
    return this.advanceLocked(em, roundId, now, false);
  }

  private async advanceLocked(em: EntityManager, roundId: string, now: Date, logSteps = true): Promise<RoundAdvance | null> {
    const round = await em.getRepository(PatrolRound).findOne({ where: { id: roundId }, lock: { mode: 'pessimistic_write' } });
    if (!round) return null;
    const judged = await this.judgeWalk(em, round);
    const doubts = judged?.doubts ?? null;
    const changed = canonical(doubts) !== canonical(round.doubts);
    if (changed)
      await em.query(`UPDATE patrol_rounds SET doubts = $2::jsonb WHERE id = $1`, [
        round.id,
        doubts === null ? null : JSON.stringify(doubts),
      ]);
    const f = { ...facts(round), doubts };
    const to = roundState(f, now);
    if (changed && judged) await auditJudgment(em, judged.site, round, round.doubts, judged.doubts, to, now);
    const steps: RoundStep[] = [];
    if (logSteps) {
      const reached = stepsReached(f, now);
      if (reached.length) {
        const inserted = await queryRows<StepRow<RoundStep>>(
          em,
          `INSERT INTO patrol_steps (site_id, subject, subject_id, step, due_at, recorded_at)
           SELECT $1, 'round', $2, s.step, s.due_at, $3 FROM unnest($4::varchar[], $5::timestamptz[]) AS s(step, due_at)
           ON CONFLICT (subject, subject_id, step) DO NOTHING RETURNING step`,
          [round.siteId, round.id, now, reached, reached.map((s) => (s === 'due' ? f.dueAt : s === 'overdue' ? f.overdueAt : f.missedAt))],
        );
        steps.push(...inserted.map((r) => r.step));
      }
    }
    const from = round.state;
    if (to !== from) await em.query(`UPDATE patrol_rounds SET state = $2, updated_at = now() WHERE id = $1`, [round.id, to]);
    return { roundId: round.id, siteId: round.siteId, code: round.code, from, to, steps };
  }

  /**
   * Whether a completed round was really walked, by the site's rules now: its active checklist,
   * the checks the round recorded (each judged by its code when it arrived) and the site's window
   * and minimum duration. Judged again whenever one of the round's events arrives, so an offline
   * confirmation that comes late still counts. Null for a round not completed.
   */
  private async judgeWalk(em: EntityManager, round: PatrolRound): Promise<{ site: string; doubts: RoundDoubt[] } | null> {
    if (!round.completedAt) return null;
    const [site] = await queryRows<SettingsRow>(em, `SELECT code, settings FROM sites WHERE id = $1`, [round.siteId]);
    const settings = indicatorSettings(site?.settings);
    const checklist = await queryRows<CheckpointCodeRow>(
      em,
      `SELECT code FROM patrol_checkpoints WHERE site_id = $1 AND active ORDER BY position, code`,
      [round.siteId],
    );
    const checks = await queryRows<WalkedCheck>(
      em,
      `SELECT checkpoint, confirmed, occurred_at AS at FROM patrol_checks WHERE round_id = $1`,
      [round.id],
    );
    const doubts = roundDoubts(
      facts(round),
      checklist.map((c) => c.code),
      checks,
      { leadMin: settings.roundWindowLeadMin, minDurationSec: settings.roundMinDurationSec },
    );
    return { site: site?.code ?? '', doubts };
  }
}

/** JSON with sorted keys: jsonb hands keys back in its own order, which must not count as a change. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/**
 * A round recorded but not really walked is an attempt the audit log keeps (who sent it, why it
 * is 存疑), and so is a late confirmation that clears it. A round judged done at once is routine
 * and adds nothing. The actor is whoever delivered the events that changed the judgment (the
 * request's account), or the system when a job judged it again.
 */
async function auditJudgment(
  em: EntityManager,
  site: string,
  round: PatrolRound,
  before: RoundDoubt[] | null,
  after: RoundDoubt[],
  state: RoundState,
  now: Date,
): Promise<void> {
  if (!after.length && !before?.length) return;
  await recordAudit(em, {
    action: after.length ? 'patrol.round.doubtful' : 'patrol.round.cleared',
    target: `round:${round.code}`,
    site,
    details: {
      state,
      reasons: after.map((d) => d.reason),
      // Flat enough for the audit log's depth limit: a check as "checkpoint@time".
      doubts: after.map((d) => (d.checks ? { ...d, checks: d.checks.map((c) => `${c.checkpoint}@${c.at}`) } : d)),
      startedBy: round.startedBy,
      completedBy: round.completedBy,
    },
    at: now,
  });
}
