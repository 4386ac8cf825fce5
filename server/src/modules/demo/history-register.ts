import { EntityManager } from 'typeorm';
import { queryRows } from '../../core/database/typed-query';
import { recordAudit } from '../audit/audit-log';
import { Site } from '../registry/site.entity';
import { DEMO_CLERKS } from './demo-access';
import type { RegisterAction } from './hall-simulation';

// The outing and leave register of a past day, as the simulation's clerks kept it: each filing
// decided by the other clerk at the time the simulation says, written in the day's transaction
// with its audit entries, so the monthly figures of the demo's past count registered outings
// and leave beside the unregistered absences.

const clerk = (username: string) => ({ actor: username, role: 'supervisor', address: null, userAgent: 'demo history' });

export async function registerDay(em: EntityManager, site: Site, acts: readonly RegisterAction[]): Promise<number> {
  const departments = new Map(
    (
      await queryRows<{ code: string; department_code: string | null }>(em, `SELECT code, department_code FROM staff WHERE site_id = $1`, [
        site.id,
      ])
    ).map((s) => [s.code, s.department_code]),
  );
  const decisions = new Map<string, Extract<RegisterAction, { act: 'decide' }>>();
  for (const a of acts) if (a.act === 'decide') decisions.set(a.key, a);
  let written = 0;
  for (const a of acts) {
    if (a.act !== 'file' || !departments.has(a.filing.staff)) continue;
    const d = decisions.get(a.key);
    const [row] = await queryRows<{ id: string }>(
      em,
      `INSERT INTO absence_entries (site_id, staff, department, kind, starts_at, ends_at, reason, state, filed_by, filed_at, decided_by, decided_at, decision_note)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
      [
        site.id,
        a.filing.staff,
        departments.get(a.filing.staff),
        a.filing.kind,
        new Date(a.filing.from),
        new Date(a.filing.to),
        a.filing.reason,
        d?.decision ?? 'pending',
        DEMO_CLERKS.filer,
        new Date(a.at),
        d ? DEMO_CLERKS.approver : null,
        d ? new Date(d.at) : null,
        d?.note ?? null,
      ],
    );
    const target = `absence:${row.id}`;
    const details = { staff: a.filing.staff, kind: a.filing.kind, from: a.filing.from, to: a.filing.to, by: 'demo history' };
    await recordAudit(em, { by: clerk(DEMO_CLERKS.filer), at: new Date(a.at), action: 'absence.file', site: site.code, target, details });
    if (d)
      await recordAudit(em, {
        by: clerk(DEMO_CLERKS.approver),
        at: new Date(d.at),
        action: 'absence.decide',
        site: site.code,
        target,
        details: { staff: a.filing.staff, kind: a.filing.kind, from: 'pending', to: d.decision, note: d.note ?? null, by: 'demo history' },
      });
    written++;
  }
  return written;
}
