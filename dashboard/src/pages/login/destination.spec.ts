import type { SignedInUser } from '@hallwatch/shared';
import { destination } from './api';

const leader: SignedInUser = { username: 'li.leader', role: 'leader', sites: ['huiji'], department: null, mustChangePassword: false };
const ORIGIN = 'http://hall.test:3000';

/** Where the browser would really go: location.assign resolves the answer against the page. */
const landing = (next: string | null): URL => new URL(destination(leader, next, ORIGIN), `${ORIGIN}/login`);

describe('the page after sign-in', () => {
  it.each([
    '/\t/evil.example/',
    '/\n/evil.example/',
    '/\r/evil.example/',
    '\t//evil.example/',
    '//evil.example/',
    '/\\evil.example/',
    '\\/evil.example/',
    'https://evil.example/wall',
    'javascript:alert(1)',
    'http://hall.test:3000@evil.example/',
    ' /wall',
    'wall',
    '/login?next=/wall',
  ])('never leaves the origin nor loops to the login page for next=%j', (next) => {
    const url = landing(next);
    expect(url.origin).toBe(ORIGIN);
    expect(url.pathname).toBe('/trends');
    expect(url.search).toBe('?site=huiji');
  });

  it('keeps a path of this origin with its query and hash', () => {
    expect(destination(leader, '/wall?site=huiji#top', ORIGIN)).toBe('/wall?site=huiji#top');
    expect(destination(leader, '/trends?site=a%20b', ORIGIN)).toBe('/trends?site=a%20b');
  });

  it('sends each role to its own screen without a next', () => {
    expect(destination(leader, null, ORIGIN)).toBe('/trends?site=huiji');
    expect(destination({ ...leader, role: 'patrol' }, null, ORIGIN)).toBe('/patrol?site=huiji');
    expect(destination({ ...leader, role: 'supervisor', sites: 'all' }, null, ORIGIN)).toBe('/desk');
    expect(destination({ ...leader, role: 'admin', sites: ['huiji', 'town1'] }, null, ORIGIN)).toBe('/admin?site=huiji');
    expect(destination({ ...leader, role: 'display' }, null, ORIGIN)).toBe('/wall?site=huiji');
    expect(destination({ ...leader, role: 'department', department: 'gjj' }, null, ORIGIN)).toBe('/department?site=huiji');
  });
});
