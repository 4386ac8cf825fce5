import { formatNoticeNumber } from '@hallwatch/shared';
import { EntityManager } from 'typeorm';
import { queryOne } from '../../core/database/typed-query';
import { localMonth } from '../../core/time/zoned-time';
import { indicatorSettings } from '../registry/indicator-settings';
import { Site } from '../registry/site.entity';

/**
 * The next 文号 of the site's year of issue (hall time), in the pattern the site uses now. Called
 * inside the notice's transaction: the upsert locks the year's row until the notice commits, so
 * concurrent notices are numbered one after the other and a rolled-back one gives its number up.
 */
export async function allocateNoticeNumber(
  em: EntityManager,
  site: Site,
  issuedAt: Date,
): Promise<{ text: string; year: number; seq: number }> {
  const year = Number(localMonth(issuedAt, site.timezone).slice(0, 4));
  const row = await queryOne<{ last: number }>(
    em,
    `INSERT INTO patrol_notice_sequences (site_id, year, last) VALUES ($1, $2, 1)
     ON CONFLICT (site_id, year) DO UPDATE SET last = patrol_notice_sequences.last + 1 RETURNING last`,
    [site.id, year],
  );
  const seq = row?.last ?? 1;
  const pattern = indicatorSettings(site.settings).noticeNumberPattern;
  return { text: formatNoticeNumber(pattern, { site: site.name, year, seq }), year, seq };
}
