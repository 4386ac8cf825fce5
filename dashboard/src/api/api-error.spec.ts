import { apiErrorOf } from './api-error';
import { withQuery } from './http';

const answer = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, statusText: 'Refused', headers });

describe('apiErrorOf', () => {
  it('reads the field errors of a 400, first rule per field first', async () => {
    const err = await apiErrorOf(
      answer(400, {
        statusCode: 400,
        field: 'username',
        message: 'username must be …; password must be …',
        errors: [
          { field: 'username', message: 'username must be …' },
          { field: 'username', message: 'a second rule' },
          { field: 'password', message: 'password must be …' },
        ],
      }),
    );
    expect(err.status).toBe(400);
    expect(err.fields).toEqual({ username: 'username must be …', password: 'password must be …' });
    expect(err.field).toBe('username');
  });

  it('takes a lone `field` with the message as its error', async () => {
    const err = await apiErrorOf(answer(415, { statusCode: 415, field: 'photo', message: 'photo is empty' }));
    expect(err.fields).toEqual({ photo: 'photo is empty' });
  });

  it('joins a list of messages, and falls back to the status text for a body that is not JSON', async () => {
    expect((await apiErrorOf(answer(400, { message: ['a', 'b'] }))).message).toBe('a; b');
    const err = await apiErrorOf(answer(502, '<html>bad gateway</html>'));
    expect(err.message).toBe('Refused');
    expect(err.field).toBeNull();
  });

  it('keeps a 429’s Retry-After in seconds', async () => {
    expect((await apiErrorOf(answer(429, {}, { 'retry-after': '900' }))).retryAfterSeconds).toBe(900);
    expect((await apiErrorOf(answer(429, {}))).retryAfterSeconds).toBeNull();
  });
});

describe('withQuery', () => {
  it('adds only the values that are set', () => {
    expect(withQuery('/a', { site: 'huiji', department: null, month: undefined, q: '' })).toBe('/a?site=huiji');
    expect(withQuery('/a', {})).toBe('/a');
    expect(withQuery('/a?x=1', { y: 2 })).toBe('/a?x=1&y=2');
  });
});
