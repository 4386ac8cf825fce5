import { badField } from '../../core/validation/input-validation';
import { Site, SiteTier } from './site.entity';

// The three-tier system (三级政务服务体系): district hall → town centre → village station.
const PARENT_TIER: Record<SiteTier, SiteTier | null> = { hall: null, town: 'hall', village: 'town' };
const TIER_NAME: Record<SiteTier, string> = { hall: 'a hall', town: 'a town centre', village: 'a village station' };

/** Throws a 400 naming `parent` when the parent does not fit the tier. */
export function checkParent(tier: SiteTier, parent: Site | null): void {
  const wanted = PARENT_TIER[tier];
  if (wanted === null) {
    if (parent) throw badField('parent', `${TIER_NAME[tier]} has no parent site; leave parent out or null`);
    return;
  }
  if (!parent) throw badField('parent', `${TIER_NAME[tier]} needs a parent site that is ${TIER_NAME[wanted]}`);
  if (parent.tier !== wanted)
    throw badField(
      'parent',
      `the parent of ${TIER_NAME[tier]} must be ${TIER_NAME[wanted]}; "${parent.code}" is ${TIER_NAME[parent.tier]}`,
    );
}
