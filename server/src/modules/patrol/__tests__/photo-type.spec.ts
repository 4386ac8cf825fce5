import { photoType } from '../photo-type';

describe('photo type by magic bytes', () => {
  it('recognises JPEG, PNG and WebP by their first bytes', () => {
    expect(photoType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toBe('image/jpeg');
    expect(photoType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(photoType(Buffer.concat([Buffer.from('RIFF'), Buffer.from([1, 2, 3, 4]), Buffer.from('WEBPVP8 ')]))).toBe('image/webp');
  });

  it('refuses anything else, whatever it claims to be', () => {
    expect(photoType(Buffer.from('GIF89a'))).toBeNull();
    expect(photoType(Buffer.from('%PDF-1.7'))).toBeNull();
    expect(photoType(Buffer.from('RIFF1234WAVEfmt '))).toBeNull();
    expect(photoType(Buffer.from([0xff, 0xd8]))).toBeNull();
    expect(photoType(Buffer.alloc(0))).toBeNull();
  });
});
