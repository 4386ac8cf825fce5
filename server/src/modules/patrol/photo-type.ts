import { PatrolPhotoType } from '@hallwatch/shared';

// A photo is judged by its first bytes, not by the type the phone claims: a renamed file
// that is not an image is refused before it is stored.

const startsWith = (bytes: Buffer, sig: number[], at = 0): boolean => sig.every((b, i) => bytes[at + i] === b);

export function photoType(bytes: Buffer): PatrolPhotoType | null {
  if (bytes.length >= 3 && startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (bytes.length >= 8 && startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  // RIFF....WEBP
  if (bytes.length >= 12 && startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8))
    return 'image/webp';
  return null;
}
