import { randomBytes } from 'node:crypto';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { canonicalMeshPlugin } from './tools/vitePluginCanonicalMesh.ts';
import { contentSecurityPolicy, securityHeaders } from './tools/securityHeaders.ts';
import { watPlugin } from './tools/wasm/vitePluginWat.ts';
import { licenseCollector } from './tools/vitePluginLicenses.ts';

// A fresh nonce per dev-server start for Vite's inline React-refresh preamble.
const devNonce = randomBytes(16).toString('base64');

/**
 * The CSP as a <meta> at the top of index.html too, so a static host that sends no headers still
 * forbids eval and every other origin. Same policy as the header, minus frame-ancestors, which a
 * meta cannot carry (browsers ignore it there); the header stays for hosts that send it.
 */
function cspMetaPlugin(nonce: string | undefined): Plugin {
  const policy = contentSecurityPolicy(nonce ? { devNonce: nonce } : {})
    .split('; ')
    .filter((d) => !d.startsWith('frame-ancestors'))
    .join('; ');
  return {
    name: 'gmf-csp-meta',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: policy }, injectTo: 'head-prepend' },
    ],
  };
}

/**
 * The offline copy: a Workbox service worker precaching every file of the build (chunks, the
 * workers, tfjs' wasm binaries, h5wasm, the face model), registered by src/ui/status/offlineCopy.ts
 * in the production build only. Cached responses keep the headers they were served with, so COOP/
 * COEP (and isolation) hold when the app loads from the cache.
 */
const offlineCopy = () =>
  VitePWA({
    injectRegister: false,
    manifest: false,
    showMaximumFileSizeToCacheInBytesWarning: true,
    workbox: {
      globPatterns: ['**/*.{html,js,css,wasm,bin,svg,py,txt}'],
      // The largest file is the face model (~8 MB); the analysis worker is ~7 MB.
      maximumFileSizeToCacheInBytes: 32 * 1024 * 1024,
      // The first visit's page uses the cache at once; an update waits until every tab is closed,
      // so an open page never loses the chunks it was built with.
      clientsClaim: true,
      skipWaiting: false,
    },
  });

/**
 * THIRD_PARTY_LICENSES.txt in the build: our notices, then every bundled package's licence. Not
 * bundled modules but shipped too: the canonical mesh, data read from @mediapipe/face_mesh at
 * build time, and the service worker's Workbox runtime (workbox-*.js, written by vite-plugin-pwa).
 */
const licenses = licenseCollector({
  ownNotices: 'THIRD_PARTY_NOTICES.md',
  extraRoots: [
    '@mediapipe/face_mesh',
    'workbox-core',
    'workbox-precaching',
    'workbox-routing',
    'workbox-strategies',
  ].map((name) => `node_modules/${name}`),
  licenceTexts: { 'Apache-2.0': 'LICENSES/Apache-2.0.txt' },
});

export default defineConfig(({ command }) => ({
  plugins: [
    react(),
    canonicalMeshPlugin(),
    watPlugin(),
    cspMetaPlugin(command === 'serve' ? devNonce : undefined),
    licenses.main(),
    offlineCopy(),
  ],
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
  worker: { format: 'es', plugins: () => [canonicalMeshPlugin(), watPlugin(), licenses.worker()] },
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
