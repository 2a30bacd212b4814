import { type SyntheticEvent, useEffect, useId, useMemo, useState } from 'react';
import { estimateGeneration } from '../../pipeline/generate/estimate';
import { formatBytes } from '../../lib/storage';
import {
  BINOCULAR_112_PRESET,
  DEFAULT_GENERATOR_SPEC,
  EMOTIONS,
  ETHNICITIES,
  GENDERS,
  type GeneratorSpec,
  MIRROR_SYMMETRY_PRESET,
  POSE_PARAMS,
  type PoseParam,
  TINY_PRESET,
  validateGeneratorSpec,
} from '../../model/gmf/generatorSpec';
import { useWorkbenchStore } from '../../app/workbenchStore';
import { useJobsStore } from '../../app/jobs/jobsStore';
import { listDatasets } from '../../app/queries';
import { ChoiceField, NumberField, RangeField, SelectField } from '../forms/formFields';
import { AdvancedOptions, FormSection } from '../forms/FormSection';
import { GenerationEstimate } from './GenerationEstimate';
import {
  FACE_MODEL_IDS,
  FACE_MODELS,
  type FaceModelId,
  HAIR_STYLES,
  type HairStyle,
} from '../../model/gmf/face/faceModel';

const PRESETS = [
  { name: 'Tiny (for trying things)', spec: TINY_PRESET },
  { name: "Original's defaults", spec: DEFAULT_GENERATOR_SPEC },
  { name: 'Binocular 112×112 example', spec: BINOCULAR_112_PRESET },
  { name: 'Mirror symmetry (yaw views)', spec: MIRROR_SYMMETRY_PRESET },
] as const;

/** The spec with yaw on a grid of `views` angles; 0 removes the field (random yaw, as the original). */
function withYawViews(spec: GeneratorSpec, views: number): GeneratorSpec {
  const next: GeneratorSpec = { ...spec, yawViews: views };
  if (views === 0) delete next.yawViews;
  return next;
}

/** The light's angles: listed under Scene, the head's pose under Pose. */
const LIGHT_PARAMS: readonly PoseParam[] = ['xl', 'yl', 'zl'];
const COEFFICIENT_FIELDS = ['shape.mu', 'shape.sd', 'texture.mu', 'texture.sd', 'shapeComponents', 'textureComponents'];

const POSE_LABELS: Record<PoseParam, [string, string]> = {
  xr: ['Rotation x', '°'],
  yr: ['Rotation y', '°'],
  zr: ['Rotation z', '°'],
  xt: ['Translation x', 'mm'],
  yt: ['Translation y', 'mm'],
  zt: ['Translation z', 'mm'],
  xl: ['Light rotation x', '°'],
  yl: ['Light rotation y', '°'],
  zl: ['Light rotation z', '°'],
};

interface Props {
  busy: boolean;
  onGenerate: (spec: GeneratorSpec) => void;
}

/** Every option of the original generator, validated as you type, with a live estimate. */
export function GeneratorForm({ busy, onGenerate }: Props) {
  const [spec, setSpec] = useState<GeneratorSpec>(() => structuredClone(TINY_PRESET));
  const storage = useWorkbenchStore((s) => s.storage);
  const datasetsVersion = useJobsStore((s) => s.version.generate);
  const [takenNames, setTakenNames] = useState<string[]>([]);
  const estimateId = useId();
  // A new dataset's name must differ from every stored one (a select could not tell them apart).
  useEffect(() => {
    let current = true;
    void listDatasets().then((list) => {
      if (current) setTakenNames(list.map((d) => d.name));
    });
    return () => {
      current = false;
    };
  }, [datasetsVersion]);
  const set = (patch: Partial<GeneratorSpec>) => {
    setSpec((s) => ({ ...s, ...patch }));
  };
  const estimate = estimateGeneration(spec);
  const issues = useMemo(() => {
    const map = new Map(validateGeneratorSpec(spec, takenNames).map((i) => [i.field, i.message]));
    const free =
      storage?.quota !== undefined && storage.usage !== undefined ? storage.quota - storage.usage : undefined;
    if (free !== undefined && estimate.bytes > free) {
      map.set(
        'storage',
        `About ${formatBytes(estimate.bytes)} needed but only ${formatBytes(free)} of browser storage is free: fewer identities, a smaller resolution or jpg.`,
      );
    }
    return map;
  }, [spec, storage, estimate.bytes, takenNames]);

  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    if (issues.size === 0 && !busy) onGenerate(spec);
  };

  return (
    <form className="generator-form" aria-label="Generate a dataset" onSubmit={submit} noValidate>
      <div className="buttons" role="group" aria-label="Presets">
        {PRESETS.map((p) => (
          <button
            key={p.name}
            type="button"
            onClick={() => {
              setSpec(structuredClone(p.spec));
            }}
          >
            {p.name}
          </button>
        ))}
      </div>
      <FormSection title="Output" intro="How many images, and how they are stored.">
        <div className="field">
          <label htmlFor={`${estimateId}-name`}>Name</label>
          <input
            id={`${estimateId}-name`}
            value={spec.name}
            aria-invalid={issues.has('name') || undefined}
            aria-describedby={issues.has('name') ? `${estimateId}-name-error` : undefined}
            onChange={(e) => {
              set({ name: e.target.value });
            }}
          />
          {issues.get('name') && (
            <span id={`${estimateId}-name-error`} className="field-error error">
              {issues.get('name')}
            </span>
          )}
        </div>
        <NumberField
          label="Identities"
          field="identities"
          value={spec.identities}
          issues={issues}
          onChange={(identities) => {
            set({ identities });
          }}
        />
        <NumberField
          label="Variations per identity"
          field="variationsPerIdentity"
          value={spec.variationsPerIdentity}
          issues={issues}
          onChange={(variationsPerIdentity) => {
            set({ variationsPerIdentity });
          }}
        />
        <NumberField
          label="Resolution (pixels)"
          field="resolution"
          value={spec.resolution}
          issues={issues}
          onChange={(resolution) => {
            set({ resolution });
          }}
        />
        <div className="field">
          <label htmlFor={`${estimateId}-format`}>Image format</label>
          <select
            id={`${estimateId}-format`}
            value={spec.format}
            onChange={(e) => {
              set({ format: e.target.value === 'jpg' ? 'jpg' : 'png' });
            }}
          >
            <option value="png">png</option>
            <option value="jpg">jpg</option>
          </select>
        </div>
        <NumberField
          label="Render scale (supersampling)"
          field="renderScale"
          value={spec.renderScale}
          issues={issues}
          onChange={(renderScale) => {
            set({ renderScale });
          }}
        />
        <NumberField
          label="Random seed"
          field="seed"
          value={spec.seed}
          issues={issues}
          onChange={(seed) => {
            set({ seed });
          }}
        />
      </FormSection>
      <FormSection
        title="Identity"
        intro="Who is in the images: each identity is one draw of gender, ethnicity, age, shape and texture."
      >
        <SelectField<FaceModelId>
          label="Face model"
          field="faceModel"
          value={spec.faceModel ?? 'gmf-procedural'}
          options={FACE_MODEL_IDS.map((m) => ({ value: m, name: FACE_MODELS[m].label }))}
          issues={issues}
          onChange={(faceModel) => {
            const max = FACE_MODELS[faceModel];
            set({
              faceModel,
              faceModelVersion: max.version,
              shapeComponents: Math.min(spec.shapeComponents, max.maxShapeComponents),
              textureComponents: Math.min(spec.textureComponents, max.maxTextureComponents),
            });
          }}
        />
        <p className="field-help">{FACE_MODELS[spec.faceModel ?? 'gmf-procedural'].description}</p>
        <SelectField<HairStyle>
          label="Hair"
          field="hair"
          value={spec.hair ?? 'none'}
          options={HAIR_STYLES.map((h) => ({ value: h, name: h === 'none' ? 'None (bald)' : 'Short cap' }))}
          issues={issues}
          onChange={(hair) => {
            set({ hair });
          }}
        />
        <ChoiceField
          label="Genders"
          field="genders"
          options={GENDERS.map((g) => ({ value: g, name: g }))}
          value={spec.genders}
          issues={issues}
          onChange={(genders) => {
            set({ genders });
          }}
        />
        <ChoiceField
          label="Ethnicities"
          field="ethnicities"
          options={ETHNICITIES.map((e) => ({ value: e, name: e }))}
          value={spec.ethnicities}
          issues={issues}
          onChange={(ethnicities) => {
            set({ ethnicities });
          }}
        />
        <RangeField
          label="Age"
          field="age"
          unit="years"
          value={spec.age}
          issues={issues}
          onChange={(age) => {
            set({ age });
          }}
        />
        <AdvancedOptions
          summary="Shape and texture coefficients"
          invalid={COEFFICIENT_FIELDS.some((f) => issues.has(f))}
        >
          <NumberField
            label="Shape coefficient mean"
            field="shape.mu"
            step={0.1}
            value={spec.shape.mu}
            issues={issues}
            onChange={(mu) => {
              set({ shape: { ...spec.shape, mu } });
            }}
          />
          <NumberField
            label="Shape coefficient SD"
            field="shape.sd"
            step={0.1}
            value={spec.shape.sd}
            issues={issues}
            onChange={(sd) => {
              set({ shape: { ...spec.shape, sd } });
            }}
          />
          <NumberField
            label="Texture coefficient mean"
            field="texture.mu"
            step={0.1}
            value={spec.texture.mu}
            issues={issues}
            onChange={(mu) => {
              set({ texture: { ...spec.texture, mu } });
            }}
          />
          <NumberField
            label="Texture coefficient SD"
            field="texture.sd"
            step={0.1}
            value={spec.texture.sd}
            issues={issues}
            onChange={(sd) => {
              set({ texture: { ...spec.texture, sd } });
            }}
          />
          <NumberField
            label="Shape components"
            field="shapeComponents"
            value={spec.shapeComponents}
            issues={issues}
            onChange={(shapeComponents) => {
              set({ shapeComponents });
            }}
          />
          <NumberField
            label="Texture components per band"
            field="textureComponents"
            value={spec.textureComponents}
            issues={issues}
            onChange={(textureComponents) => {
              set({ textureComponents });
            }}
          />
        </AdvancedOptions>
      </FormSection>
      <FormSection title="Expression" intro="The emotions the facial expressions are drawn from.">
        <ChoiceField
          label="Emotions"
          field="emotions"
          options={EMOTIONS.map((e) => ({ value: e, name: e }))}
          value={spec.emotions}
          issues={issues}
          onChange={(emotions) => {
            set({ emotions });
          }}
        />
      </FormSection>
      <FormSection
        title="Pose"
        intro="Each variation draws the face's rotation and translation uniformly from these ranges."
      >
        {POSE_PARAMS.filter((p) => !LIGHT_PARAMS.includes(p)).map((p) => (
          <RangeField
            key={p}
            label={POSE_LABELS[p][0]}
            field={`ranges.${p}`}
            unit={POSE_LABELS[p][1]}
            value={spec.ranges[p]}
            issues={issues}
            onChange={(r) => {
              set({ ranges: { ...spec.ranges, [p]: r } });
            }}
          />
        ))}
        <NumberField
          label="Yaw views on a grid (0 = random)"
          field="yawViews"
          value={spec.yawViews ?? 0}
          issues={issues}
          onChange={(views) => {
            setSpec((s) => withYawViews(s, views));
          }}
        />
        <p className="field-help">
          Variation v of every identity is turned to view v mod N of N evenly spaced angles over the rotation y range
          (what the mirror-symmetry index needs).
          {spec.yawViews !== undefined && spec.addBackground
            ? ' Backgrounds follow the variation index, so each view would keep one background for every identity.'
            : ''}
        </p>
      </FormSection>
      <FormSection title="Scene" intro="Light, background and camera.">
        {LIGHT_PARAMS.map((p) => (
          <RangeField
            key={p}
            label={POSE_LABELS[p][0]}
            field={`ranges.${p}`}
            unit={POSE_LABELS[p][1]}
            value={spec.ranges[p]}
            issues={issues}
            onChange={(r) => {
              set({ ranges: { ...spec.ranges, [p]: r } });
            }}
          />
        ))}
        <label className="check">
          <input
            type="checkbox"
            checked={spec.addBackground}
            onChange={(e) => {
              set({ addBackground: e.target.checked });
            }}
          />{' '}
          Add background
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={spec.binocular}
            onChange={(e) => {
              set({ binocular: e.target.checked });
            }}
          />{' '}
          Binocular
        </label>
        <NumberField
          label="Camera distance (mm)"
          field="cameraDistance"
          value={spec.cameraDistance}
          issues={issues}
          onChange={(cameraDistance) => {
            set({ cameraDistance });
          }}
        />
      </FormSection>
      <GenerationEstimate id={estimateId} spec={spec} estimate={estimate} />
      {issues.get('storage') && (
        <p className="error" role="alert">
          {issues.get('storage')}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" disabled={busy || issues.size > 0} aria-describedby={estimateId}>
          Generate dataset
        </button>
      </div>
      {issues.size > 0 && (
        <p className="error">
          Fix the {issues.size === 1 ? 'field' : `${issues.size} fields`} marked above to generate.
        </p>
      )}
    </form>
  );
}
