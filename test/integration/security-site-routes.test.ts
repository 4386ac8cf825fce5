import type { Role } from '@hallwatch/shared';
import type { RectificationItemView } from '@hallwatch/shared';
import { call, makeUser, signIn } from '../support/accounts';
import { makeSite } from '../support/factories';
import { rawCall, RawAnswer } from '../support/raw-request';
import { postForm, seedReportText } from '../support/rectification-api';
import { insertCases, insertReviews } from '../support/review-fixtures';
import { changedTables, Fingerprint, siteFingerprinter, SiteFingerprinter } from '../support/site-fingerprint';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(900_000);

const ADMIN_TOKEN = 'site-routes-admin-token-0123456789';
const OWN = 'huiji-t1';
/** The next town and the district hall above both: neither is the town accounts' to touch. */
const FOREIGN = ['huiji-t2', 'huiji'] as const;
type Foreign = (typeof FOREIGN)[number];
const ROLES: Role[] = ['admin', 'supervisor', 'leader', 'patrol', 'department'];
const NO_ID = '00000000-0000-4000-8000-000000000000';
/** Every seeded row of a foreign site carries this word; no answer to a town account may. */
const MARK = 'SECRETMARK';

interface Operation {
  method: string;
  /** The OpenAPI path, with {site} and the other parameters still in it. */
  path: string;
  body: string | null;
  /** The path parameters the document declares. */
  params: string[];
}

/** A body the handler would act on, per request schema, so that a route let through would really change something. */
const SAMPLE_BODIES: Record<string, Record<string, unknown>> = {
  UpdateItemDto: { status: 'rectified' },
  AddEvidenceDto: { date: '2024-08-03', text: 'walk' },
  CreateLinkDto: { indicator: 'staff.on_post', comparator: '>=', target: 1, window: 'now' },
  UpdateLinkDto: { target: 3 },
  CalendarEditDto: { from: '2024-11-06', kind: 'workday', name: 'walk' },
  CreateSiteDto: { code: 'walk-new', name: 'walk', tier: 'village', parent: 'huiji-t2' },
  UpdateSiteDto: { name: 'walk' },
  UpdateDepartmentDto: { name: 'walk' },
  UpdateWindowDto: { isOpen: false },
  UpdateStaffDto: { name: 'walk' },
  UpdateServiceItemDto: { name: 'walk' },
  UpdateDeviceKeyDto: { requireSignature: true },
  DisplayTokenDto: { name: 'walk' },
  CreateDeviceKeyDto: { name: 'walk' },
  DecideAppealDto: { decision: 'upheld', note: 'walk' },
  FileAppealDto: { reason: 'malicious', statement: 'walk' },
  CallbackAnswerDto: { answer: 'not_contacted', note: 'walk' },
  UpdateUserDto: { role: 'leader' },
  SetPasswordDto: { password: 'a walk long enough passphrase' },
  CalendarDayDto: { kind: 'workday' },
  UpdateCheckpointDto: { label: 'walk' },
  CreateCheckpointDto: { code: 'walk-cp', label: 'walk', items: [42] },
  FileAbsenceDto: {
    staff: 's1',
    kind: 'official_business',
    from: new Date(Date.now() + 3 * 3600_000).toISOString(),
    to: new Date(Date.now() + 4 * 3600_000).toISOString(),
    reason: 'walk',
  },
  DecideAbsenceDto: { decision: 'approved', note: 'walk' },
  CancelAbsenceDto: { note: 'walk' },
  ReturnAbsenceDto: {},
};

// Every route of the API document, called by accounts of the town huiji-t1 with a foreign
// site in the body, the query and the path in turn, and with the town's own site beside the
// foreign site's ids: the foreign site's rows stay exactly as they were, and no answer
// carries its data.
describe('every route keeps a town account to its own site', () => {
  let t: TestApp;
  let operations: Operation[];
  let prints: SiteFingerprinter;
  const tokens = new Map<Role, string>();
  const ids = {} as Record<Foreign, Record<string, string>>;

  async function seedForeign(site: Foreign): Promise<Record<string, string>> {
    const [{ id: siteId }] = await t.ds.query(`SELECT id FROM sites WHERE code = $1`, [site]);
    await t.ds.query(`UPDATE departments SET name = $2 WHERE site_id = $1`, [siteId, `${MARK} 部门`]);
    const admin = (method: string, path: string, body?: unknown) =>
      call<Record<string, string>>(t.url, method, path, { token: ADMIN_TOKEN, body });
    const ok = <T extends { status: number }>(what: string, res: T): T => {
      if (res.status >= 300) throw new Error(`seeding ${what} of ${site}: ${res.status} ${JSON.stringify(res)}`);
      return res;
    };
    ok(
      'report',
      await postForm(
        t.url,
        `/rectification/import?site=${site}`,
        ADMIN_TOKEN,
        {},
        { field: 'file', name: 'r.txt', bytes: seedReportText() },
      ),
    );
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from(MARK), Buffer.from('\n%%EOF\n')]);
    const evidence = ok(
      'evidence',
      await postForm<{ id: string }>(
        t.url,
        `/rectification/items/42/evidence?site=${site}`,
        ADMIN_TOKEN,
        { date: '2024-08-02', text: `${MARK} 佐证` },
        {
          field: 'attachment',
          name: `${MARK}.pdf`,
          bytes: pdf,
          type: 'application/pdf',
        },
      ),
    );
    const item = await call<RectificationItemView>(t.url, 'GET', `/api/v1/admin/rectification/items/48?site=${site}`, {
      token: ADMIN_TOKEN,
    });
    ok(
      'calendar',
      await admin('PUT', `/api/v1/admin/calendar?site=${site}`, { from: '2024-11-06', kind: 'holiday', name: `${MARK} 假日` }),
    );
    ok(
      'patrol day',
      await admin('PUT', `/api/v1/admin/sites/${site}/patrol/calendar/2024-11-08`, { kind: 'holiday', name: `${MARK} 巡查` }),
    );
    ok(
      'checkpoint',
      await admin('POST', `/api/v1/admin/sites/${site}/patrol/checkpoints`, { code: 'secret-cp', label: `${MARK} 检查点`, items: [42] }),
    );
    const display = ok('display token', await admin('POST', `/api/v1/admin/sites/${site}/display-tokens`, { name: `${MARK} tv` }));
    const key = ok('device key', await admin('POST', `/api/v1/admin/sites/${site}/device-keys`, { name: `${MARK} pad` }));
    await insertReviews(t.ds, siteId, [{ id: 'r-bad', at: '2024-11-04T02:00:00Z', rating: 1, dept: 'd1' }]);
    await insertCases(t.ds, siteId, [
      {
        source: 'r-bad',
        opened: '2024-11-04T02:00:00Z',
        contactDue: '2024-11-05T02:00:00Z',
        resolveDue: '2024-11-11T02:00:00Z',
        dept: 'd1',
      },
    ]);
    const [{ id: caseId }] = await t.ds.query(`SELECT id FROM follow_up_cases WHERE site_id = $1`, [siteId]);
    // A closure drawn for a second callback (回访核实), awaiting its answer.
    const [{ id: checkId }] = await t.ds.query(
      `INSERT INTO callback_checks (site_id, case_id, department, handler, closed_at, draw_value, share, drawn_at, drawn_day, reason, note)
       VALUES ($1, $2, 'd1', 'secretmark-handler', '2024-11-05T02:00:00Z', 0.01, 0.1, '2024-11-05T02:00:00Z', '2024-11-05', 'random', $3)
       RETURNING id`,
      [siteId, caseId, `${MARK} 回访`],
    );
    const appeal = ok(
      'appeal',
      await admin('POST', `/api/v1/admin/sites/${site}/reviews/r-bad/appeal`, { reason: 'malicious', statement: `${MARK} 申诉` }),
    );
    const absence = ok(
      'register entry',
      await admin('POST', `/api/v1/admin/sites/${site}/absences`, {
        staff: 's1',
        kind: 'meeting',
        from: new Date(Date.now() + 3600_000).toISOString(),
        to: new Date(Date.now() + 2 * 3600_000).toISOString(),
        reason: `${MARK} 会议`,
      }),
    );
    const userId = await makeUser(t, `secretmark-${site}`, 'admin', [site]);
    return {
      evidence: evidence.body.id,
      link: item.body.links[0].id,
      display: display.body.id,
      key: key.body.id,
      case: caseId,
      check: checkId,
      appeal: appeal.body.id,
      absence: absence.body.id,
      user: userId,
    };
  }

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_TOKEN, LOGIN_RATE_PER_MINUTE: '100000', RUN_WORKERS: 'false' });
    const hall = await makeSite(t.ds, 'huiji', 1);
    const towns = [await makeSite(t.ds, OWN, 1), await makeSite(t.ds, 'huiji-t2', 1)];
    const village = await makeSite(t.ds, 'huiji-t2-v1', 1);
    await t.ds.query(`UPDATE sites SET tier = 'town', parent_id = $2 WHERE id = ANY($1::uuid[])`, [towns.map((s) => s.id), hall.id]);
    await t.ds.query(`UPDATE sites SET tier = 'village', parent_id = $2 WHERE id = $1`, [village.id, towns[1].id]);
    for (const site of FOREIGN) ids[site] = await seedForeign(site);
    for (const role of ROLES) {
      await makeUser(t, `walk-${role}`, role, role === 'department' ? { site: OWN, department: 'd1' } : [OWN]);
      tokens.set(role, (await signIn(t.url, `walk-${role}`)).token);
    }
    const doc = (
      await call<{
        paths: Record<
          string,
          Record<
            string,
            { parameters?: Array<{ name: string; in: string }>; requestBody?: { content: Record<string, { schema?: { $ref?: string } }> } }
          >
        >;
      }>(t.url, 'GET', '/api/docs-json')
    ).body;
    operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        body: op.requestBody?.content['application/json']?.schema?.$ref?.split('/').pop() ?? null,
        params: (op.parameters ?? []).filter((x) => x.in === 'path').map((x) => x.name),
      })),
    );
    prints = await siteFingerprinter(t.ds);
  });
  afterAll(async () => t.close());

  /** The foreign site's id for each path parameter the route has. */
  function fill(path: string, site: string, foreign: Foreign): string {
    const own = ids[foreign];
    const value = (name: string): string => {
      if (name === 'site') return site;
      if (name === 'key') return '42';
      if (name === 'reviewId') return 'r-bad';
      if (name === 'month') return '2024-11';
      if (name === 'day') return path.includes('/patrol/') ? '2024-11-08' : '2024-11-06';
      if (name === 'code') {
        if (path.includes('/departments/')) return 'd1';
        if (path.includes('/windows/')) return 'w1';
        if (path.includes('/staff/')) return 's1';
        if (path.includes('/checkpoints/')) return 'secret-cp';
        return 'x1';
      }
      if (path.includes('/evidence/')) return own.evidence;
      if (path.includes('/links/')) return own.link;
      if (path.includes('/display-tokens/')) return own.display;
      if (path.includes('/device-keys/')) return own.key;
      if (path.includes('/follow-ups/')) return own.case;
      if (path.includes('/callback-checks/')) return own.check;
      if (path.includes('/appeals/')) return own.appeal;
      if (path.includes('/absences/')) return own.absence;
      if (path.includes('/users/')) return own.user;
      return NO_ID;
    };
    return path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(value(name)));
  }

  interface Variant {
    label: string;
    url: string;
    body: Record<string, unknown> | undefined;
    /** The guard must refuse it (400 for a site it cannot take, 403 for a site outside the account or a role). */
    refused: boolean;
  }

  function variants(op: Operation, foreign: Foreign): Variant[] {
    const sample = op.body ? (SAMPLE_BODIES[op.body] ?? {}) : undefined;
    const withSite = (site: string) => ({ ...(sample ?? {}), site });
    const hasSite = op.path.includes('{site}');
    const ownPath = fill(op.path, OWN, foreign);
    const out: Variant[] = [
      { label: 'foreign site in the body', url: ownPath, body: withSite(foreign), refused: true },
      { label: 'foreign site in the query', url: `${ownPath}?site=${foreign}`, body: sample, refused: true },
      // The town's own site named beside the foreign site's ids: the handler must answer 404 or the like.
      { label: 'own site in the body, foreign ids', url: ownPath, body: withSite(OWN), refused: !hasSite },
    ];
    if (hasSite) out.push({ label: 'foreign site in the path', url: fill(op.path, foreign, foreign), body: sample, refused: true });
    else {
      out.push({
        label: 'own site in the query, foreign site in the body',
        url: `${ownPath}?site=${OWN}`,
        body: withSite(foreign),
        refused: true,
      });
      out.push({ label: 'own site in the query, foreign ids', url: `${ownPath}?site=${OWN}`, body: sample, refused: false });
    }
    return out;
  }

  const leaks = (res: RawAnswer): boolean => res.bytes.toString('latin1').includes(MARK) || res.bytes.toString('utf8').includes(MARK);

  it('classifies every table of the schema for the fingerprint, and the fingerprint holds still on its own', async () => {
    expect(prints.unclassified).toEqual([]);
    expect(operations.length).toBeGreaterThan(90);
    // The document tells clients where the site goes: every {site} route declares it.
    const undeclared = operations.filter((op) => op.path.includes('{site}') && !op.params.includes('site'));
    expect(undeclared.map((op) => `${op.method} ${op.path}`)).toEqual([]);
    for (const site of [...FOREIGN, 'district'] as const) expect(await prints.of(site)).toEqual(await prints.of(site));
    // The seed reached the tables that matter.
    const hall = await prints.of('huiji');
    const empty = (await t.ds.query(`SELECT md5('') AS m`))[0].m;
    for (const table of [
      'rectification_items',
      'rectification_evidence',
      'rectification_links',
      'calendar_days',
      'review_appeals',
      'follow_up_cases',
      'absence_entries',
      'callback_checks',
    ])
      expect([table, hall[table] === empty]).toEqual([table, false]);
  });

  it('touches no row of another site and shows none of its data, whatever the route and wherever the site is put', async () => {
    const wrong: string[] = [];
    let calls = 0;
    const before = new Map<string, Fingerprint>();
    for (const site of [...FOREIGN, 'district'] as const) before.set(site, await prints.of(site));
    for (const op of operations) {
      // The probes and sign-in name no site and read none: they answer anyone.
      const publicRoute = op.path.startsWith('/health') || op.path === '/api/v1/auth/login';
      const deviceRoute = op.path === '/api/v1/events';
      for (const role of ROLES)
        for (const foreign of FOREIGN)
          for (const v of variants(op, foreign)) {
            const res = await rawCall(t.url, op.method, v.url, { token: tokens.get(role)!, body: v.body });
            calls++;
            const label = `${op.method} ${v.url} as ${role} (${v.label}): ${res.status}`;
            if (leaks(res)) wrong.push(`${label} shows the foreign site's data`);
            if (v.refused && !publicRoute && !deviceRoute && res.status !== 400 && res.status !== 403)
              wrong.push(`${label}, expected a refusal ${JSON.stringify(res.body).slice(0, 200)}`);
            if (res.status === 401 && !deviceRoute) wrong.push(`${label}: the session was lost`);
            // Signing out ends the account's sessions: sign in again for the next call.
            if (op.path === '/api/v1/auth/logout' && res.status < 300) tokens.set(role, (await signIn(t.url, `walk-${role}`)).token);
          }
      for (const site of [...FOREIGN, 'district'] as const) {
        const after = await prints.of(site);
        const changed = changedTables(before.get(site)!, after);
        if (changed.length) {
          wrong.push(`${op.method} ${op.path} changed ${site}'s rows in ${changed.join(', ')}`);
          before.set(site, after);
        }
      }
    }
    expect(calls).toBeGreaterThan(1000);
    expect(wrong).toEqual([]);
  });
});
