import { randomBytes } from 'node:crypto';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { canonicalMeshPlugin } from './tools/vitePluginCanonicalMesh.ts';
import { securityHeaders } from './tools/securityHeaders.ts';
import { watPlugin } from './tools/wasm/vitePluginWat.ts';

// A fresh nonce per dev-server start for Vite's inline React-refresh preamble.
const devNonce = randomBytes(16).toString('base64');

export default defineConfig(({ command }) => ({
  plugins: [react(), canonicalMeshPlugin(), watPlugin()],
  html: command === 'serve' ? { cspNonce: devNonce } : {},
  server: {
    host: 'localhost',
    port: 5173,
    headers: securityHeaders({ devNonce }),
  },
  preview: {
    host: 'localhost',
    port: 4173,
    strictPort: true,
    headers: securityHeaders(),
  },
  // Worker bundles have their own plugin list: the face worker loads the mesh too, and the
  // analysis runs the linear algebra's WebAssembly kernels (assembled from .wat).
  worker: { format: 'es', plugins: () => [canonicalMeshPlugin(), watPlugin()] },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
  },
  optimizeDeps: {
    // Pre-bundle everything up front (the workers' imports too): a dependency discovered
    // late makes the dev server reload the page mid-session.
    entries: ['index.html', 'src/workers/*.worker.ts'],
    include: [
      '@tensorflow/tfjs',
      '@tensorflow/tfjs-backend-webgpu',
      '@tensorflow/tfjs-backend-wasm',
      'three',
      'three/webgpu',
      'three/addons/controls/OrbitControls.js',
      '@react-three/fiber',
      'react',
      'react-dom/client',
      'zustand',
      'idb',
    ],
  },
}));
