/**
 * WebAssembly text to binary with wabt (the WebAssembly Binary Toolkit, compiled to wasm), for
 * the Vite plugin in vitePluginWat.ts. The post-MVP features our kernels use: SIMD, relaxed SIMD
 * (fused multiply-add) and threads (a shared memory).
 */
import wabt from 'wabt';

let toolkit: ReturnType<typeof wabt> | undefined;

const FEATURES = { simd: true, relaxed_simd: true, threads: true } as const;

/** One operand of a fused multiply-add as the kernels write it: a local. */
const OPERAND = String.raw`(\(local\.get \$[\w.]+\))`;
const RELAXED_MADD = new RegExp(String.raw`\(f32x4\.relaxed_madd\s+${OPERAND}\s+${OPERAND}\s+${OPERAND}\)`, 'g');

/**
 * The same kernels without relaxed SIMD, for runtimes that lack it: every
 * `(f32x4.relaxed_madd a b c)` (operands written as locals) becomes `(f32x4.add (f32x4.mul a b) c)`,
 * the rounding relaxed_madd may use where the CPU has no fused multiply-add.
 */
export function withoutRelaxedSimd(fileName: string, source: string): string {
  const plain = source.replace(RELAXED_MADD, '(f32x4.add (f32x4.mul $1 $2) $3)');
  const left = /[\w.]*relaxed_\w+/.exec(plain.replace(/;;.*$/gm, ''));
  if (left) throw new Error(`${fileName}: ${left[0]} is not in the form withoutRelaxedSimd rewrites (three locals)`);
  return plain;
}

/** The module's bytes; throws wabt's error (file:line:column: message) when `source` is invalid. */
export async function assembleWat(fileName: string, source: string): Promise<Uint8Array<ArrayBuffer>> {
  toolkit ??= wabt();
  const parsed = (await toolkit).parseWat(fileName, source, FEATURES);
  try {
    parsed.resolveNames();
    // wabt's validate takes the features too (its typings leave the argument out).
    (parsed.validate.bind(parsed) as (features: typeof FEATURES) => void)(FEATURES);
    // A copy of its own, outside wabt's memory (freed by destroy).
    return new Uint8Array(parsed.toBinary({ log: false, write_debug_names: false }).buffer);
  } finally {
    parsed.destroy();
  }
}
