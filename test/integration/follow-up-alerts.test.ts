import { FOLLOW_UP_ALERT_KINDS } from '@hallwatch/shared';
import { DataSource } from 'typeorm';
import { createDataSource } from '../../server/src/core/database/data-source';
import { Site } from '../../server/src/modules/registry/site.entity';
import { FOLLOW_UP_ALERTS } from '../../server/src/modules/reviews/follow-up-alerts';
import { makeSite } from '../support/factories';
import { createTestDatabase } from '../support/test-db';

// The wall's follow-up alerts read only the open cases due by the end of the hall's day; these
// cases sit on each side of that line, in the hall's time zone (UTC+8).

describe('follow-up alerts on the wall', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ds: DataSource;
  let site: Site;
  // 10:00 on 2026-03-10 in the hall.
  const now = new Date('2026-03-10T02:00:00Z');

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = createDataSource(db.url);
    await ds.initialize();
    site = await makeSite(ds, 'fa', 3);
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  async function openCase(source: string, department: string, contactDue: string, resolveDue: string, extra: Record<string, unknown> = {}) {
    const row = {
      status: 'awaiting_contact',
      real_name: false,
      first_contact_at: null,
      contact_overdue_at: null,
      resolve_overdue_at: null,
      ...extra,
    };
    await ds.query(
      `INSERT INTO follow_up_cases (site_id, kind, source_id, department, real_name, opened_at, status, contact_due_at, resolve_due_at,
         first_contact_at, contact_overdue_at, resolve_overdue_at)
       VALUES ($1, 'review', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        site.id,
        source,
        department,
        row.real_name,
        '2026-03-01T02:00:00Z',
        row.status,
        contactDue,
        resolveDue,
        row.first_contact_at,
        row.contact_overdue_at,
        row.resolve_overdue_at,
      ],
    );
  }

  it('warns of cases due today, up to midnight itself, and not of those due tomorrow or closed', async () => {
    await openCase('due-today', 'd1', '2026-03-10T09:00:00Z', '2026-03-20T09:00:00Z');
    await openCase('due-at-midnight', 'd1', '2026-03-10T16:00:00Z', '2026-03-20T09:00:00Z');
    await openCase('due-tomorrow', 'd2', '2026-03-10T16:00:01Z', '2026-03-20T09:00:00Z');
    await openCase('resolve-due-today', 'd3', '2026-03-05T02:00:00Z', '2026-03-10T12:00:00Z', {
      status: 'in_progress',
      first_contact_at: '2026-03-04T02:00:00Z',
    });
    await openCase('closed', 'd2', '2026-03-10T09:00:00Z', '2026-03-10T09:00:00Z', { status: 'closed' });
    const alerts = await FOLLOW_UP_ALERTS.alerts(ds.manager, site, now);
    expect(alerts.map((a) => [a.kind, a.department, a.severity, a.message.en]).sort()).toEqual(
      [
        [FOLLOW_UP_ALERT_KINDS.dueToday, 'd1', 'warning', 'd1: 2 follow-up(s) due today'],
        [FOLLOW_UP_ALERT_KINDS.dueToday, 'd3', 'warning', 'd3: 1 follow-up(s) due today'],
      ].sort(),
    );
  });

  it('raises breaches for overdue cases whatever their other deadline, and counts a missed real-name callback', async () => {
    await openCase('missed-contact', 'd2', '2026-03-09T01:00:00Z', '2026-03-25T09:00:00Z', {
      real_name: true,
      contact_overdue_at: '2026-03-09T01:00:00Z',
    });
    const alerts = (await FOLLOW_UP_ALERTS.alerts(ds.manager, site, now)).filter((a) => a.department === 'd2');
    expect(alerts.map((a) => [a.kind, a.severity, a.since]).sort()).toEqual(
      [
        [FOLLOW_UP_ALERT_KINDS.overdue, 'breach', '2026-03-09T01:00:00.000Z'],
        [FOLLOW_UP_ALERT_KINDS.callback, 'breach', '2026-03-09T01:00:00.000Z'],
      ].sort(),
    );
  });
});
