import { DepartmentInfo, LiveAlert, WindowState } from '@hallwatch/shared';
import { alertMessage, alertPlace } from './alert-text';

const info: Record<string, DepartmentInfo> = { mz: { name: { zh: '民政局', en: 'Civil Affairs' }, waitTargetSec: 900 } };
const alert = (over: Partial<LiveAlert>): LiveAlert => ({
  id: 'x',
  state: 'raised',
  kind: 'wait.target',
  severity: 'breach',
  site: 'huiji',
  since: '2026-11-27T02:00:00Z',
  message: { zh: '', en: '' },
  items: [22],
  ...over,
});
const line = (a: LiveAlert, lang: 'zh' | 'en', windows = new Map<string, WindowState>()) =>
  `${alertPlace(a, lang, info, windows)} ${alertMessage(a, lang, info)}`.trim();

describe('an alert line on the wall', () => {
  it('names the department whose queue a tidal advice is about, though the message names the tidal window', () => {
    const tidal = alert({
      kind: 'tidal.advice',
      department: 'mz',
      window: '13',
      message: { zh: '民政局：等候 5 人，建议开放潮汐窗口 13', en: 'Civil Affairs: 5 waiting; open tidal window 13' },
    });
    expect(line(tidal, 'zh')).toBe('民政局 等候 5 人，建议开放潮汐窗口 13');
    expect(line(tidal, 'en')).toBe('Civil Affairs 5 waiting; open tidal window 13');
  });

  it('places someone away by the window their message names, without the department', () => {
    const away = alert({
      kind: 'staff.away',
      department: 'mz',
      window: '45',
      staff: 's45',
      message: { zh: '武涛刚（45 窗口）休息超时，已离岗 22 分钟', en: '武涛刚, window 45: over break 22 min' },
    });
    const at45 = { code: '45', number: 45, staff: 's45', staffName: '武涛刚' } as WindowState;
    const windows = new Map([['45', at45]]);
    expect(line(away, 'zh', windows)).toBe('武涛刚（45 窗口）休息超时，已离岗 22 分钟');
    expect(line(away, 'en', windows)).toBe('武涛刚, window 45: over break 22 min');
  });

  it('adds the window when the message does not name it', () => {
    const a = alert({ department: 'mz', window: '07', message: { zh: '民政局：某事', en: 'Civil Affairs: something' } });
    expect(line(a, 'zh')).toBe('民政局 · 07号窗 某事');
  });
});

describe('the lines of the hall’s own alerts', () => {
  const zone = { code: 'ZS1', number: 86, staff: null, staffName: null } as WindowState;

  it('places an unattended zone by its number, and moves its department to the place column', () => {
    const a = alert({
      kind: 'window.unattended',
      department: 'mz',
      window: 'ZS1',
      message: { zh: '民政局：86号窗口（掌上办）无人值守 94 分钟', en: 'Civil Affairs: window 86 (self-service) empty 94 min' },
    });
    const windows = new Map([['ZS1', zone]]);
    expect(line(a, 'zh', windows)).toBe('民政局 86号窗口（掌上办）无人值守 94 分钟');
    expect(line(a, 'en', windows)).toBe('Civil Affairs window 86 (self-service) empty 94 min');
  });

  it('keeps the department of a 差评 that names its window and staff, and adds no staff code', () => {
    const a = alert({
      kind: 'review.bad',
      department: 'mz',
      window: '07',
      staff: 's7',
      message: { zh: '民政局：7号窗口 李娜 差评 1 星', en: 'Civil Affairs: 1★ review, window 7, 李娜' },
    });
    const windows = new Map([['07', { code: '07', number: 7, staff: 's9', staffName: '王伟' } as WindowState]]);
    expect(line(a, 'zh', windows)).toBe('民政局 7号窗口 李娜 差评 1 星');
    expect(line(a, 'en', windows)).toBe('Civil Affairs 1★ review, window 7, 李娜');
  });
});

describe('a window named by its number', () => {
  it('is not taken for another whose number ends the same', () => {
    const a = alert({
      department: 'mz',
      window: '07',
      message: { zh: '民政局：17号窗口无人值守 20 分钟', en: 'Civil Affairs: window 17 unattended 20 min' },
    });
    const windows = new Map([['07', { code: '07', number: 7, staff: null, staffName: null } as WindowState]]);
    expect(line(a, 'zh', windows)).toBe('民政局 · 7号窗 17号窗口无人值守 20 分钟');
    expect(line(a, 'en', windows)).toBe('Civil Affairs · window 7 window 17 unattended 20 min');
  });
});
