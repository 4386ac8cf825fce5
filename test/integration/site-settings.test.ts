import { IndicatorSnapshot } from '@hallwatch/shared';
import { adminApi, ErrorBody } from '../support/admin-api';
import { makeSite } from '../support/factories';
import { getJson } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';

// A site's opening hours and thresholds through the admin API: checked field by field, kept
// beside the other features' keys in sites.settings, and carried to the wall in siteInfo.

const TOKEN = 'test-admin-token';
const WEEKDAYS = [1, 2, 3, 4, 5];
type Settings = { hours: { opens: string; closes: string; weekdays: number[] }; waitTargetSec: number; waitWarnRatio: number };

describe('site settings admin API', () => {
  let t: TestApp;
  let api: ReturnType<typeof adminApi>;
  const stored = async (site: string) =>
    ((await t.ds.query(`SELECT settings FROM sites WHERE code = $1`, [site])) as Array<{ settings: Record<string, unknown> }>)[0].settings;

  const indicators = async (site: string) =>
    getJson<IndicatorSnapshot>(`${t.url}/api/v1/sites/${site}/indicators`, { authorization: `Bearer ${TOKEN}` });

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_TOKEN: TOKEN });
    api = adminApi(t.url, TOKEN);
    await makeSite(t.ds, 'st');
    await makeSite(t.ds, 'st2');
  });
  afterAll(async () => t.close());

  /** A 400 naming `field`, with a message that names it too, and nothing stored. */
  const refused = async (body: unknown, field: string, message?: RegExp) => {
    const before = await stored('st');
    const res = await api<ErrorBody>('PATCH', '/sites/st/settings', body);
    expect({ status: res.status, field: res.body.field }).toEqual({ status: 400, field });
    expect(res.body.message).toContain(field);
    if (message) expect(res.body.message).toMatch(message);
    expect(await stored('st')).toEqual(before);
  };

  it('answers the defaults when nothing is set: 08:30–17:30, Monday to Friday', async () => {
    const res = await api<Settings>('GET', '/sites/st/settings');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ hours: { opens: '08:30', closes: '17:30', weekdays: WEEKDAYS }, waitTargetSec: 900 });
    const { body } = await indicators('st');
    expect(body.siteInfo.hours).toEqual({ opens: '08:30', closes: '17:30', weekdays: WEEKDAYS });
    expect((await api('GET', '/sites/nowhere/settings')).status).toBe(404);
  });

  it('stores sound hours, keeps the other features’ keys, and the wall’s siteInfo carries them', async () => {
    await t.ds.query(`UPDATE sites SET settings = '{"lookBack": {"days": 2}, "followUpDays": 7}' WHERE code = 'st'`);
    const res = await api<Settings>('PATCH', '/sites/st/settings', { hours: { opens: '09:00', closes: '12:00', weekdays: [6, 0, 6] } });
    expect(res.status).toBe(200);
    expect(res.body.hours).toEqual({ opens: '09:00', closes: '12:00', weekdays: [0, 6] });
    expect(await stored('st')).toEqual({
      lookBack: { days: 2 },
      followUpDays: 7,
      hours: { opens: '09:00', closes: '12:00', weekdays: [0, 6] },
    });
    const { body } = await indicators('st');
    expect(body.siteInfo.hours).toEqual({ opens: '09:00', closes: '12:00', weekdays: [0, 6] });
    // Another site is not touched.
    expect((await api<Settings>('GET', '/sites/st2/settings')).body.hours.opens).toBe('08:30');
  });

  it('changes one time of the hours and keeps the rest', async () => {
    const res = await api<Settings>('PATCH', '/sites/st/settings', { hours: { closes: '17:00' } });
    expect(res.status).toBe(200);
    expect(res.body.hours).toEqual({ opens: '09:00', closes: '17:00', weekdays: [0, 6] });
  });

  it('refuses unsound hours with an error naming the field', async () => {
    await refused({ hours: { opens: '8:30' } }, 'hours.opens', /HH:MM/);
    await refused({ hours: { closes: '24:00' } }, 'hours.closes', /HH:MM/);
    await refused({ hours: { closes: '17:5' } }, 'hours.closes');
    await refused({ hours: { opens: 830 } }, 'hours.opens');
    await refused({ hours: { opens: '10:00', closes: '10:00' } }, 'hours.closes', /later than hours.opens \(10:00\)/);
    await refused({ hours: { opens: '18:00', closes: '09:00', weekdays: WEEKDAYS } }, 'hours.closes');
    // Only the opening time moved, past the current closing: that is the one named.
    await refused({ hours: { opens: '17:30' } }, 'hours.opens', /earlier than hours.closes \(17:00\)/);
    await refused({ hours: { weekdays: [] } }, 'hours.weekdays', /at least one day/);
    await refused({ hours: { weekdays: [1, 7] } }, 'hours.weekdays', /0 \(Sunday\) to 6 \(Saturday\)/);
    await refused({ hours: { weekdays: [1.5] } }, 'hours.weekdays');
    await refused({ hours: { weekdays: '1-5' } }, 'hours.weekdays');
    await refused({ hours: { open: '08:00' } }, 'hours.open', /not a setting/);
    await refused({ hours: 'all day' }, 'hours');
    await refused({ hours: ['08:30', '17:30'] }, 'hours');
  });

  it('checks the thresholds beside the hours, and refuses keys it does not know', async () => {
    await refused({ waitWarnRatio: 1 }, 'waitWarnRatio');
    await refused({ waitTargetSec: 90.5 }, 'waitTargetSec');
    await refused({ surgeFactor: 1 }, 'surgeFactor');
    await refused({ opens: '08:30' }, 'opens');
    const res = await api<Settings>('PATCH', '/sites/st/settings', { waitTargetSec: 600, waitWarnRatio: 0.75 });
    expect(res.body).toMatchObject({ waitTargetSec: 600, waitWarnRatio: 0.75, hours: { opens: '09:00' } });
    const { body } = await indicators('st');
    expect(body.siteInfo).toMatchObject({ waitTargetSec: 600, waitWarnRatio: 0.75 });
  });

  it('puts a setting back to its default with null, and audits who changed which setting', async () => {
    const res = await api<Settings>('PATCH', '/sites/st/settings', { hours: null, waitTargetSec: null });
    expect(res.body).toMatchObject({ hours: { opens: '08:30', closes: '17:30', weekdays: WEEKDAYS }, waitTargetSec: 900 });
    expect(await stored('st')).toEqual({ lookBack: { days: 2 }, followUpDays: 7, waitWarnRatio: 0.75 });
    const audit = (await t.ds.query(`SELECT action, target, site, details FROM audit_log WHERE site = 'st' ORDER BY id`)) as Array<{
      action: string;
      details: { fields: string[] };
    }>;
    expect(audit.map((a) => [a.action, a.details.fields])).toEqual([
      ['registry.site.update', ['settings.hours']],
      ['registry.site.update', ['settings.hours']],
      ['registry.site.update', ['settings.waitTargetSec', 'settings.waitWarnRatio']],
      ['registry.site.update', ['settings.hours', 'settings.waitTargetSec']],
    ]);
  });

  it('checks the alert thresholds in their own units and the midday break as a whole, with their defaults', async () => {
    expect((await api('GET', '/sites/st2/settings')).body).toMatchObject({
      unattendedWindowSec: 900,
      lunchBreak: null,
      windowImbalanceMax: 1,
      badReviewAlertRating: 2,
    });
    await refused({ unattendedWindowSec: 30 }, 'unattendedWindowSec', /at least 60 seconds/);
    await refused({ unattendedWindowSec: 600.5 }, 'unattendedWindowSec', /whole number of seconds/);
    await refused({ unattendedWindowSec: 86_400 }, 'unattendedWindowSec', /at most 28800 seconds/);
    await refused({ windowImbalanceMax: 0 }, 'windowImbalanceMax', /above 0/);
    await refused({ windowImbalanceMax: 'high' }, 'windowImbalanceMax');
    await refused({ badReviewAlertRating: 3 }, 'badReviewAlertRating', /1 or 2 stars/);
    await refused({ badReviewAlertRating: 1.5 }, 'badReviewAlertRating', /whole number of stars/);
    await refused({ lunchBreak: { from: '13:30', to: '12:00' } }, 'lunchBreak.to', /later than lunchBreak.from \(13:30\)/);
    await refused({ lunchBreak: { from: '12', to: '13:00' } }, 'lunchBreak.from', /HH:MM/);
    await refused({ lunchBreak: { from: '12:00' } }, 'lunchBreak.to', /HH:MM/);
    await refused({ lunchBreak: { from: '12:00', to: '13:00', until: '14:00' } }, 'lunchBreak.until', /not a setting/);
    await refused({ lunchBreak: 'noon' }, 'lunchBreak');
    // One bad field refuses the whole change.
    await refused({ unattendedWindowSec: 600, badReviewAlertRating: 0 }, 'badReviewAlertRating');

    const set = { unattendedWindowSec: 600, windowImbalanceMax: 1.5, badReviewAlertRating: 1, lunchBreak: { from: '12:00', to: '13:30' } };
    const res = await api('PATCH', '/sites/st/settings', set);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject(set);
    expect(await stored('st')).toMatchObject(set);
    const cleared = await api('PATCH', '/sites/st/settings', { lunchBreak: null, unattendedWindowSec: null });
    expect(cleared.body).toMatchObject({ lunchBreak: null, unattendedWindowSec: 900, badReviewAlertRating: 1 });
    expect(await stored('st')).not.toHaveProperty('lunchBreak');
  });

  it('is for admins only', async () => {
    expect((await api('GET', '/sites/st/settings', undefined, null)).status).toBe(401);
    expect((await api('PATCH', '/sites/st/settings', { hours: null }, 'not-the-admin-token-at-all')).status).toBe(401);
  });
});
