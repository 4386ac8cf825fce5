import {
  HallHours,
  hallHoursProblem,
  LunchBreak,
  lunchBreakProblem,
  normalHallHours,
  noticeNumberPatternProblem,
  SiteSettings,
} from '@hallwatch/shared';
import { Injectable, Optional } from '@nestjs/common';
import { DomainEventBus } from '../../core/events/domain-event-bus';
import { SiteEvents } from './site-events';
import { DataSource } from 'typeorm';
import { indicatorSettings } from './indicator-settings';
import { badField } from '../../core/validation/input-validation';
import { SiteSettingsDto } from './dtos/site-settings.dto';
import { auditedChange, auditEntry, findSite } from './registry-change';
import { siteNotFound } from './registry-errors';
import { Site } from './site.entity';

/** The hours after a PATCH: the fields given over the current ones, checked as a whole. */
export function patchedHours(current: HallHours, input: unknown): HallHours {
  const partial = input !== null && typeof input === 'object' && !Array.isArray(input);
  const next = partial ? { ...current, ...(input as object) } : input;
  const moved = partial && 'opens' in input && !('closes' in input) ? 'opens' : 'closes';
  const problem = hallHoursProblem(next, moved);
  if (problem) throw badField(problem.field, problem.message);
  return normalHallHours(next as HallHours);
}

/** The midday break as given: both times, checked together. */
export function checkedLunchBreak(input: unknown): LunchBreak {
  const problem = lunchBreakProblem(input);
  if (problem) throw badField(problem.field, problem.message);
  const b = input as LunchBreak;
  return { from: b.from, to: b.to };
}

/** A notice number pattern that can number notices: a number once printed is never given again. */
export function checkedNoticePattern(input: unknown): string {
  const problem = noticeNumberPatternProblem(input);
  if (problem) throw badField('noticeNumberPattern', problem);
  return input as string;
}

const checked: Record<string, (current: SiteSettings, value: unknown) => unknown> = {
  hours: (current, value) => patchedHours(current.hours, value),
  lunchBreak: (_current, value) => checkedLunchBreak(value),
  noticeNumberPattern: (_current, value) => checkedNoticePattern(value),
};

// The thresholds and opening hours in sites.settings, beside keys other features keep there
// (lookBack, followUpDays): a change touches only its own keys.
@Injectable()
export class SiteSettingsService {
  constructor(
    private readonly ds: DataSource,
    @Optional() private readonly events?: DomainEventBus<SiteEvents>,
  ) {}

  async get(code: string): Promise<SiteSettings> {
    return indicatorSettings((await findSite(this.ds.manager, code)).settings);
  }

  async update(actor: string, code: string, input: SiteSettingsDto): Promise<SiteSettings> {
    return auditedChange(this.ds, this.events, async (em) => {
      // Locked, so that two edits of the hours do not each merge into the same old value.
      const site = await em.findOne(Site, { where: { code }, lock: { mode: 'pessimistic_write' } });
      if (!site) throw siteNotFound(code);
      const set: Record<string, unknown> = {};
      const unset: string[] = [];
      for (const [key, value] of Object.entries(input) as Array<[string, unknown]>) {
        if (value === undefined) continue;
        if (value === null) unset.push(key);
        else set[key] = Object.hasOwn(checked, key) ? checked[key](indicatorSettings(site.settings), value) : value;
      }
      await em.query(`UPDATE sites SET settings = (settings - $3::text[]) || $2::jsonb WHERE id = $1`, [
        site.id,
        JSON.stringify(set),
        unset,
      ]);
      const stored = { ...site.settings, ...set };
      for (const key of unset) delete stored[key];
      const fields = [...Object.keys(set), ...unset].map((k) => `settings.${k}`);
      return { view: indicatorSettings(stored), audit: auditEntry(actor, 'update', 'site', site, code, fields) };
    });
  }
}
