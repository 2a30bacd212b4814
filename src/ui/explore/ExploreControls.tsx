import { useId } from 'react';
import { ACTION_UNITS, type ActionUnitId } from '../../model/gmf/expression/actionUnits';
import {
  FACE_MODEL_IDS,
  FACE_MODELS,
  type FaceModelId,
  HAIR_STYLES,
  type HairStyle,
} from '../../model/gmf/face/faceModel';
import {
  EMOTIONS,
  type Emotion,
  type Ethnicity,
  ETHNICITIES,
  type Gender,
  GENDERS,
} from '../../model/gmf/generatorSpec';
import type { HeadPose, LightAngles } from '../../model/render/pose';
import { DEFAULT_FACE_STATE, type FaceState, RENDER_SCALES, RESOLUTIONS } from '../../app/explore/faceState';
import { Slider } from './Slider';

interface Props {
  state: FaceState;
  setFace: (patch: Partial<FaceState>) => void;
  onRandomIdentity: () => void;
}

const ETHNICITY_NAMES: Record<Ethnicity, string> = {
  WC: 'White Caucasian (WC)',
  EA: 'East Asian (EA)',
  BA: 'Black African (BA)',
};
const POSE: { key: keyof HeadPose; label: string; min: number; max: number; unit: string }[] = [
  { key: 'xr', label: 'Rotation x (pitch)', min: -60, max: 60, unit: '°' },
  { key: 'yr', label: 'Rotation y (yaw)', min: -90, max: 90, unit: '°' },
  { key: 'zr', label: 'Rotation z (roll)', min: -45, max: 45, unit: '°' },
  { key: 'xt', label: 'Translation x', min: -100, max: 100, unit: ' mm' },
  { key: 'yt', label: 'Translation y', min: -100, max: 100, unit: ' mm' },
  { key: 'zt', label: 'Translation z', min: -100, max: 100, unit: ' mm' },
];
const LIGHT: { key: keyof LightAngles; label: string }[] = [
  { key: 'xl', label: 'Light rotation x' },
  { key: 'yl', label: 'Light rotation y' },
  { key: 'zl', label: 'Light rotation z' },
];

/** The usual choices plus the current value (a dataset opened here may use another one). */
function withCurrent(choices: readonly number[], current: number): number[] {
  return [...new Set([...choices, current])].sort((a, b) => a - b);
}

function Select<T extends string | number>({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: T;
  options: readonly { value: T; name: string }[];
  onChange: (v: T) => void;
}) {
  const id = useId();
  return (
    <div className="select">
      <label htmlFor={id}>{label}</label>{' '}
      <select
        id={id}
        value={String(value)}
        onChange={(e) => {
          const chosen = options.find((o) => String(o.value) === e.target.value);
          if (chosen) onChange(chosen.value);
        }}
      >
        {options.map((o) => (
          <option key={String(o.value)} value={String(o.value)}>
            {o.name}
          </option>
        ))}
      </select>
    </div>
  );
}

function IdentityControls({ state, setFace, onRandomIdentity }: Props) {
  return (
    <fieldset>
      <legend>
        Identity{' '}
        {state.draw
          ? `#${state.draw.id} of a dataset (seed ${state.draw.seed})`
          : state.identity === null
            ? '(mean face)'
            : `#${state.identity}`}
      </legend>
      <div className="buttons">
        <button type="button" onClick={onRandomIdentity}>
          Random identity
        </button>
        <button
          type="button"
          onClick={() => {
            setFace({
              ...DEFAULT_FACE_STATE,
              model: state.model,
              resolution: state.resolution,
              binocular: state.binocular,
            });
          }}
        >
          Reset
        </button>
      </div>
      <Select<FaceModelId>
        label="Face model"
        value={state.model}
        options={FACE_MODEL_IDS.map((m) => ({ value: m, name: FACE_MODELS[m].label }))}
        onChange={(model) => {
          setFace({ model });
        }}
      />
      <Select<HairStyle>
        label="Hair"
        value={state.hair}
        options={HAIR_STYLES.map((h) => ({ value: h, name: h === 'none' ? 'None' : 'Short cap (scan-based model)' }))}
        onChange={(hair) => {
          setFace({ hair });
        }}
      />
      <Select<Gender>
        label="Gender"
        value={state.gender}
        options={GENDERS.map((g) => ({ value: g, name: g === 'M' ? 'Male' : 'Female' }))}
        onChange={(gender) => {
          setFace({ gender });
        }}
      />
      <Select<Ethnicity>
        label="Ethnicity"
        value={state.ethn}
        options={ETHNICITIES.map((e) => ({ value: e, name: ETHNICITY_NAMES[e] }))}
        onChange={(ethn) => {
          setFace({ ethn });
        }}
      />
      <Slider
        label="Age"
        value={state.age}
        min={18}
        max={90}
        step={1}
        unit=" years"
        onChange={(age) => {
          setFace({ age });
        }}
      />
      {state.shape.map((v, i) => (
        <Slider
          key={`s${i}`}
          label={`Shape component ${i + 1}`}
          value={v}
          min={-3}
          max={3}
          step={0.05}
          unit=" sd"
          onChange={(x) => {
            setFace({ shape: state.shape.map((old, j) => (j === i ? x : old)) });
          }}
        />
      ))}
      {state.tex.map((v, b) => (
        <Slider
          key={`t${b}`}
          label={`Texture band ${b + 1}, component 1`}
          value={v}
          min={-3}
          max={3}
          step={0.05}
          unit=" sd"
          onChange={(x) => {
            setFace({ tex: state.tex.map((old, j) => (j === b ? x : old)) });
          }}
        />
      ))}
    </fieldset>
  );
}

function ExpressionControls({ state, setFace }: Omit<Props, 'onRandomIdentity'>) {
  return (
    <fieldset>
      <legend>Expression</legend>
      <Select<Emotion>
        label="Emotion"
        value={state.emo}
        options={EMOTIONS.map((e) => ({ value: e, name: e }))}
        onChange={(emo) => {
          setFace({ emo });
        }}
      />
      <Slider
        label="Emotion intensity"
        value={state.intensity}
        min={0}
        max={1}
        step={0.05}
        onChange={(intensity) => {
          setFace({ intensity });
        }}
      />
      <Slider
        label="Gaze left / right"
        value={state.gaze.x}
        min={-1}
        max={1}
        step={0.05}
        onChange={(x) => {
          setFace({ gaze: { ...state.gaze, x } });
        }}
      />
      <Slider
        label="Gaze up / down"
        value={state.gaze.y}
        min={-1}
        max={1}
        step={0.05}
        onChange={(y) => {
          setFace({ gaze: { ...state.gaze, y } });
        }}
      />
      <details>
        <summary>Action units (added to the emotion)</summary>
        {ACTION_UNITS.map((au: ActionUnitId) => (
          <Slider
            key={au}
            label={au}
            value={state.actionUnits[au] ?? 0}
            min={0}
            max={1}
            step={0.05}
            onChange={(x) => {
              setFace({ actionUnits: { ...state.actionUnits, [au]: x } });
            }}
          />
        ))}
      </details>
    </fieldset>
  );
}

function PoseControls({ state, setFace }: Omit<Props, 'onRandomIdentity'>) {
  return (
    <>
      <fieldset>
        <legend>Pose</legend>
        {POSE.map((p) => (
          <Slider
            key={p.key}
            label={p.label}
            value={state.pose[p.key]}
            min={p.min}
            max={p.max}
            step={1}
            unit={p.unit}
            onChange={(x) => {
              setFace({ pose: { ...state.pose, [p.key]: x } });
            }}
          />
        ))}
      </fieldset>
      <fieldset>
        <legend>Light</legend>
        {LIGHT.map((l) => (
          <Slider
            key={l.key}
            label={l.label}
            value={state.light[l.key]}
            min={-90}
            max={90}
            step={1}
            unit="°"
            onChange={(x) => {
              setFace({ light: { ...state.light, [l.key]: x } });
            }}
          />
        ))}
        <Slider
          label="Ambient light level"
          value={state.lightLevels.ambient}
          min={0}
          max={2}
          step={0.05}
          onChange={(ambient) => {
            setFace({ lightLevels: { ...state.lightLevels, ambient } });
          }}
        />
        <Slider
          label="Directional light level"
          value={state.lightLevels.directional}
          min={0}
          max={5}
          step={0.05}
          onChange={(directional) => {
            setFace({ lightLevels: { ...state.lightLevels, directional } });
          }}
        />
      </fieldset>
    </>
  );
}

function SceneControls({ state, setFace }: Omit<Props, 'onRandomIdentity'>) {
  return (
    <fieldset>
      <legend>Background and network view</legend>
      <label className="check">
        <input
          type="checkbox"
          checked={state.background}
          onChange={(e) => {
            setFace({ background: e.target.checked });
          }}
        />{' '}
        Phase-scrambled background
      </label>
      <Slider
        label="Background index"
        value={state.backgroundIndex}
        min={0}
        max={255}
        step={1}
        onChange={(backgroundIndex) => {
          setFace({ backgroundIndex });
        }}
      />
      <label className="check">
        <input
          type="checkbox"
          checked={state.binocular}
          onChange={(e) => {
            setFace({ binocular: e.target.checked });
          }}
        />{' '}
        Binocular (left, centre, right)
      </label>
      <Select<number>
        label="Network resolution"
        value={state.resolution}
        options={withCurrent(RESOLUTIONS, state.resolution).map((r) => ({ value: r, name: `${r}×${r}` }))}
        onChange={(resolution) => {
          setFace({ resolution });
        }}
      />
      <Select<number>
        label="Render scale (supersampling)"
        value={state.renderScale}
        options={withCurrent(RENDER_SCALES, state.renderScale).map((s) => ({ value: s, name: `${s}×` }))}
        onChange={(renderScale) => {
          setFace({ renderScale });
        }}
      />
    </fieldset>
  );
}

export function ExploreControls(props: Props) {
  return (
    <div className="explore-controls">
      <IdentityControls {...props} />
      <ExpressionControls {...props} />
      <PoseControls {...props} />
      <SceneControls {...props} />
    </div>
  );
}
