import type { SiteView } from '@hallwatch/shared';
import { siteGroups, siteMatches } from './site-tree';

const site = (code: string, tier: SiteView['tier'], parent: string | null, name = code): SiteView => ({
  code,
  name,
  nameEn: null,
  tier,
  parent,
  timezone: 'Asia/Shanghai',
  createdAt: '2026-01-01T00:00:00Z',
});

describe('the sites grouped by town', () => {
  const sites = [
    site('h-t2-v1', 'village', 'h-t2'),
    site('h-t10', 'town', 'h'),
    site('h', 'hall', null, '区政务服务大厅'),
    site('h-t2', 'town', 'h', '长兴路便民服务中心'),
    site('h-t1-v2', 'village', 'h-t1'),
    site('h-t1', 'town', 'h'),
    site('h-t1-v1', 'village', 'h-t1'),
  ];

  it('puts the hall on top and each town with its villages in code order', () => {
    const { top, groups } = siteGroups(sites);
    expect(top.map((s) => s.code)).toEqual(['h']);
    expect(groups.map((g) => [g.head.code, g.members.map((m) => m.code)])).toEqual([
      ['h-t1', ['h-t1-v1', 'h-t1-v2']],
      ['h-t2', ['h-t2-v1']],
      ['h-t10', []],
    ]);
  });

  it('keeps a town whose hall is not in the list as a group of its own', () => {
    const { top, groups } = siteGroups(sites.filter((s) => s.code === 'h-t1' || s.parent === 'h-t1'));
    expect(top).toEqual([]);
    expect(groups.map((g) => [g.head.code, g.members.map((m) => m.code)])).toEqual([['h-t1', ['h-t1-v1', 'h-t1-v2']]]);
  });

  it('finds a site by name or code', () => {
    expect(siteMatches(sites[3], '长兴')).toBe(true);
    expect(siteMatches(sites[3], 'H-T2')).toBe(true);
    expect(siteMatches(sites[3], '大厅')).toBe(false);
    expect(siteMatches(sites[3], '  ')).toBe(true);
  });
});
