import { WindowKind } from '../registry/hall-window.entity';

// The demo hall: a district hall shaped like the one in the published report
// (41 stationed departments, 8 town centres, 92 village stations).

export interface DemoDepartment {
  code: string;
  name: string;
  nameEn: string;
  windows: number;
  /** Relative share of the day's tickets. */
  weight: number;
  /** Mean service time in minutes. */
  serviceMin: number;
  tidal?: boolean;
  /**
   * How much likelier than usual its citizens are to rate it poorly (1 when absent): departments
   * differ, so rankings have real differences to separate (item 46).
   */
  grumble?: number;
  /** Staff its published list (进驻表) names, where it publishes one; more than it stations (item 48). */
  expectedStaff?: number;
}

export const DEMO_SITE = { code: 'huiji', name: '惠济区政务服务大厅', nameEn: 'Huiji District Service Hall' };

export const DEMO_TOWNS = ['长兴路', '新城', '迎宾路', '刘寨', '老鸦陈', '大河路', '花园口', '古荥'];

export const DEMO_DEPARTMENTS: DemoDepartment[] = [
  { code: 'gjj', name: '公积金中心', nameEn: 'Housing Fund Centre', windows: 6, weight: 14, serviceMin: 9, tidal: true, grumble: 1.5 },
  { code: 'yb', name: '医保中心', nameEn: 'Medical Insurance', windows: 5, weight: 11, serviceMin: 7, tidal: true },
  { code: 'bdc', name: '不动产登记中心', nameEn: 'Real Estate Registry', windows: 5, weight: 10, serviceMin: 12, grumble: 2.2 },
  { code: 'sw', name: '税务局', nameEn: 'Taxation Bureau', windows: 5, weight: 10, serviceMin: 8, grumble: 1.2 },
  { code: 'scjg', name: '市场监管局', nameEn: 'Market Regulation', windows: 4, weight: 8, serviceMin: 10, grumble: 1.4 },
  { code: 'rs', name: '人社局', nameEn: 'Human Resources & Social Security', windows: 4, weight: 8, serviceMin: 7, grumble: 0.8 },
  {
    code: 'jj5',
    name: '交警五大队',
    nameEn: 'Traffic Police Team 5',
    windows: 3,
    weight: 6,
    serviceMin: 6,
    grumble: 0.6,
    expectedStaff: 5,
  },
  {
    code: 'mz',
    name: '民政局（婚姻登记）',
    nameEn: 'Civil Affairs (Marriage)',
    windows: 2,
    weight: 4,
    serviceMin: 11,
    tidal: true,
    grumble: 0.5,
  },
  { code: 'wjw', name: '卫健委', nameEn: 'Health Commission', windows: 2, weight: 3, serviceMin: 9 },
  { code: 'hz', name: '公安户政', nameEn: 'Household Registration', windows: 3, weight: 5, serviceMin: 6, grumble: 0.7 },
  { code: 'zj', name: '住建局', nameEn: 'Housing & Construction', windows: 2, weight: 3, serviceMin: 12, grumble: 1.8 },
  { code: 'fgw', name: '发改委', nameEn: 'Development & Reform', windows: 1, weight: 1, serviceMin: 15 },
  { code: 'mzj', name: '民宗局', nameEn: 'Ethnic & Religious Affairs', windows: 1, weight: 0.5, serviceMin: 12 },
  { code: 'sw2', name: '商务局', nameEn: 'Commerce Bureau', windows: 1, weight: 0.5, serviceMin: 12 },
  { code: 'jy', name: '教育局', nameEn: 'Education Bureau', windows: 1, weight: 1, serviceMin: 10 },
  { code: 'cz', name: '财政局', nameEn: 'Finance Bureau', windows: 1, weight: 0.5, serviceMin: 10 },
  { code: 'zrzy', name: '自然资源局', nameEn: 'Natural Resources', windows: 2, weight: 1.5, serviceMin: 14, grumble: 1.6 },
  { code: 'sthj', name: '生态环境分局', nameEn: 'Ecology & Environment', windows: 1, weight: 1, serviceMin: 14 },
  { code: 'jt', name: '交通运输局', nameEn: 'Transport Bureau', windows: 2, weight: 2, serviceMin: 9 },
  { code: 'sl', name: '水利局', nameEn: 'Water Resources', windows: 1, weight: 0.5, serviceMin: 12 },
  { code: 'nync', name: '农业农村局', nameEn: 'Agriculture & Rural Affairs', windows: 1, weight: 1, serviceMin: 10 },
  { code: 'wlt', name: '文旅体局', nameEn: 'Culture, Tourism & Sports', windows: 1, weight: 1, serviceMin: 10 },
  { code: 'tyjr', name: '退役军人事务局', nameEn: 'Veterans Affairs', windows: 1, weight: 1, serviceMin: 8, grumble: 0.5 },
  { code: 'cl', name: '残联', nameEn: "Disabled Persons' Federation", windows: 1, weight: 1, serviceMin: 9 },
  { code: 'cg', name: '城管局', nameEn: 'Urban Management', windows: 1, weight: 1, serviceMin: 10, grumble: 1.7 },
  { code: 'yj', name: '应急管理局', nameEn: 'Emergency Management', windows: 1, weight: 0.5, serviceMin: 12 },
  { code: 'sf', name: '司法局', nameEn: 'Justice Bureau', windows: 1, weight: 1, serviceMin: 10 },
  { code: 'qx', name: '气象局', nameEn: 'Meteorological Bureau', windows: 1, weight: 0.3, serviceMin: 10 },
  { code: 'yc', name: '烟草专卖局', nameEn: 'Tobacco Monopoly', windows: 1, weight: 1, serviceMin: 8 },
  { code: 'gd', name: '供电公司', nameEn: 'Power Supply', windows: 2, weight: 2, serviceMin: 7, grumble: 1.3 },
  { code: 'gs', name: '供水公司', nameEn: 'Water Supply', windows: 1, weight: 1.5, serviceMin: 6 },
  { code: 'rq', name: '燃气公司', nameEn: 'Gas Supply', windows: 1, weight: 1.5, serviceMin: 6 },
  { code: 'tx', name: '通信运营商', nameEn: 'Telecom Operators', windows: 1, weight: 1, serviceMin: 6 },
  { code: 'gz', name: '公证处', nameEn: 'Notary Office', windows: 1, weight: 1, serviceMin: 15, grumble: 1.5 },
  { code: 'dag', name: '档案馆', nameEn: 'Archives', windows: 1, weight: 0.5, serviceMin: 8 },
  { code: 'tj', name: '统计局', nameEn: 'Statistics Bureau', windows: 1, weight: 0.3, serviceMin: 8 },
  { code: 'kx', name: '科技局', nameEn: 'Science & Technology', windows: 1, weight: 0.3, serviceMin: 12 },
  { code: 'gxq', name: '工信局', nameEn: 'Industry & IT', windows: 1, weight: 0.5, serviceMin: 12 },
  { code: 'rf', name: '人防办', nameEn: 'Civil Air Defence', windows: 1, weight: 0.3, serviceMin: 14 },
  { code: 'zhck', name: '综合窗口', nameEn: 'General Windows', windows: 4, weight: 6, serviceMin: 8, grumble: 0.9 },
  { code: 'qykb', name: '企业开办专区', nameEn: 'Business Start-up Zone', windows: 3, weight: 4, serviceMin: 13, grumble: 0.6 },
];

const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏辉玲燕红建波宁晶雪琳';

/** A deterministic Chinese name for the n-th staff member. */
export function demoStaffName(n: number): string {
  return SURNAMES[(n * 7) % SURNAMES.length] + GIVEN[(n * 13) % GIVEN.length] + (n % 3 === 0 ? GIVEN[(n * 5) % GIVEN.length] : '');
}

export interface DemoWindow {
  code: string;
  number: number;
  department: string;
  kind: WindowKind;
  isOpen: boolean;
}

export function demoWindows(): DemoWindow[] {
  const out: DemoWindow[] = [];
  let n = 1;
  for (const d of DEMO_DEPARTMENTS) {
    for (let i = 0; i < d.windows; i++) {
      const kind: WindowKind = d.code === 'qykb' ? 'business_startup' : d.code === 'zhck' ? 'general' : 'dedicated';
      out.push({ code: String(n).padStart(2, '0'), number: n, department: d.code, kind, isOpen: true });
      n++;
    }
    // A closed tidal window beside the departments that surge (item 22, 26).
    if (d.tidal) {
      out.push({ code: String(n).padStart(2, '0'), number: n, department: d.code, kind: 'tidal', isOpen: false });
      n++;
    }
  }
  out.push({ code: String(n).padStart(2, '0'), number: n, department: 'zhck', kind: 'green_channel', isOpen: true });
  out.push({ code: String(n + 1).padStart(2, '0'), number: n + 1, department: 'zhck', kind: 'assisted', isOpen: true });
  out.push({ code: String(n + 2).padStart(2, '0'), number: n + 2, department: 'zhck', kind: 'pre_review', isOpen: true });
  out.push({ code: 'ZS1', number: n + 3, department: 'zhck', kind: 'self_service', isOpen: true });
  return out;
}
