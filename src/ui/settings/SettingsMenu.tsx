import { useId, useRef } from 'react';
import { BACKEND_LABELS, type BackendPreference, TFJS_BACKENDS } from '../../train/backendKinds';
import type { RendererPreference } from '../../store/preferences';
import { useWorkbenchStore } from '../../store/workbenchStore';

const BACKEND_CHOICES: { value: BackendPreference; label: string }[] = [
  { value: 'auto', label: 'Automatic (WebGPU → WebGL → WASM → CPU)' },
  ...TFJS_BACKENDS.map((b) => ({ value: b, label: BACKEND_LABELS[b] })),
];
const RENDERER_CHOICES: { value: RendererPreference; label: string }[] = [
  { value: 'webgl', label: 'WebGL2 (presents everywhere)' },
  { value: 'webgpu', label: 'WebGPU (some setups, e.g. headless SwiftShader, show a blank view)' },
];

function FallbackLog() {
  const compute = useWorkbenchStore((s) => s.compute);
  if (compute.state !== 'ready') return null;
  return (
    <ul aria-label="Backend attempts" className="attempts">
      {compute.report.attempts.map((a) => (
        <li key={a.backend}>
          {BACKEND_LABELS[a.backend]}: {a.ok ? `in use (${a.ms.toFixed(0)} ms to start)` : `skipped — ${a.reason}`}
        </li>
      ))}
    </ul>
  );
}

function RendererNote() {
  const renderer = useWorkbenchStore((s) => s.renderer);
  if (renderer.state === 'starting') return <p>The 3D renderer starts when the Explore tab is first shown.</p>;
  if (renderer.state === 'failed') return <p className="error">The 3D renderer failed: {renderer.message}</p>;
  return (
    <p aria-label="3D renderer in use">
      In use: {renderer.backend} ({renderer.note})
    </p>
  );
}

export function SettingsMenu() {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const preferences = useWorkbenchStore((s) => s.preferences);
  const setPreferences = useWorkbenchStore((s) => s.setPreferences);

  return (
    <>
      <button type="button" className="settings-button" onClick={() => dialog.current?.showModal()} aria-haspopup="dialog">
        Settings
      </button>
      <dialog ref={dialog} aria-labelledby={titleId} className="settings">
        <h2 id={titleId}>Settings</h2>
        <fieldset>
          <legend>Compute backend (tfjs)</legend>
          {BACKEND_CHOICES.map((c) => (
            <label key={c.value}>
              <input
                type="radio"
                name="backend"
                value={c.value}
                checked={preferences.backend === c.value}
                onChange={() => {
                  setPreferences({ backend: c.value });
                }}
              />
              {c.label}
            </label>
          ))}
          <FallbackLog />
        </fieldset>
        <fieldset>
          <legend>3D view renderer (three.js WebGPURenderer)</legend>
          {RENDERER_CHOICES.map((c) => (
            <label key={c.value}>
              <input
                type="radio"
                name="renderer"
                value={c.value}
                checked={preferences.renderer === c.value}
                onChange={() => {
                  setPreferences({ renderer: c.value });
                }}
              />
              {c.label}
            </label>
          ))}
          <RendererNote />
        </fieldset>
        <p>Stored data and its size: see the Storage panel in the <a href="#/results">Results</a> tab.</p>
        <form method="dialog">
          <button type="submit">Close</button>
        </form>
      </dialog>
    </>
  );
}
