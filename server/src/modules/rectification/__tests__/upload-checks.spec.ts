import { attachmentType } from '../attachment-types';
import { decodeReport } from '../report-decoding';

describe('evidence attachment types', () => {
  const pdf = Buffer.from('%PDF-1.7\n...');
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
  const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]);

  it('accepts a file whose name and first bytes agree', () => {
    expect(attachmentType('会议纪要.PDF', pdf)).toBe('application/pdf');
    expect(attachmentType('photo.png', png)).toBe('image/png');
    expect(attachmentType('台账.xlsx', zip)).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(attachmentType('scan.jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
  });

  it('refuses a renamed file, an unknown kind and a name without extension', () => {
    expect(attachmentType('minutes.pdf', Buffer.from('MZ\x90\x00'))).toBeNull();
    expect(attachmentType('photo.png', pdf)).toBeNull();
    expect(attachmentType('run.exe', Buffer.from('MZ'))).toBeNull();
    expect(attachmentType('pdf', pdf)).toBeNull();
  });
});

describe('report decoding', () => {
  const text = '(1)个别问题整改不到位。\n整改情况:\n一是对接物业公司。';

  it('reads UTF-8, with or without a byte-order mark', () => {
    expect(decodeReport(Buffer.from(text, 'utf8'))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeReport(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]))).toEqual({ text, encoding: 'utf-8' });
  });

  it('reads a GBK copy saved on a Chinese Windows machine', () => {
    // "整改情况" in GBK.
    const gbk = Buffer.from([0xd5, 0xfb, 0xb8, 0xc4, 0xc7, 0xe9, 0xbf, 0xf6]);
    expect(decodeReport(gbk)).toEqual({ text: '整改情况', encoding: 'gb18030' });
  });

  it('reads UTF-16 with its byte-order mark', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(decodeReport(le)).toEqual({ text, encoding: 'utf-16le' });
  });
});
