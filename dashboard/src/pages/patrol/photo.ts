import { PATROL_PHOTO_MAX_BYTES, PATROL_PHOTO_TYPES } from '@hallwatch/shared';

const MAX_EDGE = 1600;

/**
 * A phone photo made small enough to wait in the outbox and cross poor Wi-Fi: re-encoded as
 * a JPEG no wider or taller than 1600 px. Returns null for files that are not photos.
 */
export async function preparePhoto(file: File): Promise<Blob | null> {
  if (!(PATROL_PHOTO_TYPES as readonly string[]).includes(file.type)) return null;
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, MAX_EDGE / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.8));
    if (blob && blob.size <= PATROL_PHOTO_MAX_BYTES) return blob;
  } catch {
    // A browser that cannot decode it here: send the original if it fits.
  }
  return file.size <= PATROL_PHOTO_MAX_BYTES ? file : null;
}

export const sizeText = (bytes: number): string =>
  bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
