/**
 * WebAssembly text to binary with wabt (the WebAssembly Binary Toolkit, compiled to wasm), for
 * the Vite plugin in vitePluginWat.ts. SIMD is the one post-MVP feature the kernels use.
 */
import wabt from 'wabt';

let toolkit: ReturnType<typeof wabt> | undefined;

/** The module's bytes; throws wabt's error (file:line:column: message) when `source` is invalid. */
export async function assembleWat(fileName: string, source: string): Promise<Uint8Array<ArrayBuffer>> {
  toolkit ??= wabt();
  const parsed = (await toolkit).parseWat(fileName, source, { simd: true });
  try {
    parsed.resolveNames();
    parsed.validate();
    // A copy of its own, outside wabt's memory (freed by destroy).
    return new Uint8Array(parsed.toBinary({ log: false, write_debug_names: false }).buffer);
  } finally {
    parsed.destroy();
  }
}
