import { QueueName, type AlertRecipientView, type AlertRuleView, type DigestPreview, type OutgoingMessage } from '@hallwatch/shared';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { AlertRoutingProcessor } from '../../server/src/modules/alert-routing/jobs/alert-routing.processor';
import { FollowUpDeadlinesService } from '../../server/src/modules/reviews/follow-up-deadlines.service';
import type { Site } from '../../server/src/modules/registry/site.entity';
import { adminApi, type ErrorBody } from '../support/admin-api';
import { makeSite } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(90_000);

const TOKEN = 'alert-routing-test-admin-token-0123';

interface DeliveryRow {
  topic: string;
  site_id: string;
  message: OutgoingMessage;
  dedupe_key: string;
}

// docs/contracts/alert-routing.md: the rules' outcome is read where notify keeps it, its delivery rows.
describe('alert routing', () => {
  let t: TestApp;
  let sweep: AlertRoutingProcessor;
  const admin = () => adminApi(t.url, TOKEN);

  beforeAll(async () => {
    // No workers: each sweep is run by the test, at the moment the clock is pinned to.
    t = await startTestApp({ ADMIN_TOKEN: TOKEN, RUN_WORKERS: 'false' });
    sweep = t.app.get(AlertRoutingProcessor);
  });
  afterAll(async () => t.close());

  async function site(code: string, tier: 'hall' | 'town' | 'village', parent: Site | null): Promise<Site> {
    const s = await makeSite(t.ds, code);
    await t.ds.query(`UPDATE sites SET tier = $2, parent_id = $3 WHERE id = $1`, [s.id, tier, parent?.id ?? null]);
    return s;
  }

  async function channel(s: Site): Promise<string> {
    const [{ id }] = await t.ds.query(
      `INSERT INTO notify_channels (site_id, name, kind, secret_box, created_at, updated_at, updated_by)
       VALUES ($1, 'test', 'webhook', 'none', now(), now(), 'test') RETURNING id`,
      [s.id],
    );
    return id as string;
  }

  async function recipient(s: Site, body: Record<string, unknown>): Promise<AlertRecipientView> {
    const res = await admin()<AlertRecipientView>('POST', `/sites/${s.code}/alert-routing/recipients`, body);
    expect(res.status).toBe(201);
    return res.body;
  }

  async function rule(s: Site, body: Record<string, unknown>): Promise<AlertRuleView> {
    const res = await admin()<AlertRuleView>('POST', `/sites/${s.code}/alert-routing/rules`, body);
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
    return res.body;
  }

  /** A follow-up of the site's department d1 whose fix is overdue: the wall's 回访逾期 breach. */
  async function overdueCase(s: Site, source: string, dueAt: string, overdue = true): Promise<string> {
    const [{ id }] = await t.ds.query(
      `INSERT INTO follow_up_cases (site_id, kind, source_id, department, real_name, opened_at, status, contact_due_at, resolve_due_at,
         first_contact_at, resolve_overdue_at, scheduled_at)
       VALUES ($1, 'review', $2, 'd1', false, $3::timestamptz - interval '7 days', 'in_progress', $3::timestamptz - interval '5 days', $3,
         $3::timestamptz - interval '6 days', $4, now()) RETURNING id`,
      [s.id, source, dueAt, overdue ? dueAt : null],
    );
    return id as string;
  }

  const closeCase = (id: string) =>
    t.ds.query(`UPDATE follow_up_cases SET status = 'closed', closed_at = $2 WHERE id = $1`, [id, t.clock.now()]);

  async function deliveries(s: Site, topic: string): Promise<DeliveryRow[]> {
    return t.ds.query(
      `SELECT topic, site_id, message, dedupe_key FROM notify_deliveries WHERE site_id = $1 AND topic = $2 ORDER BY created_at, id`,
      [s.id, topic],
    );
  }

  /** One sweep, then long enough for the routing of what it raised (a domain event) to have written its rows. */
  async function sweepAt(iso: string): Promise<void> {
    t.clock.setNow(new Date(iso));
    await sweep.runSweep();
    await settle();
  }

  // Routing runs after the judge's commit, off the domain event: wait until the dispatch count stops moving.
  async function settle(): Promise<void> {
    let last = -1;
    for (let i = 0; i < 40; i++) {
      const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM alert_dispatches`);
      if (n === last) return;
      last = n;
      await new Promise((r) => setTimeout(r, 150));
    }
  }

  it("sends a village's alert through its town's rule once while it stands, and its clearing once", async () => {
    const hall = await site('arh', 'hall', null);
    const town = await site('art', 'town', hall);
    const village = await site('arv', 'village', town);
    const otherTown = await site('art2', 'town', hall);
    const otherVillage = await site('arv2', 'village', otherTown);
    const ch = await channel(town);
    const li = await recipient(town, { name: '李站长', mobile: '13800000011' });
    await rule(town, { name: '镇街告警', scope: 'subtree', kinds: ['followup.overdue'], channelId: ch, recipientIds: [li.id] });

    // Wednesday 10:00 hall time.
    t.clock.setNow(new Date('2026-12-09T02:00:00Z'));
    const due = '2026-12-08T16:00:00Z';
    const c = await overdueCase(village, 'v-bad', due);
    await overdueCase(otherVillage, 'v2-bad', due);

    await sweepAt('2026-12-09T02:00:00Z');
    const raised = await deliveries(village, 'alert.followup.overdue');
    expect(raised).toHaveLength(1);
    expect(raised[0].message.title).toContain('测试大厅 arv');
    expect(raised[0].message.markdown).toContain('@13800000011');
    expect(raised[0].message.mentions).toEqual({ mobiles: ['13800000011'], userIds: [], emails: [] });
    // Not the other town's village: no rule covers it.
    expect(await deliveries(otherVillage, 'alert.followup.overdue')).toHaveLength(0);

    // Standing across later pushes (the wall's and the sweep's): nothing more.
    await sweepAt('2026-12-09T02:05:00Z');
    await sweepAt('2026-12-09T02:20:00Z');
    expect(await deliveries(village, 'alert.followup.overdue')).toHaveLength(1);

    await closeCase(c);
    await sweepAt('2026-12-09T02:30:00Z');
    await sweepAt('2026-12-09T02:40:00Z');
    const cleared = await deliveries(village, 'alert.cleared');
    expect(cleared).toHaveLength(1);
    expect(cleared[0].message.title).toMatch(/^【已解除】/);
    expect(await deliveries(village, 'alert.followup.overdue')).toHaveLength(1);
  });

  it('holds what comes in quiet hours and sends it in the morning as one message', async () => {
    const q = await site('arq', 'hall', null);
    const ch = await channel(q);
    const r = await rule(q, { name: '夜间免打扰', kinds: ['followup.overdue'], channelId: ch, quietHours: { from: '22:00', to: '07:30' } });
    expect(r.quietHours).toEqual({ from: '22:00', to: '07:30' });

    // Wednesday 23:00 hall time: raised, then cleared at 23:40, both held.
    t.clock.setNow(new Date('2026-12-09T15:00:00Z'));
    const c = await overdueCase(q, 'q-bad', '2026-12-08T16:00:00Z');
    await sweepAt('2026-12-09T15:00:00Z');
    await closeCase(c);
    await sweepAt('2026-12-09T15:40:00Z');
    const held: Array<{ state: string; held_until: Date }> = await t.ds.query(
      `SELECT state, held_until FROM alert_dispatches WHERE rule_id = $1`,
      [r.id],
    );
    expect(held.map((h) => [h.state, new Date(h.held_until).toISOString()])).toEqual([
      ['held', '2026-12-09T23:30:00.000Z'],
      ['held', '2026-12-09T23:30:00.000Z'],
    ]);
    expect(await deliveries(q, 'alert.followup.overdue')).toHaveLength(0);
    expect(await deliveries(q, 'alert.cleared')).toHaveLength(0);

    // 07:29: still quiet.
    await sweepAt('2026-12-09T23:29:00Z');
    expect(await deliveries(q, 'alert.held-digest')).toHaveLength(0);
    // 07:31: one morning message carries both, and only once.
    await sweepAt('2026-12-09T23:31:00Z');
    await sweepAt('2026-12-09T23:40:00Z');
    const digest = await deliveries(q, 'alert.held-digest');
    expect(digest).toHaveLength(1);
    expect(digest[0].message.title).toContain('2 条');
    expect(digest[0].message.markdown).toContain('12-09 23:00 【严重】测试大厅 arq · 回访逾期');
    expect(digest[0].message.markdown).toContain('12-09 23:40 【已解除】测试大厅 arq · 回访逾期');
    const after: Array<{ state: string }> = await t.ds.query(
      `SELECT state FROM alert_dispatches WHERE rule_id = $1 AND held_until IS NOT NULL`,
      [r.id],
    );
    expect(after.map((a) => a.state)).toEqual(['digested', 'digested']);
  });

  it('escalates an open follow-up to the department head at its deadline and to the leader one working day later', async () => {
    const e = await site('are', 'hall', null);
    const ch = await channel(e);
    await recipient(e, { name: '王科长', department: 'd1', duty: 'department_head', mobile: '13800000021' });
    await recipient(e, { name: '赵局长', duty: 'office_leader', mobile: '13800000022' });
    await rule(e, { name: '逾期升级', kinds: ['followup.escalation'], channelId: ch });
    // Monday 14 December a holiday for this site: the working day after Friday's deadline is Tuesday.
    const cal = await admin()('PUT', `/calendar?site=${e.code}`, { from: '2026-12-14', kind: 'holiday', name: '测试假日' });
    expect(cal.status).toBe(200);

    // Due at the end of Friday 11 December; the follow-up deadline job marks it overdue on Saturday.
    t.clock.setNow(new Date('2026-12-11T08:00:00Z'));
    const caseId = await overdueCase(e, 'e-bad', '2026-12-11T16:00:00Z', false);
    await sweepAt('2026-12-11T15:59:00Z');
    expect(await deliveries(e, 'followup.escalation')).toHaveLength(0);

    t.clock.setNow(new Date('2026-12-12T01:00:00Z'));
    expect(await t.app.get(FollowUpDeadlinesService).handle({ caseId, step: 'resolve', phase: 'escalate' })).toBe('escalated');
    await sweepAt('2026-12-12T01:00:00Z');
    let sent = await deliveries(e, 'followup.escalation');
    expect(sent.map((d) => d.message.mentions?.mobiles)).toEqual([['13800000021']]);
    expect(sent[0].message.title).toContain('部门负责人');

    // Over the weekend and the holiday Monday: nothing more.
    await sweepAt('2026-12-13T12:00:00Z');
    await sweepAt('2026-12-14T15:59:00Z');
    await sweepAt('2026-12-15T15:59:00Z'); // Tuesday 23:59
    expect(await deliveries(e, 'followup.escalation')).toHaveLength(1);

    // The end of Tuesday, the first working day after the deadline's: the office's leader.
    await sweepAt('2026-12-15T16:00:00Z');
    await sweepAt('2026-12-15T16:30:00Z');
    sent = await deliveries(e, 'followup.escalation');
    expect(sent.map((d) => d.message.mentions?.mobiles)).toEqual([['13800000021'], ['13800000022']]);
    expect(sent[1].message.title).toContain('分管领导');
  });

  it("sends the daily digest at the hall's closing time once, plans the next one as a delayed job, and previews it", async () => {
    const d = await site('ard', 'hall', null);
    const ch = await channel(d);
    const r = await rule(d, { name: '每日汇总', kinds: ['review.bad'], channelId: ch, digests: ['daily'] });
    // Wednesday 17:29, then 17:31 (the demo hall closes at 17:30).
    await sweepAt('2026-12-09T09:29:00Z');
    expect(await deliveries(d, 'digest.daily')).toHaveLength(0);
    await sweepAt('2026-12-09T09:31:00Z');
    await sweepAt('2026-12-09T09:45:00Z');
    const sent = await deliveries(d, 'digest.daily');
    expect(sent).toHaveLength(1);
    expect(sent[0].message.title).toBe('【每日运行汇总】测试大厅 ard · 2026-12-09');
    for (const word of ['办结业务', '平均等候', '评价（好评率）', '投诉（未办结）', '巡查完成/应巡查', '逾期告知书', '整改事项偏离目标'])
      expect(sent[0].message.markdown).toContain(word);
    // Thursday's is queued for 17:30 Thursday, under the occasion's id.
    const queue = t.app.get<Queue>(getQueueToken(QueueName.AlertRouting));
    const job = await queue.getJob(`digest.${r.id}.daily.2026-12-10`);
    expect(job?.data).toMatchObject({ ruleId: r.id, kind: 'daily', from: '2026-12-10', to: '2026-12-10' });

    const preview = await admin()<DigestPreview>('GET', `/sites/${d.code}/alert-routing/digest-preview?kind=weekly`);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ kind: 'weekly', from: '2026-11-30', to: '2026-12-06' });
    expect(preview.body.figures.map((f) => f.key)).toContain('notices.overdue');
  });

  it('refuses a bad rule or recipient with 400 naming the field, and stores nothing', async () => {
    const b = await site('arb', 'hall', null);
    const other = await site('arb2', 'hall', null);
    const ch = await channel(b);
    const foreign = await channel(other);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ channelId: ch }, 'name'],
      [{ name: 'x' }, 'channelId'],
      [{ name: 'x', channelId: 'not-a-uuid' }, 'channelId'],
      [{ name: 'x', channelId: foreign }, 'channelId'],
      [{ name: 'x', channelId: ch, kinds: ['wait.target', 'no.such'] }, 'kinds'],
      [{ name: 'x', channelId: ch, minSeverity: 'high' }, 'minSeverity'],
      [{ name: 'x', channelId: ch, scope: 'city' }, 'scope'],
      [{ name: 'x', channelId: ch, quietHours: { from: '25:00', to: '07:30' } }, 'quietHours.from'],
      [{ name: 'x', channelId: ch, quietHours: { from: '22:00' } }, 'quietHours.to'],
      [{ name: 'x', channelId: ch, quietHours: { from: '22:00', to: '22:00' } }, 'quietHours.to'],
      [{ name: 'x', channelId: ch, quietHours: '22:00-07:30' }, 'quietHours'],
      [{ name: 'x', channelId: ch, recipientIds: ['5d0c7c8e-8d3c-4c55-9c55-000000000000'] }, 'recipientIds'],
      [{ name: 'x', channelId: ch, digests: ['monthly'] }, 'digests'],
      [{ name: 'x', channelId: ch, colour: 'red' }, 'colour'],
    ];
    for (const [body, field] of cases) {
      const res = await admin()<ErrorBody>('POST', `/sites/${b.code}/alert-routing/rules`, body);
      expect([JSON.stringify(body), res.status, res.body.field]).toEqual([JSON.stringify(body), 400, field]);
    }
    const people: Array<[Record<string, unknown>, string]> = [
      [{ name: '张三' }, 'mobile'],
      [{ name: '张三', mobile: '12345' }, 'mobile'],
      [{ name: '张三', email: 'not-mail' }, 'email'],
      [{ name: '张三', mobile: '13800000000', department: 'nope' }, 'department'],
      [{ name: '张三', mobile: '13800000000', duty: 'boss' }, 'duty'],
      [{ mobile: '13800000000' }, 'name'],
    ];
    for (const [body, field] of people) {
      const res = await admin()<ErrorBody>('POST', `/sites/${b.code}/alert-routing/recipients`, body);
      expect([JSON.stringify(body), res.status, res.body.field]).toEqual([JSON.stringify(body), 400, field]);
    }
    expect((await admin()<unknown[]>('GET', `/sites/${b.code}/alert-routing/rules`)).body).toEqual([]);
    expect((await admin()<unknown[]>('GET', `/sites/${b.code}/alert-routing/recipients`)).body).toEqual([]);

    // A good one is stored and audited; an unknown id is 404.
    const ok = await rule(b, { name: '  全部告警 ', channelId: ch });
    expect(ok).toMatchObject({ name: '全部告警', scope: 'site', kinds: [], minSeverity: 'warning', sendCleared: true, quietHours: null });
    const [audit] = await t.ds.query(`SELECT action FROM audit_log WHERE target = $1`, [ok.id]);
    expect(audit).toEqual({ action: 'alert-rule.create' });
    expect(
      (await admin()('PUT', `/sites/${b.code}/alert-routing/rules/5d0c7c8e-8d3c-4c55-9c55-000000000000`, { name: 'x', channelId: ch }))
        .status,
    ).toBe(404);
    expect((await admin()('DELETE', `/sites/${b.code}/alert-routing/rules/${ok.id}`)).status).toBe(204);
  });
});
