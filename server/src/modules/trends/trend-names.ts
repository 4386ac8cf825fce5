import { BreakdownDim } from '@hallwatch/shared';
import { EntityManager } from 'typeorm';
import type { ResolvedScope } from './trends.service';

/** A unit's name in both of the dashboard's languages. */
export interface UnitName {
  name: string;
  nameEn: string;
}

/** The review channels of docs/contracts/device-events.md as the hall names them. */
export const CHANNEL_NAMES: Record<string, UnitName> = {
  pad: { name: '窗口评价器', nameEn: 'Rating pad' },
  app: { name: '政务服务APP', nameEn: 'Service app' },
  sms: { name: '短信', nameEn: 'SMS' },
  qr: { name: '扫码评价', nameEn: 'QR code' },
  web: { name: '网上评价', nameEn: 'Web' },
  hotline: { name: '12345热线', nameEn: '12345 hotline' },
};

// A registry name without an English one reads as written: better Chinese than a bare code.
const both = (name: string, nameEn: string | null | undefined): UnitName => ({ name, nameEn: nameEn || name });

/** The name of `key`, or the key itself for a code the registry does not know (item 48). */
export const nameOf = (names: Map<string, UnitName>, key: string): UnitName => names.get(key) ?? both(key, null);

/** The ids of the sites a scope covers: the site, its tree, or every site. */
async function scopeSites(em: EntityManager, s: ResolvedScope): Promise<string[] | null> {
  if (!s.site) return null;
  if (s.rollup.level === 'site') return [s.site.id];
  const rows: Array<{ id: string }> = await em.query(
    `WITH RECURSIVE down AS (SELECT id FROM sites WHERE id = $1 UNION SELECT s.id FROM sites s JOIN down ON s.parent_id = down.id)
     SELECT id FROM down`,
    [s.site.id],
  );
  return rows.map((r) => r.id);
}

/**
 * Display names for a dimension's keys. With `registry`, every department or window the
 * scope's registry knows is included too (a ranking ranks units without data as well).
 */
export async function unitNames(
  em: EntityManager,
  s: ResolvedScope,
  dim: BreakdownDim,
  keys: string[],
  registry = false,
): Promise<Map<string, UnitName>> {
  const names = new Map<string, UnitName>();
  const sites = await scopeSites(em, s);
  const root = s.site?.id ?? null;
  if (dim === 'department') {
    // The same code at several sites (a town's 社保 and the hall's): the scope's own site names it.
    const rows: Array<{ code: string; name: string; name_en: string | null }> = await em.query(
      `SELECT DISTINCT ON (code) code, name, name_en FROM departments WHERE ($1::uuid[] IS NULL OR site_id = ANY($1))
       ORDER BY code, (site_id = $2::uuid) DESC NULLS LAST`,
      [sites, root],
    );
    for (const r of rows) if (registry || keys.includes(r.code)) names.set(r.code, both(r.name, r.name_en));
  } else if (dim === 'window') {
    const rows: Array<{ code: string; number: number | null; dept: string | null; dept_en: string | null }> = await em.query(
      `SELECT w.code, w.number, d.name AS dept, d.name_en AS dept_en
       FROM windows w LEFT JOIN departments d ON d.site_id = w.site_id AND d.code = w.department_code
       WHERE w.site_id = ANY($1)`,
      [sites ?? []],
    );
    for (const r of rows)
      if (registry || keys.includes(r.code))
        names.set(r.code, {
          name: `${r.number ?? r.code}号窗口${r.dept ? `（${r.dept}）` : ''}`,
          nameEn: `Window ${r.number ?? r.code}${r.dept ? ` (${r.dept_en || r.dept})` : ''}`,
        });
  } else if (dim === 'staff') {
    const rows: Array<{ code: string; name: string }> = await em.query(`SELECT code, name FROM staff WHERE site_id = ANY($1)`, [
      sites ?? [],
    ]);
    for (const r of rows) if (keys.includes(r.code)) names.set(r.code, both(r.name, null));
  } else if (dim === 'channel') {
    for (const k of keys) names.set(k, CHANNEL_NAMES[k] ?? both(k, null));
  } else {
    const rows: Array<{ code: string; name: string; name_en: string | null }> = await em.query(
      `SELECT code, name, name_en FROM sites WHERE code = ANY($1)`,
      [keys],
    );
    for (const r of rows) names.set(r.code, both(r.name, r.name_en));
  }
  // Codes the registry does not know (item 48) still appear, under their code.
  for (const k of keys) if (!names.has(k)) names.set(k, both(k, null));
  return names;
}
