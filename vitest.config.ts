import { defineConfig } from 'vitest/config';
import { watPlugin } from './tools/wasm/vitePluginWat.ts';

export default defineConfig({
  // Tests assemble the WebAssembly kernels from the same text as the build.
  plugins: [watPlugin()],
  test: {
    include: ['src/**/*.test.ts', 'tools/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
