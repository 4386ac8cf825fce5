import { registerTranslations } from '../../i18n';

// The district overview: Chinese first, English beside it (docs/contracts/live-socket.md).
const zh = {
  title: '全区站点一览',
  subtitle: '区政务服务大厅、{{towns}} 个街道便民服务中心、{{villages}} 个村（社区）便民服务站，需关注的排在前面；点站点打开它的大屏',
  loading: '正在加载全区站点…',
  notHall: '全区一览以区政务服务大厅为单位，请在右上角选择区大厅',
  counts: { sites: '站点', live: '有实时数据', stale: '无数据', attention: '需处置', waiting: '全区等候' },
  link: { live: '实时', down: '连接中断，正在重连…', heard: '更新于 {{at}}' },
  tier: { hall: '区大厅', town: '街道中心', village: '村（社区）站' },
  tone: {
    stale: '{{min}} 分钟无数据',
    staleNever: '今日无数据',
    breach: '需处置',
    warning: '需关注',
    closed: '未营业',
    ok: '正常',
  },
  alerts: '告警 {{n}}',
  fig: {
    waiting: '等候',
    longest: '最长/目标',
    windows: '窗口在岗',
    staff: '人员在岗',
    good: '好评率',
    active: '主动评价',
  },
  villages: '{{n}} 个村（社区）站',
  openWall: '打开{{name}}大屏',
  minutes: '{{n}}′',
  people: '{{n}} 人',
  none: '—',
  errorPrefix: '未能加载：',
  visit: {
    last: '{{kind}} {{day}}',
    never: '未督导',
    open: '问题 {{n}} 未销号',
    kind: { field: '督导', mystery: '暗访' },
  },
};

const en: typeof zh = {
  title: 'District at a glance',
  subtitle:
    'The district hall, {{towns}} town centres and {{villages}} village stations, what needs attention first; open any site to see its wall',
  loading: 'Loading the district’s sites…',
  notHall: 'The overview is of a district hall: choose the district hall at the top right',
  counts: { sites: 'Sites', live: 'Reporting', stale: 'Silent', attention: 'Need action', waiting: 'Waiting in the district' },
  link: { live: 'Live', down: 'Link lost, reconnecting…', heard: 'Updated {{at}}' },
  tier: { hall: 'District hall', town: 'Town centre', village: 'Village station' },
  tone: {
    stale: 'Silent {{min}} min',
    staleNever: 'No data today',
    breach: 'Needs action',
    warning: 'Watch',
    closed: 'Closed',
    ok: 'Normal',
  },
  alerts: 'Alerts {{n}}',
  // A card's column is narrow: short words, the value says the rest (8/9, 25′/15′).
  fig: {
    waiting: 'Waiting',
    longest: 'Max wait',
    windows: 'Windows',
    staff: 'On post',
    good: 'Good',
    active: 'Active',
  },
  villages: '{{n}} village stations',
  openWall: 'Open the wall of {{name}}',
  minutes: '{{n}}′',
  people: '{{n}}',
  none: '—',
  errorPrefix: 'Not loaded: ',
  visit: {
    last: '{{kind}} {{day}}',
    never: 'Not visited',
    open: '{{n}} open',
    kind: { field: 'Visit', mystery: 'Mystery' },
  },
};

registerTranslations('district', { zh, en });
