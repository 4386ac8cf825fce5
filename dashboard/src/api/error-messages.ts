// What the pages say when the API refuses, in the page's language and the page's units: the
// settings form asks for minutes and per cent, so its errors speak of minutes and per cent,
// never of the API's seconds and ratios. A field or status not listed here falls back to
// the server's own text (docs/api-errors.md).

export interface Worded {
  zh: string;
  en: string;
}

const PASSWORD_RULE: Worded = {
  zh: '密码须为 12–128 个字符，不能是常见密码或重复的一两个字符，也不能包含用户名',
  en: 'The password must be 12–128 characters, not a common password or one or two characters repeated, and not contain the username',
};

/** By the field the server names; `status:field` first where one field fails in two ways. */
export const FIELD_MESSAGES: Record<string, Worded> = {
  // Site thresholds (admin settings)
  waitTargetSec: { zh: '等候时长目标须为大于 0 的分钟数', en: 'Wait target must be a number of minutes above 0' },
  waitWarnRatio: {
    zh: '预警比例须为 0 到 100 之间的百分数（不含 0 和 100）',
    en: 'Warning share must be a percentage between 0 and 100 (exclusive)',
  },
  tidalQueue: { zh: '潮汐开窗排队数须为不小于 1 的整数', en: 'Tidal queue must be a whole number of at least 1' },
  allowedBreakSec: { zh: '允许离岗时长须为大于 0 的分钟数', en: 'Allowed break must be a number of minutes above 0' },
  surgeFactor: { zh: '激增倍数须大于 1，例如 2', en: 'Surge factor must be above 1, e.g. 2' },
  surgeMinWaiting: { zh: '激增最少排队数须为不小于 1 的整数', en: 'Surge minimum must be a whole number of at least 1' },
  unattendedWindowSec: {
    zh: '无人值守告警时长须在 1 到 480 分钟之间',
    en: 'Unattended window alert must be from 1 to 480 minutes',
  },
  windowImbalanceMax: { zh: '忙闲不均阈值须为大于 0 的数，例如 1', en: 'Imbalance threshold must be a number above 0, e.g. 1' },
  badReviewAlertRating: { zh: '差评即时告警星级须为 1 或 2', en: 'Bad review alert rating must be 1 or 2 stars' },
  lunchBreak: {
    zh: '午休时间有误：开始须早于结束，时间写作 HH:MM',
    en: 'Lunch break is wrong: it must start before it ends, times written HH:MM',
  },
  'lunchBreak.from': { zh: '午休开始时间须写作 HH:MM，例如 12:00', en: 'Lunch break start must be written HH:MM, e.g. 12:00' },
  'lunchBreak.to': { zh: '午休结束时间须写作 HH:MM，且晚于开始时间', en: 'Lunch break end must be written HH:MM and come after its start' },
  // Notification channels (the secrets' fields are write-only; the message must say what is wanted)
  'secrets.url': {
    zh: 'Webhook 地址有误：须为 http(s) 地址，钉钉机器人的须含 access_token，企业微信的须含 key',
    en: 'The webhook URL is wrong: an http(s) URL; a DingTalk robot’s with its access_token, a WeCom robot’s with its key',
  },
  'secrets.secret': {
    zh: '签名密钥须为 8–200 个字符（Webhook 至少 16 个）',
    en: 'The signing secret must be 8–200 characters (a webhook’s at least 16)',
  },
  'settings.host': { zh: '请填写 SMTP 服务器的主机名或地址', en: 'Give the SMTP server’s host name or address' },
  'settings.port': { zh: '端口须为 1–65535 的整数', en: 'The port must be a whole number from 1 to 65535' },
  'settings.from': { zh: '发件人须为邮件地址', en: 'From must be an e-mail address' },
  'settings.to': { zh: '收件人须为 1–50 个邮件地址', en: 'To must list 1–50 e-mail addresses' },
  callbackSampleShare: { zh: '回访核实抽查比例须为 0 到 100 之间的百分数', en: 'The callback share must be a percentage from 0 to 100' },
  // Patrol rounds (admin patrol tab): the form asks for minutes
  times: {
    zh: '巡查时间须写作 时:分（如 09:00），每天 1–8 轮，不可重复',
    en: 'Round times must be written HH:MM (e.g. 09:00), 1–8 a day, none repeated',
  },
  roundWindowLeadMin: { zh: '提前开始须为 0 到 120 之间的整分钟数', en: 'Early start must be a whole number of minutes from 0 to 120' },
  roundMinDurationSec: {
    zh: '最短用时须大于 0 分钟，且不超过 60 分钟',
    en: 'Minimum duration must be more than 0 minutes and at most 60',
  },
  day: { zh: '日期须为有效日期', en: 'The day must be a valid date' },
  hours: {
    zh: '开放时间有误：开门须早于关门，时间写作 HH:MM',
    en: 'Opening hours are wrong: opening must come before closing, times written HH:MM',
  },
  'hours.opens': {
    zh: '开门时间须写作 HH:MM（24 小时制），且早于关门时间',
    en: 'Opening time must be written HH:MM (24-hour clock) and come before closing',
  },
  'hours.closes': {
    zh: '关门时间须写作 HH:MM（24 小时制），且晚于开门时间',
    en: 'Closing time must be written HH:MM (24-hour clock) and come after opening',
  },
  'hours.weekdays': { zh: '开放日须至少选择一天', en: 'Choose at least one day the hall opens' },
  // Accounts
  username: {
    zh: '用户名须为 3–64 个小写字母、数字或 . _ -，以字母或数字开头',
    en: 'Username must be 3–64 lower-case letters, digits, . _ or -, starting with a letter or digit',
  },
  '409:username': { zh: '该用户名已被使用', en: 'That username is already taken' },
  password: PASSWORD_RULE,
  newPassword: PASSWORD_RULE,
  role: { zh: '请选择一个角色', en: 'Choose a role' },
  sites: { zh: '请至少选择一个站点（或全部站点）', en: 'Choose at least one site (or all sites)' },
  // Names of device keys and display tokens
  name: { zh: '名称不能为空，且不超过 100 个字符', en: 'The name must not be blank and at most 100 characters' },
  // Rectification
  status: { zh: '状态须为整改中、已整改或长期坚持', en: 'Status must be in progress, rectified or ongoing' },
  deadline: { zh: '期限须为有效日期', en: 'The deadline must be a valid date' },
  responsibleDepartment: { zh: '责任部门不在本站点的登记中', en: 'The responsible department is not in this site’s registry' },
  comparator: { zh: '比较方式须为 ≥、≤ 或 =', en: 'The comparison must be ≥, ≤ or =' },
  target: { zh: '目标值须为数字（比例按百分数填写，例如 99.5）', en: 'The target must be a number (ratios as a percentage, e.g. 99.5)' },
  window: { zh: '考核方式须为按日或实时', en: 'The check must be daily or live' },
  indicator: { zh: '请选择一个指标', en: 'Choose an indicator' },
  '413:attachment': { zh: '附件过大', en: 'The attachment is too large' },
  '413:file': { zh: '文件过大', en: 'The file is too large' },
  // Patrol
  '413:photo': { zh: '照片过大', en: 'The photo is too large' },
  '415:photo': { zh: '照片格式不受支持', en: 'The photo’s format is not supported' },
  // Appeals: the filer's own decision is refused, naming the decision
  '403:decision': {
    zh: '提交申诉的人不能裁定该申诉，须由另一位督查人员或管理员裁定',
    en: 'Whoever filed an appeal cannot decide it; another supervisor or an admin must',
  },
  // 督查告知书 numbering (site settings)
  noticeNumberPattern: {
    zh: '文号格式须含 {year} 和 {seq}，只可使用 {site}、{year}、{seq}（或 {seq:3}）占位符，不超过 60 个字符',
    en: 'The number pattern must contain {year} and {seq}, use only {site}, {year} and {seq} (or {seq:3}), and be at most 60 characters',
  },
  wallDistrictPage: { zh: '大屏轮播全区站点页须为“是”或“否”', en: 'The wall’s district page must be on or off' },
  noticeIssuer: { zh: '发文单位名称不超过 60 个字符', en: 'The issuing office’s name must be at most 60 characters' },
};

/** The fields' names, for a message the table above lacks: "用户名：<server's text>". */
export const FIELD_NAMES: Record<string, Worded> = {
  currentPassword: { zh: '当前密码', en: 'Current password' },
  attachment: { zh: '附件', en: 'Attachment' },
  file: { zh: '文件', en: 'File' },
  photo: { zh: '照片', en: 'Photo' },
  site: { zh: '站点', en: 'Site' },
  department: { zh: '部门', en: 'Department' },
};

/** By status, when no field explains it. */
export const STATUS_MESSAGES: Record<number, Worded> = {
  401: { zh: '登录已失效，请重新登录', en: 'Your session has ended; sign in again' },
  403: { zh: '当前账号无权进行此操作', en: 'This account may not do that' },
  404: { zh: '未找到所请求的内容，可能已被删除', en: 'Not found; it may have been removed' },
  413: { zh: '上传的内容过大', en: 'The upload is too large' },
  429: { zh: '操作过于频繁，请稍后再试', en: 'Too many requests; try again shortly' },
  500: { zh: '服务器出错，请稍后再试', en: 'The server failed; try again shortly' },
  502: { zh: '服务器暂时无法访问，请稍后再试', en: 'The server cannot be reached; try again shortly' },
  503: { zh: '服务暂时不可用，请稍后再试', en: 'The service is unavailable for now; try again shortly' },
  504: { zh: '服务器响应超时，请稍后再试', en: 'The server took too long; try again shortly' },
};

export const NETWORK_MESSAGE: Worded = {
  zh: '无法连接服务器，请检查网络后重试',
  en: 'Cannot reach the server; check the network and try again',
};
export const REFUSED_PREFIX: Worded = { zh: '请求未被接受：', en: 'Not accepted: ' };
