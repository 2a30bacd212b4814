/**
 * HDF5 through h5wasm (the HDF5 C library as WebAssembly), as our writers and readers use it:
 * the library is passed in (the browser build in workers, the Node build in tests), files are
 * written to a path on its file system (MEMFS in a worker, disk in Node) and handed on as bytes.
 */
import type h5wasm from 'h5wasm';

/** What writers need of h5wasm. */
export type H5Lib = Pick<typeof h5wasm, 'File'>;
/** What readers need of h5wasm. */
export type H5ReadLib = Pick<typeof h5wasm, 'File' | 'Dataset'>;

/** The emscripten file system calls the byte helpers need (h5wasm's MEMFS in a worker, real files in Node). */
export interface H5FileSystem {
  writeFile(path: string, data: Uint8Array): void;
  readFile(path: string): Uint8Array;
  unlink(path: string): void;
}

/** The eight bytes every HDF5 file starts with (at offset 0 when there is no user block). */
const HDF5_SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

export function isHdf5(bytes: Uint8Array): boolean {
  return HDF5_SIGNATURE.every((b, i) => bytes[i] === b);
}

/** Runs `use(path)` and removes whatever it left at `path` on `fs`, whether it throws or not. */
export function withScratchPath<T>(fs: H5FileSystem, path: string, use: (path: string) => T): T {
  try {
    return use(path);
  } finally {
    try {
      fs.unlink(path);
    } catch {
      // nothing was written
    }
  }
}

/**
 * Writes a new file at `path` and closes it. As h5py's default (and the original's files), no
 * creation order is tracked: h5py lists groups, datasets and attributes by name.
 */
export function writeH5File(h5: H5Lib, path: string, write: (file: InstanceType<H5Lib['File']>) => void): void {
  const file = new h5.File(path, 'w');
  try {
    write(file);
  } finally {
    file.close();
  }
}
