/**
 * Vite plugin: `import bytes from './kernels.wat'` yields the module assembled from that
 * WebAssembly text at build (or dev-server, or test) time, as a Uint8Array. The bytes travel
 * inside the JavaScript module as base64, so there is no separate request, no file path in
 * the bundle, and nothing to fetch before a synchronous `new WebAssembly.Module`.
 */
import { readFile } from 'node:fs/promises';
import type { Plugin } from 'vite';
import { assembleWat, withoutRelaxedSimd } from './assembleWat.ts';

/** Queries that ask Vite for something other than the module (the text, or a URL to it). */
const OTHER_QUERIES = /(?:^|&)(?:raw|url|inline)(?:&|=|$)/;
const PLAIN = /(?:^|&)plain(?:&|=|$)/;

/** The ES module that exports `bytes`. */
export function watModuleSource(bytes: Uint8Array): string {
  const base64 = Buffer.from(bytes).toString('base64');
  return [
    '// Assembled from WebAssembly text by tools/wasm/vitePluginWat.ts.',
    `const binary = atob(${JSON.stringify(base64)});`,
    'const bytes = new Uint8Array(binary.length);',
    'for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);',
    'export default bytes;',
    '',
  ].join('\n');
}

export function watPlugin(): Plugin {
  return {
    name: 'gmf-wat',
    // Before Vite's asset handling, which would otherwise turn an unknown file into a URL.
    enforce: 'pre',
    load: {
      // The bundler skips the hook for every other module.
      filter: { id: /\.wat(?:\?|$)/ },
      async handler(id) {
        const [path = '', query = ''] = id.split('?', 2);
        if (!path.endsWith('.wat') || OTHER_QUERIES.test(query)) return null;
        this.addWatchFile(path);
        const text = await readFile(path, 'utf8');
        let bytes: Uint8Array;
        try {
          bytes = await assembleWat(path, PLAIN.test(query) ? withoutRelaxedSimd(path, text) : text);
        } catch (error) {
          this.error(`Assembling ${path} failed: ${error instanceof Error ? error.message : String(error)}`);
        }
        return { code: watModuleSource(bytes), map: null };
      },
    },
  };
}
