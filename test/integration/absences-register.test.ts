import type { AbsenceEntryView, AbsenceListView, IndicatorSnapshot, IndicatorUpdate, LiveAlert, RollCallView } from '@hallwatch/shared';
import { io, Socket } from 'socket.io-client';
import { auditCount, makeUser, signIn } from '../support/accounts';
import { hallAt, registerApi, snapshotOf } from '../support/absences';
import { ev, makeSite } from '../support/factories';
import { postEvents } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { until } from '../support/until';

jest.setTimeout(120_000);

// 外出报备: a staff member who leaves the window declaring official business or a meeting is
// registered only while an approved entry of that kind covers the departure; otherwise the
// absence counts in staff.away.unregistered and raises the away alert. Approved leave explains
// an absence, from the window and from the roster. The hall's clock is Monday 2024-07-15, 10:00.
const DAY = '2024-07-15';
const NOW = hallAt(DAY, '10:00');

describe('the outing and leave register settles absences from the windows', () => {
  let t: TestApp;
  let key: string;
  let supA: string;
  let supB: string;
  let leader: string;
  let api: ReturnType<typeof registerApi>;

  const away = (s: IndicatorSnapshot, staff: string): LiveAlert | undefined => s.alerts.find((a) => a.id === `staff.away:${staff}`);
  const rows = async () => Number((await t.ds.query(`SELECT count(*)::int AS n FROM absence_entries`))[0].n);

  beforeAll(async () => {
    t = await startTestApp({ LIVE_REFRESH_MS: '600000' });
    t.clock.setNow(NOW);
    await makeSite(t.ds, 'abs', 4);
    key = await t.deviceKey('abs');
    await makeUser(t, 'abs.sup.a', 'supervisor', ['abs']);
    await makeUser(t, 'abs.sup.b', 'supervisor', ['abs']);
    await makeUser(t, 'abs.lead', 'leader', ['abs']);
    supA = (await signIn(t.url, 'abs.sup.a')).token;
    supB = (await signIn(t.url, 'abs.sup.b')).token;
    leader = (await signIn(t.url, 'abs.lead')).token;
    api = registerApi(t, 'abs');
    const res = await postEvents(t.url, key, {
      events: [
        ...['s1', 's2', 's3', 's4', 's5', 's7', 's8'].map((s) =>
          ev('staff.signed_in', { staff: s, window: `w${s.slice(1)}` }, hallAt(DAY, '08:30')),
        ),
        // s1 declares official business at 09:40; s2 a meeting at 09:30; s4 a break at 08:50 (past the 15-min allowance).
        ev('staff.left_post', { staff: 's1', window: 'w1', reason: 'official_business' }, hallAt(DAY, '09:40')),
        ev('staff.left_post', { staff: 's2', window: 'w2', reason: 'meeting' }, hallAt(DAY, '09:30')),
        ev('staff.left_post', { staff: 's4', window: 'w4', reason: 'break' }, hallAt(DAY, '08:50')),
        // s5 went on official business at 09:05 and is still out; s7 declared a meeting at 09:20.
        ev('staff.left_post', { staff: 's5', window: 'w5', reason: 'official_business' }, hallAt(DAY, '09:05')),
        ev('staff.left_post', { staff: 's7', window: 'w7', reason: 'meeting' }, hallAt(DAY, '09:20')),
      ],
    });
    expect(res.body.results.every((r) => r.status === 'accepted')).toBe(true);
  });
  afterAll(async () => t.close());

  it('counts a declared outing without an approved entry as unregistered, with the away alert', async () => {
    const s = await snapshotOf(t, 'abs');
    // s1, s2, s5 and s7 (declared, nothing filed), s4 (break overrun).
    expect(s.values['staff.away.unregistered']).toBe(5);
    expect(s.departments.d1['staff.away.unregistered']).toBe(2);
    const alert = away(s, 's1');
    expect(alert).toMatchObject({
      kind: 'staff.away',
      severity: 'breach',
      window: 'w1',
      department: 'd1',
      since: hallAt(DAY, '09:40').toISOString(),
    });
    expect(alert!.message.zh).toContain('外出未报备');
    expect(alert!.items).toEqual(expect.arrayContaining([50, 51]));
    expect(s.windows.find((w) => w.code === 'w1')).toMatchObject({ state: 'away_unregistered', reason: 'official_business' });
  });

  it('keeps a pending entry unregistered, refuses the filer as approver, and settles it once another supervisor approves', async () => {
    const filed = await api.file(supA, {
      staff: 's1',
      kind: 'official_business',
      from: `${DAY}T09:30:00+08:00`,
      to: `${DAY}T11:30:00+08:00`,
      reason: '赴区政府报送材料',
    });
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({
      state: 'pending',
      filedBy: 'abs.sup.a',
      staffName: '人员1',
      department: 'd1',
      category: 'outing',
      // Filed at 10:00 for an outing from 09:30: 补报, allowed and shown as such.
      late: true,
    });
    expect((await snapshotOf(t, 'abs')).values['staff.away.unregistered']).toBe(5);

    const refusals = await auditCount(t.ds, 'access.denied', `actor = 'abs.sup.a'`);
    const own = await api.decide(supA, filed.body.id, 'approved');
    expect(own.status).toBe(403);
    expect(own.body.message).toBe('abs.sup.a filed this entry; another supervisor or admin must decide it');
    expect(own.body.field).toBe('decision');
    // The attempt is kept in the audit log like any refusal.
    expect(await auditCount(t.ds, 'access.denied', `actor = 'abs.sup.a'`)).toBe(refusals + 1);
    expect((await t.ds.query(`SELECT state, decided_by FROM absence_entries WHERE id = $1`, [filed.body.id]))[0]).toEqual({
      state: 'pending',
      decided_by: null,
    });
    expect(await auditCount(t.ds, 'absence.decide')).toBe(0);

    const byLeader = await api.decide(leader, filed.body.id, 'approved');
    expect(byLeader.status).toBe(403);

    const ok = await api.decide(supB, filed.body.id, 'approved', '同意');
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ state: 'approved', decidedBy: 'abs.sup.b', decisionNote: '同意' });
    const s = await snapshotOf(t, 'abs');
    expect(s.values['staff.away.unregistered']).toBe(4);
    expect(away(s, 's1')).toBeUndefined();
    expect(s.windows.find((w) => w.code === 'w1')).toMatchObject({ state: 'away_registered', reason: 'official_business' });

    const audit = await t.ds.query(`SELECT action, actor, role, target, details FROM audit_log WHERE target = $1 ORDER BY id`, [
      `absence:${filed.body.id}`,
    ]);
    expect(audit.map((a: { action: string; actor: string; role: string }) => [a.action, a.actor, a.role])).toEqual([
      ['absence.file', 'abs.sup.a', 'supervisor'],
      ['absence.decide', 'abs.sup.b', 'supervisor'],
    ]);
    expect(audit[1].details).toMatchObject({ from: 'pending', to: 'approved', note: '同意', staff: 's1' });
    // A decision is final.
    const again = await api.decide(supA, filed.body.id, 'rejected', '不同意');
    expect(again.status).toBe(409);
  });

  it('does not let an outing of another kind cover a declared meeting', async () => {
    const filed = await api.file(supA, {
      staff: 's7',
      kind: 'official_business',
      from: `${DAY}T09:00:00+08:00`,
      to: `${DAY}T12:00:00+08:00`,
      reason: '外出办事',
    });
    expect(filed.status).toBe(201);
    expect((await api.decide(supB, filed.body.id, 'approved')).status).toBe(200);
    const s = await snapshotOf(t, 'abs');
    expect(away(s, 's7')?.message.zh).toContain('外出未报备');
    expect(s.values['staff.away.unregistered']).toBe(4);
  });

  it('pushes the settled indicator to a watching wall as soon as a later approval arrives', async () => {
    const updates: IndicatorUpdate[] = [];
    const alerts: LiveAlert[] = [];
    const socket: Socket = io(`${t.url}/live`, { auth: { token: await t.displayToken('abs') }, transports: ['websocket'] });
    try {
      socket.on('update', (u: IndicatorUpdate) => updates.push(u));
      socket.on('alert', (a: LiveAlert) => alerts.push(a));
      const first = await new Promise<IndicatorSnapshot>((resolve) => socket.once('snapshot', resolve));
      expect(first.values['staff.away.unregistered']).toBe(4);
      // A first change gives the publisher its baseline for the site (its first push carries everything).
      await postEvents(t.url, key, ev('ticket.issued', { ticket: 'A1', department: 'd2', channel: 'walk_in' }, hallAt(DAY, '09:58')));
      await until(() => updates.some((u) => u.values['queue.waiting'] === 1));
      expect(alerts.some((a) => a.id === 'staff.away:s2' && a.state === 'raised')).toBe(true);
      // Filed after the departure (补报) and approved later the same morning: it settles the absence.
      const filed = await api.file(supB, {
        staff: 's2',
        kind: 'meeting',
        from: `${DAY}T09:30:00+08:00`,
        to: `${DAY}T11:00:00+08:00`,
        reason: '参加全区政务服务工作会议',
      });
      expect(filed.body.late).toBe(true);
      // Filing alone changes nothing on the wall; the periodic refresh is off, so only the approval's notice can push.
      expect((await api.decide(supA, filed.body.id, 'approved')).status).toBe(200);
      await until(() => updates.some((u) => u.values['staff.away.unregistered'] === 3));
      await until(() => alerts.some((a) => a.id === 'staff.away:s2' && a.state === 'cleared'));
    } finally {
      socket.close();
    }
  });

  it('counts an absence lasting past its approved outing from the outing’s end', async () => {
    const filed = await api.file(supA, {
      staff: 's5',
      kind: 'official_business',
      from: `${DAY}T09:00:00+08:00`,
      to: `${DAY}T09:45:00+08:00`,
      reason: '送件',
    });
    expect((await api.decide(supB, filed.body.id, 'approved')).status).toBe(200);
    const s = await snapshotOf(t, 'abs');
    expect(away(s, 's5')).toMatchObject({ since: hallAt(DAY, '09:45').toISOString() });
    expect(away(s, 's5')!.message.zh).toContain('超出报备时间');
  });

  it('explains an absence by approved leave, on the window and on the roster, and ends the cover at 销假', async () => {
    // s4's long break is in fact a half day of sick leave from 08:45; s6 has not come in for weeks: annual leave.
    const sick = await api.file(supA, {
      staff: 's4',
      kind: 'sick_leave',
      from: `${DAY}T08:45:00+08:00`,
      to: `${DAY}T12:00:00+08:00`,
      reason: '发热就医',
    });
    const annual = await api.file(supA, {
      staff: 's6',
      kind: 'annual_leave',
      from: `${DAY}T08:30:00+08:00`,
      to: '2024-07-19T17:30:00+08:00',
      reason: '年休假',
    });
    const before = await snapshotOf(t, 'abs');
    expect(before.values['roster.presence']).toBeCloseTo(7 / 8);
    expect((await api.decide(supB, sick.body.id, 'approved')).status).toBe(200);
    expect((await api.decide(supB, annual.body.id, 'approved')).status).toBe(200);
    const s = await snapshotOf(t, 'abs');
    expect(away(s, 's4')).toBeUndefined();
    expect(s.windows.find((w) => w.code === 'w4')).toMatchObject({ state: 'away_registered', reason: 'leave' });
    expect(s.values['roster.presence']).toBe(1);
    expect(s.values['staff.away.unregistered']).toBe(2);

    const roll = await api.get<RollCallView>(leader, '/roll-call');
    expect(roll.status).toBe(200);
    const state = Object.fromEntries(roll.body.staff.map((r) => [r.staff, r.state]));
    expect(state).toEqual({
      s1: 'outing',
      s2: 'outing',
      s3: 'on_post',
      s4: 'on_leave',
      s5: 'away_unregistered',
      s6: 'on_leave',
      s7: 'away_unregistered',
      s8: 'on_post',
    });
    expect(roll.body.staff.find((r) => r.staff === 's6')!.entry).toMatchObject({ kind: 'annual_leave', id: annual.body.id });

    // 销假 at 09:50: s4 is back in the hall though not at the window yet; from then on the absence is s4's own.
    const back = await api.returned(supA, sick.body.id, `${DAY}T09:50:00+08:00`);
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ state: 'approved', returnedAt: hallAt(DAY, '09:50').toISOString(), returnedBy: 'abs.sup.a' });
    const after = await snapshotOf(t, 'abs');
    expect(away(after, 's4')).toMatchObject({ since: hallAt(DAY, '09:50').toISOString() });
    expect((await api.returned(supA, sick.body.id)).status).toBe(409);
    expect(await auditCount(t.ds, 'absence.return')).toBe(1);
  });

  it('cancels a pending or future entry, but not one under way', async () => {
    const future = await api.file(supA, {
      staff: 's3',
      kind: 'personal_leave',
      from: '2024-07-16T08:30:00+08:00',
      to: '2024-07-16T12:00:00+08:00',
      reason: '办理私事',
    });
    expect((await api.decide(supB, future.body.id, 'approved')).status).toBe(200);
    const cancelled = await api.cancel(supA, future.body.id, '事情已办妥');
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ state: 'cancelled', cancelledBy: 'abs.sup.a', cancelNote: '事情已办妥' });
    expect((await api.cancel(supA, future.body.id)).status).toBe(409);

    const running = (await api.get<AbsenceListView>(leader, `?day=${DAY}&state=approved`)).body.entries.find((e) => e.staff === 's6')!;
    const refused = await api.cancel(supB, running.id);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/销假/);
    expect(await auditCount(t.ds, 'absence.cancel')).toBe(1);

    const rejected = await api.file(supA, {
      staff: 's3',
      kind: 'meeting',
      from: `${DAY}T14:00:00+08:00`,
      to: `${DAY}T15:00:00+08:00`,
      reason: '会议',
    });
    const noNote = await api.decide(supB, rejected.body.id, 'rejected');
    expect(noNote.status).toBe(400);
    expect(noNote.body.field).toBe('note');
    expect((await api.decide(supB, rejected.body.id, 'rejected', '窗口人手不足，改派他人')).body.state).toBe('rejected');
  });

  it('lists a day’s entries by department and state', async () => {
    const list = await api.get<AbsenceListView>(leader, `?day=${DAY}&department=d1`);
    expect(list.status).toBe(200);
    expect(list.body.day).toBe(DAY);
    expect(new Set(list.body.entries.map((e: AbsenceEntryView) => e.department))).toEqual(new Set(['d1']));
    expect(list.body.entries.map((e) => e.staff).sort()).toEqual(['s1', 's2']);
    const pending = await api.get<AbsenceListView>(leader, '?state=pending');
    expect(pending.body.day).toBeNull();
    expect(pending.body.entries).toEqual([]);
  });

  it('lets a department account file, cancel and read for its own department only, and never decide', async () => {
    await makeUser(t, 'abs.d2', 'department', { site: 'abs', department: 'd2' });
    const dept = (await signIn(t.url, 'abs.d2')).token;
    const before = await rows();
    const denied = () => auditCount(t.ds, 'access.denied', `actor = 'abs.d2'`);
    const foreign = await api.file(dept, {
      staff: 's1',
      kind: 'sick_leave',
      from: `${DAY}T13:00:00+08:00`,
      to: `${DAY}T17:00:00+08:00`,
      reason: '病',
    });
    expect(foreign.status).toBe(403);
    expect(foreign.body.field).toBe('staff');
    expect(await rows()).toBe(before);
    expect(await denied()).toBe(1);

    const own = await api.file(dept, {
      staff: 's3',
      kind: 'meeting',
      from: `${DAY}T15:00:00+08:00`,
      to: `${DAY}T16:00:00+08:00`,
      reason: '部门例会',
    });
    expect(own.status).toBe(201);
    expect(own.body).toMatchObject({ filedBy: 'abs.d2', department: 'd2', state: 'pending' });
    expect((await api.decide(dept, own.body.id, 'approved')).status).toBe(403);

    const list = await api.get<AbsenceListView>(dept, `?day=${DAY}`);
    expect(list.status).toBe(200);
    expect(new Set(list.body.entries.map((e) => e.department))).toEqual(new Set(['d2']));
    expect((await api.get(dept, `?day=${DAY}&department=d1`)).status).toBe(403);
    const d1 = (await api.get<AbsenceListView>(leader, `?day=${DAY}&department=d1`)).body.entries[0];
    const deniedBefore = await denied();
    expect((await api.get(dept, `/${d1.id}`)).status).toBe(404);
    expect((await api.cancel(dept, d1.id)).status).toBe(404);
    // Answered as if it did not exist, and each attempt audited.
    expect(await denied()).toBeGreaterThan(deniedBefore);
    const roll = await api.get<RollCallView>(dept, '/roll-call');
    expect(roll.body.staff.map((r) => r.staff)).toEqual(['s3', 's4']);
    expect((await api.get(dept, '/figures')).status).toBe(403);

    const approved = await api.decide(supA, own.body.id, 'approved');
    expect(approved.body).toMatchObject({ state: 'approved', decidedBy: 'abs.sup.a' });
    const cancelled = await api.cancel(dept, own.body.id, '会议取消');
    expect(cancelled.body).toMatchObject({ state: 'cancelled', cancelledBy: 'abs.d2' });
  });

  describe('bad input is refused with the field named, and nothing is stored', () => {
    const good = {
      staff: 's3',
      kind: 'official_business',
      from: `${DAY}T13:00:00+08:00`,
      to: `${DAY}T14:00:00+08:00`,
      reason: '送件',
    } as const;
    it.each([
      ['staff', { staff: 'nobody' }, /no "nobody"/],
      ['staff', { staff: 'has space' }, /letters, digits/],
      ['kind', { kind: 'holiday' }, /kind must be one of/],
      ['from', { from: '2024-07-15 13:00' }, /offset/],
      ['to', { to: `${DAY}T12:00:00+08:00` }, /after from/],
      ['to', { to: `${DAY}T13:00:00+08:00` }, /after from/],
      ['to', { to: '2024-07-17T13:00:00+08:00' }, /at most 24 hours/],
      ['from', { from: '2024-07-07T13:00:00+08:00', to: '2024-07-07T14:00:00+08:00' }, /7 days in the past/],
      ['from', { from: '2024-12-01T13:00:00+08:00', to: '2024-12-01T14:00:00+08:00' }, /90 days ahead/],
      ['reason', { reason: '   ' }, /blank/],
      ['reason', { reason: undefined }, /required/],
    ])('%s: %j', async (field, change, message) => {
      const before = await rows();
      const audits = await auditCount(t.ds, 'absence.file');
      const res = await api.file(supA, { ...good, ...change } as never);
      expect(res.status).toBe(400);
      expect(res.body.field).toBe(field);
      expect(res.body.message).toMatch(message);
      expect(await rows()).toBe(before);
      expect(await auditCount(t.ds, 'absence.file')).toBe(audits);
    });

    it('refuses an unknown field, an overlapping entry (409), a bad return time and an unknown entry', async () => {
      const before = await rows();
      const extra = await api.file(supA, { ...good, approvedBy: 'me' } as never);
      expect(extra.status).toBe(400);
      expect(extra.body.message).toMatch(/approvedBy/);
      const overlap = await api.file(supA, { ...good, staff: 's1', from: `${DAY}T11:00:00+08:00`, to: `${DAY}T12:00:00+08:00` });
      expect(overlap.status).toBe(409);
      expect(overlap.body.field).toBe('from');
      expect(await rows()).toBe(before);

      const entry = (await api.get<AbsenceListView>(leader, `?day=${DAY}&state=approved`)).body.entries.find((e) => e.staff === 's6')!;
      for (const at of ['2024-07-15T08:00:00+08:00', '2024-07-15T11:00:00+08:00', 'soon']) {
        const res = await api.returned(supA, entry.id, at);
        expect(res.status).toBe(400);
        expect(res.body.field).toBe('at');
      }
      expect((await api.decide(supB, '00000000-0000-4000-8000-000000000000', 'approved')).status).toBe(404);
      expect((await api.get(leader, '/not-an-id')).status).toBe(404);
      const badDecision = await api.post<AbsenceEntryView>(supB, `/${entry.id}/decision`, { decision: 'maybe' });
      expect(badDecision.status).toBe(400);
      expect(badDecision.body.field).toBe('decision');
    });
  });
});
