import { randomBytes } from 'node:crypto';
import { maskSecret } from '../channel-input';
import { dingtalkUrl } from '../channels/dingtalk';
import { mergeMessages } from '../merge-messages';
import { SecretBox } from '../secret-box';

describe('SecretBox', () => {
  const box = new SecretBox(randomBytes(32));

  it('opens what it sealed, for the same channel only', () => {
    const sealed = box.seal('c1', { url: 'https://x/?access_token=t', secret: 'SECabc' });
    expect(sealed).not.toContain('SECabc');
    expect(box.open('c1', sealed)).toEqual({ url: 'https://x/?access_token=t', secret: 'SECabc' });
    expect(() => box.open('c2', sealed)).toThrow();
  });

  it('tells a box sealed under another key from a damaged one', () => {
    const other = new SecretBox(randomBytes(32)).seal('c1', { secret: 's' });
    expect(() => box.open('c1', other)).toThrow(/another NOTIFY_SECRET_KEY/);
  });
});

describe('channel formats', () => {
  it('appends DingTalk’s timestamp and URL-encoded sign to the robot URL', () => {
    const url = dingtalkUrl('https://oapi.dingtalk.com/robot/send?access_token=t', 'SECx', 1700000000000);
    expect(url).toMatch(/^https:\/\/oapi\.dingtalk\.com\/robot\/send\?access_token=t&timestamp=1700000000000&sign=[A-Za-z0-9%]+$/);
    expect(url).not.toMatch(/sign=.*[+/=]/);
  });

  it('masks secrets to a hint', () => {
    expect(maskSecret('url', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abcd-1234-ef56')).toBe(
      'https://qyapi.weixin.qq.com/cgi-bin/webhook/send ••••ef56',
    );
    expect(maskSecret('password', 'short')).toBe('••••');
    expect(maskSecret('secret', undefined)).toBeNull();
  });

  it('merges messages keeping every body and mention', () => {
    const m = mergeMessages([
      { topic: 'a', siteId: null, title: 'one', markdown: '1', mentions: { mobiles: ['138'] } },
      { topic: 'a', siteId: null, title: 'two', markdown: '2', mentions: { mobiles: ['138', '139'] } },
    ]);
    expect(m.title).toBe('[2] one');
    expect(m.markdown).toContain('#### one\n\n1');
    expect(m.markdown).toContain('#### two\n\n2');
    expect(m.mentions?.mobiles).toEqual(['138', '139']);
  });
});
