import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { MAX_UPLOAD_BYTES, sniffImage } from './image-sniff.js';

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url));

describe('sniffImage', () => {
  it('recognises real PNG, JPEG and WebP files by content', () => {
    expect(sniffImage(fixture('1x1.png'))).toEqual({ mime: 'image/png', ext: 'png' });
    expect(sniffImage(fixture('1x1.jpg'))).toEqual({ mime: 'image/jpeg', ext: 'jpg' });
    expect(sniffImage(fixture('1x1.webp'))).toEqual({ mime: 'image/webp', ext: 'webp' }); // VP8X (extended)
  });

  it('recognises simple lossy and lossless WebP headers too', () => {
    const webp = (chunk: string) => Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from(`WEBP${chunk}`), Buffer.alloc(8)]);
    expect(sniffImage(webp('VP8 '))?.ext).toBe('webp');
    expect(sniffImage(webp('VP8L'))?.ext).toBe('webp');
    expect(sniffImage(webp('ABCD'))).toBeNull();
  });

  it('ignores names: a text file called .png, a GIF, a WAV, an SVG and empty or truncated input are not images', () => {
    expect(sniffImage(fixture('not-an-image.png'))).toBeNull();
    expect(sniffImage(fixture('1x1.gif'))).toBeNull();
    expect(sniffImage(Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WAVEfmt '), Buffer.alloc(8)]))).toBeNull();
    expect(sniffImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffImage(Buffer.alloc(0))).toBeNull();
    expect(sniffImage(Buffer.from([0xff, 0xd8]))).toBeNull();
    expect(sniffImage(fixture('1x1.png').subarray(0, 8))).toBeNull();
    expect(sniffImage(fixture('1x1.webp').subarray(0, 12))).toBeNull();
  });

  it('has the contract\'s 5 MB limit', () => {
    expect(MAX_UPLOAD_BYTES).toBe(5_242_880);
  });
});
