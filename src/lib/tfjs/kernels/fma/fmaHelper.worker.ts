/**
 * A helper thread of the convolution product kernels (fmaRuntime.ts): instantiates the module on
 * the shared memory it is sent, says so, then waits for each call and claims tiles beside the
 * caller. It never returns to its event loop; it ends with the worker that started it.
 */
import { CONTROL, claimTiles, controlViews, HELPER_STARTED, type KernelExports } from './fmaControl';

self.onmessage = (event: MessageEvent<{ module: WebAssembly.Module; memory: WebAssembly.Memory }>) => {
  const { module, memory } = event.data;
  const exports = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as KernelExports;
  const views = controlViews(memory.buffer);
  let seen = Atomics.load(views.control, CONTROL.sequence);
  self.postMessage(HELPER_STARTED);
  for (;;) {
    Atomics.wait(views.control, CONTROL.sequence, seen);
    seen = Atomics.load(views.control, CONTROL.sequence);
    claimTiles(views, exports, true);
  }
};
