import { BadRequestException } from '@nestjs/common';
import type { AuthedRequest } from '../../../../core/auth/principal';
import { requestSiteOf } from '../request-site-of';

const req = (parts: { params?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown }): AuthedRequest =>
  ({ params: parts.params ?? {}, query: parts.query ?? {}, body: parts.body }) as unknown as AuthedRequest;

const fieldOf = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(BadRequestException);
    return ((err as BadRequestException).getResponse() as { field: string }).field;
  }
  throw new Error('expected a refusal');
};

describe('the one site of a request', () => {
  it('reads the path or the query, and nothing when neither names one', () => {
    expect(requestSiteOf(req({ params: { site: 't1' } }))).toBe('t1');
    expect(requestSiteOf(req({ query: { site: 't1' } }))).toBe('t1');
    expect(requestSiteOf(req({ params: { site: 't1' }, query: { site: 't1' } }))).toBe('t1');
    expect(requestSiteOf(req({ query: { site: '' } }))).toBeNull();
    expect(requestSiteOf(req({}))).toBeNull();
  });

  it('never takes the site from the body, and refuses a body site other than the request’s', () => {
    expect(fieldOf(() => requestSiteOf(req({ body: { site: 't1' } })))).toBe('site');
    expect(fieldOf(() => requestSiteOf(req({ query: { site: 't1' }, body: { site: 'hall' } })))).toBe('site');
    expect(requestSiteOf(req({ query: { site: 't1' }, body: { site: 't1' } }))).toBe('t1');
    expect(requestSiteOf(req({ query: { site: 't1' }, body: { site: null, name: 'x' } }))).toBe('t1');
    expect(requestSiteOf(req({ query: { site: 't1' }, body: [{ site: 'hall' }] }))).toBe('t1');
  });

  it('refuses two different sites, and a site that is not one code', () => {
    expect(fieldOf(() => requestSiteOf(req({ params: { site: 't1' }, query: { site: 'hall' } })))).toBe('site');
    expect(fieldOf(() => requestSiteOf(req({ query: { site: ['t1', 't1'] } })))).toBe('site');
    expect(fieldOf(() => requestSiteOf(req({ query: { site: { code: 't1' } } })))).toBe('site');
  });
});
