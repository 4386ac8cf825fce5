import { COMPLAINT_SOURCES, EventDataMap } from '@hallwatch/shared';
import { Department } from './hall-floor';
import { SeededRandom } from './seeded-random';

// What citizens write. Bad reviews name a cause the dashboard's follow-up can act on,
// and match what went wrong in the simulated visit.
export const BAD_REVIEW_COMMENTS = {
  wait: ['排队等了一个多小时，窗口只开了两个', '取号后等了很久，叫号太慢', '高峰期窗口不够，等得太久'],
  materials: ['材料要求没有一次性告知，跑了两趟', '网上说的材料和窗口要的不一样，白跑一趟', '需要补的材料没写清楚'],
  rejected: ['不予受理也没讲清楚原因', '材料齐全却说办不了，让去别的部门问'],
  attitude: ['工作人员态度冷淡，问两遍才回答', '窗口人员一直看手机，服务不耐心', '说话很冲，不愿意解释'],
} as const;

export const MIDDLE_REVIEW_COMMENTS = ['还可以，就是等的时间有点长', '基本满意，指引标识不太清楚'];

export const GOOD_REVIEW_COMMENTS = [
  '办事效率高，一次办好',
  '工作人员很耐心，点赞',
  '服务热情，讲解清楚',
  '帮办代办很贴心，不用来回跑',
  '预约后基本不用排队，很方便',
];

const DEPARTMENT_COMPLAINTS = [
  (dept: string) => `反映${dept}窗口排队时间过长，取号后等待超过一小时`,
  (dept: string) => `反映${dept}工作人员服务态度生硬，解释不耐心`,
  (dept: string) => `反映${dept}办事要求材料反复变化，多次往返`,
  (dept: string) => `反映${dept}窗口工作时间无人在岗`,
];

const HALL_COMPLAINTS = ['反映大厅自助服务区无人辅导，设备不会操作', '反映大厅停车困难，引导不清楚', '反映大厅意见簿放在角落，不好找'];

/** A complaint about the hall, usually naming a department and sometimes a window and its staff. */
export function complaintFor(rng: SeededRandom, departments: readonly Department[]): EventDataMap['complaint.received'] {
  const dept = departments[rng.weighted(departments.map((d) => d.info.weight))];
  const source = COMPLAINT_SOURCES[rng.weighted([0.5, 0.2, 0.2, 0.1])];
  const named = rng.chance(0.85);
  const desk = named && rng.chance(0.3) ? rng.pick(dept.desks) : null;
  return {
    source,
    summary: named ? rng.pick(DEPARTMENT_COMPLAINTS)(dept.info.name) : rng.pick(HALL_COMPLAINTS),
    ...(named ? { department: dept.info.code } : {}),
    ...(desk ? { window: desk.window, staff: desk.staff } : {}),
    ...(source === 'hotline_12345' || rng.chance(0.4) ? { phone: mobileNumber(rng) } : {}),
  };
}

const MOBILE_PREFIXES = ['138', '139', '137', '135', '136', '150', '151', '152', '158', '159', '186', '187', '188', '189', '177', '199'];

/** A mainland mobile number, e.g. 13812341234. */
export function mobileNumber(rng: SeededRandom): string {
  return rng.pick(MOBILE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0');
}

/** Where staff go, as the register's reason says it (外出报备). */
export const OUTING_REASONS = {
  official_business: ['赴区政务服务办报送材料', '到不动产登记中心协调业务', '上门为企业帮办代办', '到档案馆调取档案'],
  meeting: ['参加全区政务服务工作例会', '参加部门业务协调会', '参加“好差评”工作推进会'],
} as const;

/** Whole days of leave (请假) the register records. */
export const LEAVE_REASONS_TEXT = {
  sick_leave: '发热就医',
  personal_leave: '家中有事',
  annual_leave: '年休假',
  compensatory_leave: '周末加班调休',
} as const;
