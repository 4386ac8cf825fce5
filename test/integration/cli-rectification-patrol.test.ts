import { rectificationServices } from '../../server/src/cli/commands/rectification.commands';
import { serviceDay } from '../../server/src/core/time/service-day';
import { Site } from '../../server/src/modules/registry/site.entity';
import { makeSite } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

// The CLI builds its own indicator service for `rectification look-back`: it must count patrol
// rounds as the server does, or items linked to patrol.rounds.done would be judged on 0.

jest.setTimeout(60_000);

describe('rectification services of the CLI', () => {
  let t: TestApp;
  afterAll(async () => t?.close());

  it('read the patrol rounds done today, as the server does', async () => {
    t = await startTestApp();
    await makeSite(t.ds, 'cp', 1);
    const site = (await t.ds.getRepository(Site).findOneBy({ code: 'cp' }))!;
    const now = new Date();
    const day = serviceDay(now, site.timezone);
    for (const [slot, state] of [
      [1, 'done'],
      [2, 'done'],
      [3, 'scheduled'],
    ] as const)
      await t.ds.query(
        `INSERT INTO patrol_rounds (site_id, day, slot, code, time, due_at, overdue_at, missed_at, state)
         VALUES ($1, $2, $3, $4, '09:00', $5, $5, $5, $6)`,
        [site.id, day, slot, `r${slot}`, now, state],
      );
    const cli = await rectificationServices(t.ds).indicators.snapshot(site);
    expect(cli.values['patrol.rounds.done']).toBe(2);
    expect(cli.values['patrol.rounds.due']).toBe(2);
  });
});
