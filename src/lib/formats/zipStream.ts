/**
 * Reads a zip as a stream (fflate), entry by entry in zip order, each entry whole in memory.
 * Used by the dataset and experiment imports; a damaged zip is a ZipFormatError whose `problem`
 * the caller words for its own kind of file. Limits are checked before and while an entry is
 * inflated (issue 14: a zip of 100,000 entries overflowed the stack, a 1 GiB zero-filled entry
 * was inflated for two minutes before its refusal).
 */
import { Unzip, type UnzipFile, UnzipInflate } from 'fflate';
import { GmfError, throwIfCancelled } from '../errors';

export interface ZipEntry {
  name: string;
  data: Uint8Array;
}

/**
 * What a zip may hold. Read as each entry starts (and, for the size, as it inflates), so a caller
 * may tighten them once the zip's own manifest, its first entry, has been read.
 */
export interface ZipLimits {
  /** Most entries, folders included. */
  readonly maxEntries: number;
  /** Most bytes the entry `name` may unpack to. */
  maxEntryBytes(name: string): number;
}

/** Limits for a zip nothing is known about: what a browser tab can hold at all. */
export const GENERIC_ZIP_LIMITS: ZipLimits = { maxEntries: 2_000_000, maxEntryBytes: () => 2 ** 30 };

export class ZipFormatError extends GmfError {
  constructor(
    readonly problem: string,
    code = 'BAD_ZIP',
  ) {
    super(code, `The file is not a readable zip: ${problem}.`);
  }
}

/** The zip holds more entries or bigger ones than it can for what it says it is. */
export class ZipLimitError extends ZipFormatError {
  constructor(problem: string) {
    super(problem, 'ZIP_LIMIT');
  }
}

/**
 * fflate's Unzip recurses once per entry header within one push, so a large chunk of tiny
 * entries overflows the stack; pushing at most this many bytes at a time bounds the depth
 * (a header is at least 30 bytes) and the bytes inflated before the limits are read again.
 */
const PUSH_BYTES = 16 * 1024;

function concat(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

const bytesText = (n: number) => n.toLocaleString('en');
const tooMany = (max: number) => new ZipLimitError(`it holds more than the ${bytesText(max)} entries it can hold`);

/** Entries of the zip `source` as they complete; `onBytes` hears the compressed bytes read. */
export async function* readZipEntries(
  source: ReadableStream<Uint8Array>,
  signal: AbortSignal,
  onBytes?: (bytes: number) => void,
  limits: ZipLimits = GENERIC_ZIP_LIMITS,
): AsyncGenerator<ZipEntry> {
  const done: ZipEntry[] = [];
  const status: { failure: Error | null } = { failure: null };
  let entries = 0;
  let handed = 0;
  const fail = (error: Error, file?: UnzipFile) => {
    status.failure ??= error;
    file?.terminate();
  };
  const unzip = new Unzip((file) => {
    if (status.failure) return;
    entries += 1;
    if (entries > limits.maxEntries) {
      fail(tooMany(limits.maxEntries));
      return;
    }
    const declared = file.originalSize;
    if (declared !== undefined && declared > limits.maxEntryBytes(file.name)) {
      fail(
        new ZipLimitError(
          `'${file.name}' declares ${bytesText(declared)} bytes unpacked, more than the ${bytesText(limits.maxEntryBytes(file.name))} such an entry can have`,
        ),
      );
      return;
    }
    const chunks: Uint8Array[] = [];
    let bytes = 0;
    file.ondata = (error, chunk, final) => {
      if (status.failure) return;
      if (error) {
        fail(new ZipFormatError(`an entry is corrupt (${error.message})`));
        return;
      }
      bytes += chunk.length;
      const max = limits.maxEntryBytes(file.name);
      if (bytes > max) {
        fail(
          new ZipLimitError(`'${file.name}' unpacks to more than the ${bytesText(max)} bytes such an entry can have`),
          file,
        );
        return;
      }
      chunks.push(chunk);
      if (final) done.push({ name: file.name, data: concat(chunks) });
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  const reader = source.getReader();
  try {
    for (;;) {
      throwIfCancelled(signal);
      const { done: last, value } = await reader.read();
      const chunk = value ?? new Uint8Array(0);
      for (let at = 0; at < chunk.length || (at === 0 && last); at += PUSH_BYTES) {
        const end = Math.min(chunk.length, at + PUSH_BYTES);
        try {
          unzip.push(chunk.subarray(at, end), last && end === chunk.length);
        } catch (error) {
          if (status.failure) throw status.failure;
          throw new ZipFormatError(
            `it cannot be read as a zip (${error instanceof Error ? error.message : String(error)})`,
          );
        }
        if (status.failure) throw status.failure;
        // Hand on what is complete before pushing more: the caller may tighten the limits, which
        // hold again for the entries that completed in the same push.
        for (const entry of done.splice(0)) {
          handed += 1;
          if (handed > limits.maxEntries) throw tooMany(limits.maxEntries);
          const max = limits.maxEntryBytes(entry.name);
          if (entry.data.length > max)
            throw new ZipLimitError(
              `'${entry.name}' unpacks to ${bytesText(entry.data.length)} bytes, more than the ${bytesText(max)} such an entry can have`,
            );
          yield entry;
        }
        if (chunk.length === 0) break;
      }
      if (value) onBytes?.(value.length);
      if (last) break;
    }
  } finally {
    reader.releaseLock();
  }
}
