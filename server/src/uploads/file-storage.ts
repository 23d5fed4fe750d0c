import { randomUUID } from 'node:crypto';
import { mkdir, open as openFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ImageExt, ImageMime } from './image-sniff.js';

export interface StoredFile {
  key: string;
  contentType: string;
  size: number;
}

/** Where uploaded images live. Keys are flat names such as `3f2a…-9c1e.png` (see {@link newFileKey}). */
export interface FileStorage {
  put(key: string, data: Buffer, contentType: string): Promise<StoredFile>;
  /** Null when nothing is stored under `key` (or `key` could never name a file). */
  open(key: string): Promise<{ stream: NodeJS.ReadableStream; contentType: string; size: number } | null>;
}

/** Nest injection token for the {@link FileStorage} in use. */
export const FILE_STORAGE = Symbol('FILE_STORAGE');

/** Keys are a single flat file name: no separators, no dots but the extension's, so no way out of the root. */
export const FILE_KEY_RE = /^[a-z0-9-]+\.(jpg|png|webp)$/;

const CONTENT_TYPE_BY_EXT: Record<ImageExt, ImageMime> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};

export class InvalidFileKeyError extends Error {
  constructor(key: string) {
    super(`invalid file key: ${JSON.stringify(key)}`);
    this.name = 'InvalidFileKeyError';
  }
}

export function isValidFileKey(key: unknown): key is string {
  return typeof key === 'string' && FILE_KEY_RE.test(key);
}

/** A fresh, unguessable key for an image of the given kind. */
export function newFileKey(ext: ImageExt): string {
  return `${randomUUID()}.${ext}`;
}

/** The content type a key's extension stands for (keys are only ever images). */
export function contentTypeOfKey(key: string): ImageMime {
  if (!isValidFileKey(key)) throw new InvalidFileKeyError(key);
  return CONTENT_TYPE_BY_EXT[key.slice(key.lastIndexOf('.') + 1) as ImageExt];
}

/**
 * Files in one local folder. A write goes to a temporary file that is renamed into place, so a reader
 * never sees half a file, even with several server instances sharing the folder. The content type
 * is derived from the key's extension.
 */
export class LocalDiskStorage implements FileStorage {
  private readonly root: string;

  constructor(rootDir: string) {
    this.root = path.resolve(rootDir);
  }

  async put(key: string, data: Buffer, contentType: string): Promise<StoredFile> {
    const expected = contentTypeOfKey(key);
    if (contentType !== expected) {
      throw new Error(`content type ${contentType} does not match key ${key} (${expected})`);
    }
    await mkdir(this.root, { recursive: true });
    // A leading dot never matches FILE_KEY_RE, so open() cannot serve a temporary file.
    const tmp = path.join(this.root, `.tmp-${randomUUID()}`);
    try {
      await writeFile(tmp, data, { flag: 'wx', flush: true });
      await rename(tmp, path.join(this.root, key));
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
    return { key, contentType: expected, size: data.length };
  }

  async open(key: string): Promise<{ stream: NodeJS.ReadableStream; contentType: string; size: number } | null> {
    if (!isValidFileKey(key)) return null;
    let handle;
    try {
      handle = await openFile(path.join(this.root, key), 'r');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return null;
      throw err;
    }
    try {
      const stat = await handle.stat();
      if (!stat.isFile()) {
        await handle.close();
        return null;
      }
      // The stream owns the handle from here and closes it when done or destroyed.
      return { stream: handle.createReadStream(), contentType: contentTypeOfKey(key), size: stat.size };
    } catch (err) {
      await handle.close();
      throw err;
    }
  }
}
