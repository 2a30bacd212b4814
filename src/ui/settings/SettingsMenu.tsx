import { useId, useRef } from 'react';
import { BACKEND_LABELS, type BackendPreference, TFJS_BACKENDS } from '../../lib/tfjs/backendKinds';
import type { RendererPreference, ThemePreference } from '../../app/preferences';
import { measureBackends } from '../../app/compute';
import { useWorkbenchStore } from '../../app/workbenchStore';

const BACKEND_CHOICES: { value: BackendPreference; label: string }[] = [
  { value: 'auto', label: 'Automatic (the fastest, measured once in this browser)' },
  ...TFJS_BACKENDS.map((b) => ({ value: b, label: BACKEND_LABELS[b] })),
];
const THEME_CHOICES: { value: ThemePreference; label: string }[] = [
  { value: 'system', label: 'As the system (light or dark)' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];
const RENDERER_CHOICES: { value: RendererPreference; label: string }[] = [
  { value: 'webgl', label: 'WebGL2 (presents everywhere)' },
  { value: 'webgpu', label: 'WebGPU (some setups, e.g. headless SwiftShader, show a blank view)' },
];

function Measurement() {
  const compute = useWorkbenchStore((s) => s.compute);
  const auto = useWorkbenchStore((s) => s.preferences.backend === 'auto');
  if (!auto) return null;
  const timings = compute.state === 'ready' ? compute.measured?.timings : undefined;
  return (
    <div>
      {timings && (
        <ul aria-label="Backend timings" className="attempts">
          {timings.map((t) => (
            <li key={t.backend}>
              {BACKEND_LABELS[t.backend]}:{' '}
              {t.msPerStep === null
                ? `not a contender — ${t.reason}`
                : `${t.msPerStep.toFixed(0)} ms per probe step${t.reason ? ` (${t.reason})` : ''}`}
            </li>
          ))}
        </ul>
      )}
      <button
        type="button"
        disabled={compute.state === 'measuring'}
        onClick={() => void measureBackends().catch(() => undefined)}
      >
        {compute.state === 'measuring' ? 'Measuring…' : timings ? 'Measure again' : 'Measure now'}
      </button>
    </div>
  );
}

function FallbackLog() {
  const compute = useWorkbenchStore((s) => s.compute);
  if (compute.state !== 'ready' || compute.measured) return null;
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

interface RadioGroupProps<T extends string> {
  name: string;
  choices: { value: T; label: string }[];
  value: T;
  onChange: (value: T) => void;
}

function RadioGroup<T extends string>({ name, choices, value, onChange }: RadioGroupProps<T>) {
  return choices.map((c) => (
    <label key={c.value}>
      <input
        type="radio"
        name={name}
        value={c.value}
        checked={value === c.value}
        onChange={() => {
          onChange(c.value);
        }}
      />
      {c.label}
    </label>
  ));
}

export function SettingsMenu() {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const preferences = useWorkbenchStore((s) => s.preferences);
  const setPreferences = useWorkbenchStore((s) => s.setPreferences);

  return (
    <>
      <button
        type="button"
        className="settings-button"
        onClick={() => dialog.current?.showModal()}
        aria-haspopup="dialog"
      >
        Settings
      </button>
      <dialog ref={dialog} aria-labelledby={titleId} className="settings">
        <h2 id={titleId}>Settings</h2>
        <fieldset>
          <legend>Compute backend (tfjs)</legend>
          <RadioGroup
            name="backend"
            choices={BACKEND_CHOICES}
            value={preferences.backend}
            onChange={(backend) => {
              setPreferences({ backend });
            }}
          />
          <FallbackLog />
          <Measurement />
        </fieldset>
        <fieldset>
          <legend>3D view renderer (three.js WebGPURenderer)</legend>
          <RadioGroup
            name="renderer"
            choices={RENDERER_CHOICES}
            value={preferences.renderer}
            onChange={(renderer) => {
              setPreferences({ renderer });
            }}
          />
          <RendererNote />
        </fieldset>
        <fieldset>
          <legend>Theme</legend>
          <RadioGroup
            name="theme"
            choices={THEME_CHOICES}
            value={preferences.theme}
            onChange={(theme) => {
              setPreferences({ theme });
            }}
          />
        </fieldset>
        <p>
          Stored data and its size: see the Storage panel in the <a href="#/results">Results</a> tab.
        </p>
        <p>
          {/* Written by the build (tools/vitePluginLicenses.ts) and served by the dev server. */}
          <a href="THIRD_PARTY_LICENSES.txt" target="_blank" rel="noopener">
            Third-party notices and licences
          </a>
          : the works the face models derive from, and every package in this build.
        </p>
        <form method="dialog">
          <button type="submit">Close</button>
        </form>
      </dialog>
    </>
  );
}
