import type { VisitFindingState, VisitFindingView, VisitView } from '@hallwatch/shared';
import { PatrolNotice } from '../patrol/entities/patrol-notice.entity';
import { Site } from '../registry/site.entity';
import { Visit } from './entities/visit.entity';
import { VisitFinding } from './entities/visit-finding.entity';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** A finding is open until its notice is accepted; with a notice it is waiting on the town, then on the office. */
export function findingState(n: PatrolNotice | undefined): VisitFindingState {
  if (!n) return 'open';
  if (n.acceptedAt) return 'closed';
  return n.status === 'closed' ? 'answered' : 'noticed';
}

export function findingView(f: VisitFinding, n: PatrolNotice | undefined, office: Site | undefined, now: Date): VisitFindingView {
  return {
    id: f.id,
    point: f.point,
    text: f.text,
    occurredAt: f.occurredAt.toISOString(),
    state: findingState(n),
    notice: n
      ? {
          id: n.id,
          number: n.number,
          deadline: n.deadline.toISOString(),
          status: n.status,
          overdue: n.status === 'open' && n.deadline <= now,
          reply: n.reply,
          repliedAt: iso(n.repliedAt),
          acceptedAt: iso(n.acceptedAt),
          escalatedAt: iso(n.escalatedAt),
          office: office?.code ?? '',
        }
      : null,
  };
}

export function visitView(v: Visit, sites: Map<string, Site>, counts: { findings: number; open: number }): VisitView {
  const site = sites.get(v.siteId)!;
  const town = sites.get(v.townSiteId)!;
  const finished = v.state === 'finished';
  return {
    id: v.id,
    site: { code: site.code, name: site.name, nameEn: site.nameEn, tier: site.tier === 'village' ? 'village' : 'town' },
    town: { code: town.code, name: town.name, nameEn: town.nameEn },
    kind: v.kind,
    plannedOn: v.plannedOn,
    assignee: v.assignee,
    plannedBy: v.plannedBy,
    state: v.state,
    startedAt: iso(v.startedAt),
    startedBy: v.startedBy,
    finishedAt: iso(v.finishedAt),
    finishedBy: v.finishedBy,
    summary: v.summary,
    mystery:
      v.kind === 'mystery' && finished && v.waitedMin !== null
        ? { waitedMin: v.waitedMin, servedCorrectly: v.servedCorrectly ?? false, experience: v.experience ?? '' }
        : null,
    findings: counts.findings,
    openFindings: counts.open,
  };
}
