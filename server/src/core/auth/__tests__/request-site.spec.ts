import { ForbiddenException } from '@nestjs/common';
import { requireAllSites } from '../request-site';

describe('a request that reaches every site', () => {
  it('lets only an account of every site reach every site, naming the input', () => {
    expect(() => requireAllSites({ sites: 'all' }, 'scope', 'x')).not.toThrow();
    try {
      requireAllSites({ sites: ['hall', 't1'] }, 'parent', 'Moving a site');
      throw new Error('expected a refusal');
    } catch (err) {
      expect(err).toBeInstanceOf(ForbiddenException);
      expect((err as ForbiddenException).getResponse()).toMatchObject({ field: 'parent' });
    }
  });
});
