import { originAllowed, parseOrigins } from '../origin-policy';
import { redactUrl } from '../redact-url';
import { signatureProblem, signRequest } from '../request-signature';
import { readCookie } from '../session-cookie';

describe('request signatures', () => {
  const key = 'hwk_test-key';
  const body = Buffer.from('{"id":"e1"}');
  const t = 1_800_000_000;

  it('accepts its own signature over the exact bytes, within five minutes either way', () => {
    expect(signatureProblem(signRequest(key, t, body), key, body, t)).toBeNull();
    expect(signatureProblem(signRequest(key, t - 300, body), key, body, t)).toBeNull();
    expect(signatureProblem(signRequest(key, t + 300, body), key, body, t)).toBeNull();
    expect(signatureProblem(signRequest(key, t - 301, body), key, body, t)).toMatch(/minutes/);
  });

  it('refuses another key, another body, a missing or malformed header', () => {
    expect(signatureProblem(signRequest('hwk_other', t, body), key, body, t)).toMatch(/does not match/);
    expect(signatureProblem(signRequest(key, t, body), key, Buffer.from('{"id":"e2"}'), t)).toMatch(/does not match/);
    expect(signatureProblem(undefined, key, body, t)).toMatch(/requires a signature/);
    expect(signatureProblem('v1=abc', key, body, t)).toMatch(/must look like/);
    expect(signatureProblem(`t=${t},v1=${'0'.repeat(63)}`, key, body, t)).toMatch(/must look like/);
  });

  it('accepts any one of several v1 values (key rollover)', () => {
    const good = signRequest(key, t, body).split('v1=')[1];
    expect(signatureProblem(`t=${t},v1=${'a'.repeat(64)},v1=${good}`, key, body, t)).toBeNull();
  });
});

describe('origins', () => {
  const allowed = parseOrigins('https://wall.example.gov.cn/, HTTP://Other:8080');
  it('allows no Origin, the same host and the allow-list; refuses others and "null"', () => {
    expect(originAllowed(undefined, 'hall:3000', allowed)).toBe(true);
    expect(originAllowed('http://hall:3000', 'hall:3000', allowed)).toBe(true);
    expect(originAllowed('https://wall.example.gov.cn', 'hall:3000', allowed)).toBe(true);
    expect(originAllowed('http://other:8080', 'hall:3000', allowed)).toBe(true);
    expect(originAllowed('https://evil.example', 'hall:3000', allowed)).toBe(false);
    expect(originAllowed('null', 'hall:3000', allowed)).toBe(false);
    expect(originAllowed('not a url', 'hall:3000', allowed)).toBe(false);
  });
});

describe('cookies and logged URLs', () => {
  it('reads one cookie among several', () => {
    expect(readCookie('a=1; hw_session=hws_x%2By; b=2', 'hw_session')).toBe('hws_x+y');
    expect(readCookie('a=1', 'hw_session')).toBeNull();
    expect(readCookie(undefined, 'hw_session')).toBeNull();
  });

  it('masks credentials in query strings', () => {
    expect(redactUrl('/wall?site=huiji&token=hwd_secret&lang=en')).toBe('/wall?site=huiji&token=[redacted]&lang=en');
    expect(redactUrl('/x?password=p&key=k')).toBe('/x?password=[redacted]&key=[redacted]');
    expect(redactUrl('/api/v1/sites/huiji/indicators')).toBe('/api/v1/sites/huiji/indicators');
  });
});
