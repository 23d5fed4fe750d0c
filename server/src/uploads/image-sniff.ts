/** The largest image `POST /uploads` accepts (the contract's 5 MB). */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

export type ImageMime = 'image/jpeg' | 'image/png' | 'image/webp';
export type ImageExt = 'jpg' | 'png' | 'webp';
export interface SniffedImage {
  mime: ImageMime;
  ext: ImageExt;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * What kind of image `buf` is, judged by its magic bytes only — never by the file name or the
 * client's Content-Type. Null for anything else (GIF, SVG, text renamed `.png`, truncated headers).
 */
export function sniffImage(buf: Buffer): SniffedImage | null {
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) {
    return { mime: 'image/jpeg', ext: 'jpg' };
  }
  // The signature, then the IHDR chunk that must come first in every PNG.
  if (buf.length >= 16 && PNG_SIGNATURE.every((b, i) => buf[i] === b) && ascii(buf, 12, 4) === 'IHDR') {
    return { mime: 'image/png', ext: 'png' };
  }
  // RIFF container of form WEBP whose first chunk is a VP8 variant (lossy, lossless or extended).
  if (buf.length >= 16 && ascii(buf, 0, 4) === 'RIFF' && ascii(buf, 8, 4) === 'WEBP' && /^VP8[ LX]$/.test(ascii(buf, 12, 4))) {
    return { mime: 'image/webp', ext: 'webp' };
  }
  return null;
}

function ascii(buf: Buffer, start: number, length: number): string {
  return buf.toString('latin1', start, start + length);
}
