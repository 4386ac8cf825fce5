import type { AlertSeverity, DigestKind, RoutedKind, RuleScope } from '@hallwatch/shared';
import { EntityManager } from 'typeorm';
import type { Mentionable } from './alert-messages';

/** A rule as routing reads it. */
export interface RuleRow {
  id: string;
  siteId: string;
  name: string;
  scope: RuleScope;
  kinds: RoutedKind[];
  minSeverity: AlertSeverity;
  channelId: string;
  recipientIds: string[];
  quietFrom: string | null;
  quietTo: string | null;
  sendCleared: boolean;
  digests: DigestKind[];
}

const RULE_COLUMNS = `r.id, r.site_id AS "siteId", r.name, r.scope, r.kinds, r.min_severity AS "minSeverity", r.channel_id AS "channelId",
  r.recipient_ids::text[] AS "recipientIds", r.quiet_from AS "quietFrom", r.quiet_to AS "quietTo", r.send_cleared AS "sendCleared", r.digests`;

// The site and the sites above it (a village's town, the town's district hall); the tree is three tiers deep.
const SITE_AND_ABOVE = `WITH RECURSIVE up AS (
    SELECT id, parent_id, 0 AS depth FROM sites WHERE id = $1
    UNION ALL SELECT s.id, s.parent_id, up.depth + 1 FROM sites s JOIN up ON s.id = up.parent_id WHERE up.depth < 8)`;

/** The enabled rules that cover a site: its own, and those of the sites above it that reach down. */
export async function rulesCovering(em: EntityManager, siteId: string): Promise<RuleRow[]> {
  return em.query(
    `${SITE_AND_ABOVE}
     SELECT ${RULE_COLUMNS} FROM alert_rules r JOIN up ON r.site_id = up.id
     WHERE r.enabled AND (up.depth = 0 OR r.scope = 'subtree') ORDER BY up.depth, r.name, r.id`,
    [siteId],
  );
}

export async function ruleById(em: EntityManager, id: string): Promise<RuleRow | null> {
  const [r]: RuleRow[] = await em.query(`SELECT ${RULE_COLUMNS} FROM alert_rules r WHERE r.id = $1`, [id]);
  return r ?? null;
}

/** Every enabled rule with a digest, for the digests' planning. */
export async function rulesWithDigests(em: EntityManager): Promise<RuleRow[]> {
  return em.query(`SELECT ${RULE_COLUMNS} FROM alert_rules r WHERE r.enabled AND cardinality(r.digests) > 0 ORDER BY r.id`);
}

/** The ids of the site and the sites above it. */
export async function siteAndAbove(em: EntityManager, siteId: string): Promise<string[]> {
  const rows: Array<{ id: string }> = await em.query(`${SITE_AND_ABOVE} SELECT id FROM up ORDER BY depth`, [siteId]);
  return rows.map((r) => r.id);
}

export async function recipientsByIds(em: EntityManager, ids: readonly string[]): Promise<Mentionable[]> {
  if (!ids.length) return [];
  return em.query(`SELECT name, mobile, user_id AS "userId", email FROM alert_recipients WHERE id = ANY($1::uuid[]) ORDER BY name, id`, [
    ids,
  ]);
}
