import { registerTranslations } from '../../i18n';

const zh = {
  title: '督查告知书文号',
  hint: '出具告知书时按此格式自动编号，每年从 1 号起、不重号；修改只影响之后出具的告知书。',
  pattern: '文号格式',
  patternHelp: '{site} 为站点名称，{year} 为年份，{seq} 为当年序号（{seq:3} 补足 3 位）。',
  issuer: '发文单位',
  issuerHelp: '告知书落款；不填则为“站点名称 + 督查室”。',
  example: '示例：{{number}}',
  siteName: '（站点名称）',
  save: '保存',
  saved: '已保存',
  notSaved: '未保存：',
};

const en: typeof zh = {
  title: 'Supervision notice numbers',
  hint: 'Notices are numbered in this pattern when issued, from 1 each year, never twice; a change applies to notices issued after it.',
  pattern: 'Number pattern',
  patternHelp: "{site} is the site name, {year} the year, {seq} the year's sequence ({seq:3} pads it to 3 digits).",
  issuer: 'Issuing office',
  issuerHelp: 'Signs the notices; left empty, the site name followed by 督查室.',
  example: 'Example: {{number}}',
  siteName: '(site name)',
  save: 'Save',
  saved: 'Saved',
  notSaved: 'Not saved: ',
};

registerTranslations('adminNotices', { zh, en });
