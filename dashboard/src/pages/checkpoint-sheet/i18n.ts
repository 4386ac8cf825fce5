import { registerTranslations } from '../../i18n';

const zh = {
  title: '巡查检查点二维码',
  language: 'EN',
  site: '站点：{{site}}',
  loading: '正在加载…',
  failed: '无法加载检查点编码：{{message}}',
  noSite: '请在地址中指明站点，例如 ?site=hq',
  print: '打印',
  howTo: '将每张二维码张贴在对应检查点。巡查时扫码或输入下方编码确认到岗；编码更换后请重新打印张贴。',
  code: '编码',
};

const en: typeof zh = {
  title: 'Patrol checkpoint codes',
  language: '中文',
  site: 'Site: {{site}}',
  loading: 'Loading…',
  failed: 'Could not load the checkpoint codes: {{message}}',
  noSite: 'Name the site in the address, e.g. ?site=hq',
  print: 'Print',
  howTo:
    'Post each QR code at its checkpoint. On a round, scan it or type the code below it to confirm the visit; print and post again after a code is rotated.',
  code: 'Code',
};

registerTranslations('checkpointSheet', { zh, en });
