import { Zip, ZipDeflate, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readZipEntries, ZipFormatError, type ZipLimits, ZipLimitError } from './zipStream';

/** The bytes as one stream chunk (a browser's file stream hands over large chunks too). */
const streamOf = (bytes: Uint8Array) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });

async function readAll(bytes: Uint8Array, limits?: ZipLimits): Promise<string[]> {
  const names: string[] = [];
  for await (const entry of readZipEntries(streamOf(bytes), new AbortController().signal, undefined, limits))
    names.push(entry.name);
  return names;
}

/** A zip of `count` empty entries. */
function manyEntries(count: number): Uint8Array {
  const files: Record<string, [Uint8Array, { level: 0 }]> = {};
  for (let i = 0; i < count; i++) files[`d/${i}`] = [new Uint8Array(0), { level: 0 }];
  return zipSync(files);
}

/** A zip whose entry is streamed (sizes only after the data, as our exports write them). */
function streamedZip(name: string, data: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    parts.push(chunk);
  });
  const entry = new ZipDeflate(name, { level: 1 });
  zip.add(entry);
  entry.push(data, true);
  zip.end();
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) out.set(p, (at += p.length) - p.length);
  return out;
}

describe('readZipEntries limits (issue 14 section 2)', () => {
  it('reads a zip of 20,000 entries in one chunk without overflowing the stack', async () => {
    // fflate recursed once per entry of a pushed chunk: about 5,000 tiny entries overflowed it.
    const names = await readAll(manyEntries(20_000));
    expect(names).toHaveLength(20_000);
  }, 60_000);

  it('refuses more entries than the limit, with a typed error, before inflating the rest', async () => {
    const attempt = readAll(manyEntries(5000), { maxEntries: 1000, maxEntryBytes: () => 100 });
    await expect(attempt).rejects.toThrow(ZipLimitError);
    await expect(readAll(manyEntries(5000), { maxEntries: 1000, maxEntryBytes: () => 100 })).rejects.toThrow(
      'The file is not a readable zip: it holds more than the 1,000 entries it can hold.',
    );
  });

  it('refuses an entry whose declared size is over its limit without inflating it', async () => {
    const zip = zipSync({ 'a.bin': new Uint8Array(1000) });
    // The local header's uncompressed size (offset 22) lies: 3 GB.
    new DataView(zip.buffer, zip.byteOffset).setUint32(22, 3e9, true);
    const attempt = readAll(zip, { maxEntries: 10, maxEntryBytes: () => 1 << 20 });
    await expect(attempt).rejects.toThrow(ZipLimitError);
    await expect(readAll(zip, { maxEntries: 10, maxEntryBytes: () => 1 << 20 })).rejects.toThrow(
      "'a.bin' declares 3,000,000,000 bytes unpacked, more than the 1,048,576 such an entry can have",
    );
  });

  it('stops inflating an entry without a declared size once it passes its limit', async () => {
    const zeros = streamedZip('zeros.bin', new Uint8Array(64 << 20));
    expect(zeros.length).toBeLessThan(1 << 20);
    const limits = { maxEntries: 10, maxEntryBytes: () => 1 << 20 };
    let inflated = 0;
    const attempt = (async () => {
      for await (const entry of readZipEntries(streamOf(zeros), new AbortController().signal, undefined, limits))
        inflated += entry.data.length;
    })();
    await expect(attempt).rejects.toThrow(/'zeros.bin' unpacks to more than the 1,048,576 bytes/);
    expect(inflated).toBe(0);
  });

  it('still reads a good zip whole; a truncated one is a format error', async () => {
    const good = streamedZip('x.txt', new TextEncoder().encode('hello'));
    expect(await readAll(good)).toEqual(['x.txt']);
    await expect(readAll(good.slice(0, 40))).rejects.toThrow(ZipFormatError);
  });
});
