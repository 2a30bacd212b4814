import { BACKEND_LABELS, type BackendReport } from '../../lib/tfjs/backendKinds';
import { useWorkbenchStore } from '../../app/workbenchStore';
import { formatBytes } from '../../lib/storage';
import { JobsPanel } from '../jobs/JobsPanel';
import { useOfflineCopy, useOnline } from './offlineCopy';

/** What runs the wasm backend's convolutions (the status item's tooltip). */
function convKernelsNote(kernels: BackendReport['convKernels']): string {
  if (!kernels) return "Convolutions: tfjs-wasm's own kernels (this page has no shared memory for ours).";
  const simd = kernels.simd === 'relaxed' ? 'fused multiply-add (relaxed SIMD)' : 'SIMD multiply and add';
  const helpers = `${kernels.helpers} helper thread${kernels.helpers === 1 ? '' : 's'}`;
  return `Convolutions, their gradients, max-pool gradients and Adam: our kernels, ${simd}, with ${helpers}.`;
}

function ComputeItem() {
  const compute = useWorkbenchStore((s) => s.compute);
  let text = 'starting…';
  let title = '';
  if (compute.state === 'ready') {
    const { report } = compute;
    text = BACKEND_LABELS[report.backend];
    if (report.backend === 'webgpu' && report.webgpuAdapter) text += ` (${report.webgpuAdapter})`;
    if (report.backend === 'wasm' && report.wasmThreads !== null) {
      const kernels = report.convKernels ? `, ${report.convKernels.simd === 'relaxed' ? 'FMA' : 'SIMD'} kernels` : '';
      text += ` (${report.wasmThreads} thread${report.wasmThreads === 1 ? '' : 's'}${kernels})`;
    }
    const notes = report.attempts.filter((a) => !a.ok).map((a) => `${BACKEND_LABELS[a.backend]} skipped: ${a.reason}`);
    if (report.backend === 'wasm') notes.push(convKernelsNote(report.convKernels));
    title = notes.join('\n');
    if (compute.measured) text += ' · fastest measured';
  } else if (compute.state === 'unmeasured') {
    text = 'automatic: measured when the first job starts';
  } else if (compute.state === 'measuring') {
    text = 'measuring every backend…';
  } else if (compute.state === 'failed') {
    text = `unavailable: ${compute.message}`;
  }
  return (
    <span className="status-item" data-testid="status-compute" title={title}>
      Compute: <output aria-label="tfjs backend">{text}</output>
    </span>
  );
}

function RendererItem() {
  const renderer = useWorkbenchStore((s) => s.renderer);
  const text =
    renderer.state === 'ready'
      ? renderer.backend
      : renderer.state === 'failed'
        ? `unavailable: ${renderer.message}`
        : 'starts with Explore';
  return (
    <span className="status-item" data-testid="status-renderer" title={renderer.state === 'ready' ? renderer.note : ''}>
      3D renderer: <output aria-label="3D renderer backend">{text}</output>
    </span>
  );
}

function StorageItem() {
  const storage = useWorkbenchStore((s) => s.storage);
  const used = storage?.usage === undefined ? '?' : formatBytes(storage.usage);
  const quota = storage?.quota === undefined ? '?' : formatBytes(storage.quota);
  const persisted = storage?.persisted === undefined ? 'unknown' : storage.persisted ? 'persistent' : 'not persistent';
  return (
    <>
      <span className="status-item" data-testid="status-storage">
        Storage: <output aria-label="storage used of quota">{storage ? `${used} of ${quota}` : '…'}</output>
      </span>
      <span className="status-item" data-testid="status-persisted">
        <output aria-label="storage persistence">{persisted}</output>
      </span>
    </>
  );
}

/** Whether the network is up, and whether the app has its offline copy (service worker). */
function NetworkItem() {
  const online = useOnline();
  const copy = useOfflineCopy();
  const text =
    copy.state === 'ready'
      ? copy.updateWaiting
        ? 'saved for offline use; a newer version starts once every tab of the app is closed'
        : 'saved for offline use'
      : copy.state === 'saving'
        ? 'saving for offline use…'
        : copy.state === 'failed'
          ? `not available offline: ${copy.message}`
          : copy.state === 'unsupported'
            ? 'not available offline: this browser has no service workers'
            : 'not saved for offline use (dev server)';
  return (
    <>
      <span className="status-item" data-testid="status-network">
        <output aria-label="network">{online ? 'online' : 'offline'}</output>
      </span>
      <span className="status-item" data-testid="status-offline-copy">
        <output aria-label="offline copy">{text}</output>
      </span>
    </>
  );
}

/**
 * Without COOP/COEP headers the page is not cross-origin isolated: no SharedArrayBuffer, so
 * tfjs-wasm runs single-threaded (a static server that drops the headers; README says how to set them).
 */
const NOT_ISOLATED = 'not cross-origin isolated: WASM runs single-threaded; serve with COOP/COEP — see README';

export function StatusBar() {
  return (
    <footer className="status-bar" aria-label="Status">
      <JobsPanel />
      <ComputeItem />
      <RendererItem />
      <StorageItem />
      <NetworkItem />
      <span className="status-item">
        <output aria-label="cross-origin isolation">{window.crossOriginIsolated ? 'isolated' : NOT_ISOLATED}</output>
      </span>
    </footer>
  );
}
