/**
 * Reads a zip as a stream (fflate), entry by entry in zip order, each entry whole in memory.
 * Used by the dataset and experiment imports; a damaged zip is a ZipFormatError whose `problem`
 * the caller words for its own kind of file.
 */
import { Unzip, UnzipInflate } from 'fflate';
import { GmfError, throwIfCancelled } from '../errors';

export interface ZipEntry {
  name: string;
  data: Uint8Array;
}

export class ZipFormatError extends GmfError {
  constructor(readonly problem: string) {
    super('BAD_ZIP', `The file is not a readable zip: ${problem}.`);
  }
}

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

/** Entries of the zip `source` as they complete; `onBytes` hears the compressed bytes read. */
export async function* readZipEntries(
  source: ReadableStream<Uint8Array>,
  signal: AbortSignal,
  onBytes?: (bytes: number) => void,
): AsyncGenerator<ZipEntry> {
  const done: ZipEntry[] = [];
  const status: { failure: Error | null } = { failure: null };
  const unzip = new Unzip((file) => {
    const chunks: Uint8Array[] = [];
    file.ondata = (error, chunk, final) => {
      if (error) {
        status.failure = error;
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
      try {
        unzip.push(value ?? new Uint8Array(0), last);
      } catch (error) {
        throw new ZipFormatError(
          `it cannot be read as a zip (${error instanceof Error ? error.message : String(error)})`,
        );
      }
      if (status.failure) throw new ZipFormatError(`an entry is corrupt (${status.failure.message})`);
      if (value) onBytes?.(value.length);
      yield* done.splice(0);
      if (last) break;
    }
  } finally {
    reader.releaseLock();
  }
}
