import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { contentTypeOfKey, FILE_STORAGE, InvalidFileKeyError, isValidFileKey, LocalDiskStorage, newFileKey } from './file-storage.js';

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

describe('LocalDiskStorage', () => {
  let base: string;
  let root: string;
  let storage: LocalDiskStorage;

  beforeEach(async () => {
    base = await mkdtemp(path.join(tmpdir(), 'xianfeng-storage-'));
    root = path.join(base, 'uploads'); // does not exist yet: put() creates it
    storage = new LocalDiskStorage(root);
  });
  afterEach(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it('stores and reads back a file with its content type and size, leaving no temporary files', async () => {
    const data = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const key = newFileKey('png');
    expect(await storage.put(key, data, 'image/png')).toEqual({ key, contentType: 'image/png', size: data.length });
    const opened = await storage.open(key);
    expect(opened).not.toBeNull();
    expect(opened!.contentType).toBe('image/png');
    expect(opened!.size).toBe(data.length);
    expect(await readAll(opened!.stream)).toEqual(data);
    expect(await readdir(root)).toEqual([key]);
  });

  it('replaces a file atomically when the same key is written again', async () => {
    await storage.put('a.jpg', Buffer.from('first'), 'image/jpeg');
    await storage.put('a.jpg', Buffer.from('second!'), 'image/jpeg');
    const opened = await storage.open('a.jpg');
    expect(opened!.size).toBe(7);
    expect((await readAll(opened!.stream)).toString()).toBe('second!');
    expect(await readdir(root)).toEqual(['a.jpg']);
  });

  it('returns null for a key that names nothing, also before anything was stored', async () => {
    expect(await storage.open('nothing-here.webp')).toBeNull();
    await storage.put('x.webp', Buffer.from('w'), 'image/webp');
    expect(await storage.open('nothing-here.webp')).toBeNull();
  });

  it.each(['../x.png', 'a/b.png', '..', '', '.tmp-1.png', 'X.png', 'a.PNG', 'a.gif', 'a.png.exe', 'a..png', 'a\\b.png', '/etc/passwd', 'a.png\u0000', 'a b.png'])(
    'put refuses key %j and open finds nothing for it',
    async (key) => {
      await expect(storage.put(key, Buffer.from('x'), 'image/png')).rejects.toBeInstanceOf(InvalidFileKeyError);
      expect(await storage.open(key)).toBeNull();
    },
  );

  it('cannot read outside its root, even if the file exists there', async () => {
    await writeFile(path.join(base, 'secret.png'), 'secret');
    expect(await storage.open('../secret.png')).toBeNull();
    await mkdir(root);
    await mkdir(path.join(root, 'dir.png'));
    expect(await storage.open('dir.png')).toBeNull();
    expect(await readFile(path.join(base, 'secret.png'), 'utf8')).toBe('secret');
  });

  it('refuses a content type that does not match the key', async () => {
    await expect(storage.put('a.png', Buffer.from('x'), 'image/jpeg')).rejects.toThrow('does not match');
    await expect(storage.put('a.png', Buffer.from('x'), 'text/html')).rejects.toThrow();
    expect(await storage.open('a.png')).toBeNull();
  });
});

describe('keys', () => {
  it('newFileKey makes valid, distinct keys', () => {
    const a = newFileKey('jpg');
    expect(isValidFileKey(a)).toBe(true);
    expect(a).not.toBe(newFileKey('jpg'));
    expect(contentTypeOfKey(a)).toBe('image/jpeg');
    expect(contentTypeOfKey(newFileKey('webp'))).toBe('image/webp');
  });

  it('exports a Nest injection token', () => {
    expect(typeof FILE_STORAGE).toBe('symbol');
  });
});
