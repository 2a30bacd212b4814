import { useEffect, useMemo, useState } from 'react';
import type { DatasetRecord } from '../../pipeline/dataset/records';
import { ARCHITECTURES, type ArchitectureId } from '../../pipeline/train/architectures';
import { useWorkbenchStore } from '../../app/workbenchStore';
import { useJobsStore } from '../../app/jobs/jobsStore';
import { BACKEND_LABELS, type BackendPreference, TFJS_BACKENDS } from '../../lib/tfjs/backendKinds';
import { DEFAULT_TRAIN_CONFIG, type TrainConfig, validateTrainConfig } from '../../pipeline/train/runConfig';
import { TARGET_NAMES, type TargetName } from '../../pipeline/train/targets';
import { issueMap, seedPlan, TARGET_LABELS } from './trainFormText';
import type { RunDescription } from '../../pipeline/train/jobs';
import { listDatasets, listRuns } from '../../app/queries';
import { ChoiceField, NumberField, SelectField, TextField } from '../forms/formFields';
import { AdvancedOptions, FormSection } from '../forms/FormSection';
import { EmptyState } from '../empty/EmptyState';
import { ModelSummaryTable } from './ModelSummaryTable';
import { trainJobs } from '../../app/workers/trainClient';
import { MAX_SEEDS, seedCountIssue } from '../../app/jobs/seedQueue';

/** The run's settings, checked as they are typed; the worker's plan (image counts, model summary) below. */
export function TrainForm({
  busy,
  onStart,
}: {
  busy: boolean;
  /** `seeds` runs of `config` with seeds seed, seed + 1, …, trained in turn (1: one run). */
  onStart: (config: TrainConfig, backend: BackendPreference, seeds: number) => void;
}) {
  const [datasets, setDatasets] = useState<DatasetRecord[]>([]);
  const [runNames, setRunNames] = useState<string[]>([]);
  const [config, setConfig] = useState<TrainConfig>({ ...DEFAULT_TRAIN_CONFIG });
  const [seeds, setSeeds] = useState(1);
  const [backend, setBackend] = useState<BackendPreference>(useWorkbenchStore.getState().preferences.backend);
  const [plan, setPlan] = useState<{ description: RunDescription | null; error: string | null }>({
    description: null,
    error: null,
  });
  const set = (patch: Partial<TrainConfig>) => {
    setConfig((c) => ({ ...c, ...patch }));
  };

  // A new run's name must differ from every stored one (lists and legends name runs).
  const runsVersion = useJobsStore((s) => s.version.train);
  useEffect(() => {
    let current = true;
    void listRuns().then((runs) => {
      if (current) setRunNames(runs.map((r) => r.name));
    });
    return () => {
      current = false;
    };
  }, [runsVersion]);

  useEffect(() => {
    void listDatasets().then((list) => {
      const complete = list.filter((d) => d.status === 'complete');
      setDatasets(complete);
      const first = complete[0];
      // The list arrives after the form shows: never overwrite a name already typed.
      if (first)
        setConfig((c) =>
          c.datasetId
            ? c
            : { ...c, datasetId: first.id, name: c.name === DEFAULT_TRAIN_CONFIG.name ? `${first.name} run` : c.name },
        );
    });
  }, []);

  const dataset = datasets.find((d) => d.id === config.datasetId);
  const issues = useMemo(
    () =>
      dataset
        ? validateTrainConfig(config, {
            dataset,
            trainingImages: plan.description?.training ?? null,
            takenRunNames: runNames,
          })
        : [{ field: 'dataset' as const, message: 'Generate or import a dataset first.' }],
    [config, dataset, plan.description, runNames],
  );
  const seedsIssue = seedCountIssue(seeds);
  const fieldIssues = issueMap(seedsIssue === null ? issues : [...issues, { field: 'seeds', message: seedsIssue }]);

  // The worker's plan: the same checks with the images counted, plus the model summary.
  const planKey = JSON.stringify(config);
  useEffect(() => {
    if (!dataset) return;
    const early = validateTrainConfig(config, { dataset, trainingImages: null });
    const controller = new AbortController();
    const timer = setTimeout(() => {
      if (early.length > 0) {
        setPlan({ description: null, error: null });
        return;
      }
      trainJobs.run('describeRun', { config }, { signal: controller.signal }).then(
        (description) => {
          setPlan({ description, error: null });
        },
        (e: unknown) => {
          if (!controller.signal.aborted)
            setPlan({ description: null, error: e instanceof Error ? e.message : String(e) });
        },
      );
    }, 300);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [planKey, dataset]);

  const ready =
    dataset !== undefined &&
    issues.length === 0 &&
    seedsIssue === null &&
    plan.description !== null &&
    plan.error === null;
  const architectureOptions = ARCHITECTURES.map((a) => ({
    value: a.id,
    name: a.label,
    disabled: a.binocular && !dataset?.spec.binocular,
  }));
  const nullable = (v: number | null) => (v === null ? Number.NaN : v);

  return (
    <form
      aria-label="Train a network"
      className="train-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (ready) onStart(config, backend, seeds);
      }}
    >
      {datasets.length === 0 && (
        <EmptyState
          message="A run trains on a complete dataset with a saved split: generate one (the Tiny preset takes a minute) or import a zip first."
          actions={[{ label: 'Go to the Dataset tab', tab: 'dataset' }]}
        />
      )}
      <FormSection title="Data">
        <TextField
          label="Run name"
          field="name"
          value={config.name}
          help="Names the run in lists, chart legends and exported files."
          issues={fieldIssues}
          onChange={(name) => {
            set({ name });
          }}
        />
        <SelectField<string>
          label="Dataset"
          field="dataset"
          value={config.datasetId}
          options={[
            { value: '', name: datasets.length ? 'Choose…' : 'No complete dataset', disabled: true },
            ...datasets.map((d) => ({
              value: d.id,
              name: `${d.name} (${d.spec.identities}×${d.spec.variationsPerIdentity}, ${d.spec.resolution}px)`,
            })),
          ]}
          help="The run learns from its saved split's training identities and is checked on the validation ones."
          issues={fieldIssues}
          onChange={(datasetId) => {
            set({ datasetId, queryName: null });
          }}
        />
        <SelectField<string>
          label="Saved query"
          field="queryName"
          value={config.queryName ?? ''}
          options={[
            { value: '', name: 'All images of the splits' },
            ...Object.entries(dataset?.queries ?? {}).map(([name, text]) => ({
              value: name,
              name: `${name}: ${text}`,
            })),
          ]}
          help="Only the images a query saved in the Dataset tab selects (e.g. frontal faces)."
          issues={fieldIssues}
          onChange={(q) => {
            set({ queryName: q === '' ? null : q });
          }}
        />
        <SelectField<TrainConfig['data']>
          label="Training data"
          field="data"
          value={config.data}
          options={[
            { value: 'stored', name: 'Stored images' },
            { value: 'streamed', name: 'Streamed: rendered on the fly, fresh variations' },
          ]}
          help="Stored: the dataset's images, as the original. Streamed: new variations of the same identities for every batch."
          issues={fieldIssues}
          onChange={(data) => {
            set({ data });
          }}
        />
        <AdvancedOptions
          summary="Fewer identities or variations"
          invalid={fieldIssues.has('trainIdentities') || fieldIssues.has('variationsPerIdentity')}
        >
          <NumberField
            label="Training identities"
            field="trainIdentities"
            value={nullable(config.trainIdentities)}
            unit="identities"
            help="Train on the first N identities of the training split (empty: all), e.g. for a data-size curve."
            issues={fieldIssues}
            onChange={(v) => {
              set({ trainIdentities: Number.isNaN(v) ? null : v });
            }}
          />
          <NumberField
            label="Variations per identity"
            field="variationsPerIdentity"
            value={nullable(config.variationsPerIdentity)}
            unit="images"
            help="Use the first N variations of every identity (empty: all)."
            issues={fieldIssues}
            onChange={(v) => {
              set({ variationsPerIdentity: Number.isNaN(v) ? null : v });
            }}
          />
        </AdvancedOptions>
      </FormSection>
      <FormSection title="Model and targets">
        <SelectField<ArchitectureId>
          label="Architecture"
          field="architecture"
          value={config.architecture}
          options={architectureOptions}
          help="The original's networks; the stereo ones need a binocular dataset."
          issues={fieldIssues}
          onChange={(architecture) => {
            set({ architecture });
          }}
        />
        <ChoiceField<TargetName>
          label="Targets"
          field="targets"
          options={TARGET_NAMES.map((t) => ({ value: t, name: TARGET_LABELS[t] }))}
          value={config.targets}
          issues={fieldIssues}
          onChange={(targets) => {
            set({ targets });
          }}
        />
        <p className="field-help">
          What the network learns to predict, one output head each: identity (the original's worked example), categories
          (gender, ethnicity, emotion, background), shape and texture coefficients, or pose and light angles.
        </p>
        {config.targets.includes('shape') && (
          <NumberField
            label="Shape components"
            field="shapeComponents"
            value={config.shapeComponents}
            unit="coefficients"
            help="The first N shape coefficients the shape head predicts."
            issues={fieldIssues}
            onChange={(shapeComponents) => {
              set({ shapeComponents });
            }}
          />
        )}
        {config.targets.includes('tex') && (
          <NumberField
            label="Texture components (per band)"
            field="texComponents"
            value={config.texComponents}
            unit="per band"
            help="The first N texture coefficients of each frequency band the texture head predicts."
            issues={fieldIssues}
            onChange={(texComponents) => {
              set({ texComponents });
            }}
          />
        )}
      </FormSection>
      <FormSection title="Optimisation">
        <NumberField
          label="Batch size"
          field="batchSize"
          value={config.batchSize}
          unit="images"
          help="Images per Adam step."
          issues={fieldIssues}
          onChange={(batchSize) => {
            set({ batchSize });
          }}
        />
        <NumberField
          label="Epochs"
          field="epochs"
          value={config.epochs}
          unit="passes"
          help="Passes over the training images; the run is checkpointed as it goes and resumes after a reload."
          issues={fieldIssues}
          onChange={(epochs) => {
            set({ epochs });
          }}
        />
        <NumberField
          label="Learning rate"
          field="learningRate"
          value={config.learningRate}
          step={0.0001}
          help="Adam's step size; lowered when the validation loss stops improving."
          issues={fieldIssues}
          onChange={(learningRate) => {
            set({ learningRate });
          }}
        />
        <AdvancedOptions
          summary="Batch-norm momentum, early stop"
          invalid={
            fieldIssues.has('batchNormMomentum') ||
            fieldIssues.has('earlyStop') ||
            fieldIssues.has('earlyStopThreshold')
          }
        >
          <NumberField
            label="Batch-norm momentum"
            field="batchNormMomentum"
            value={config.batchNormMomentum}
            step={0.05}
            help="How slowly batch norm's running mean and variance follow new batches (Keras's momentum)."
            issues={fieldIssues}
            onChange={(batchNormMomentum) => {
              set({ batchNormMomentum });
            }}
          />
          <TextField
            label="Early stop metric"
            field="earlyStop"
            value={config.earlyStop?.metric ?? ''}
            placeholder="val_id_acc"
            help="Stop once this metric reaches the threshold below (empty: train every epoch)."
            issues={fieldIssues}
            onChange={(metric) => {
              set({
                earlyStop: metric.trim() === '' ? null : { metric, threshold: config.earlyStop?.threshold ?? 0.9 },
              });
            }}
          />
          {config.earlyStop && (
            <NumberField
              label="Early stop threshold"
              field="earlyStopThreshold"
              value={config.earlyStop.threshold}
              step={0.01}
              issues={fieldIssues}
              onChange={(threshold) => {
                set({ earlyStop: { metric: config.earlyStop?.metric ?? '', threshold } });
              }}
            />
          )}
        </AdvancedOptions>
      </FormSection>
      <FormSection title="Compute">
        <SelectField<BackendPreference>
          label="Backend"
          field="backend"
          value={backend}
          options={[
            { value: 'auto', name: 'Fastest (measured)' },
            ...TFJS_BACKENDS.map((b) => ({ value: b, name: BACKEND_LABELS[b] })),
          ]}
          help="Where tfjs computes; Fastest times each backend once on this machine. A resumed run keeps its own."
          issues={fieldIssues}
          onChange={setBackend}
        />
        <NumberField
          label="Seed"
          field="seed"
          value={config.seed}
          help="Fixes the initial weights and the order of the batches."
          issues={fieldIssues}
          onChange={(seed) => {
            set({ seed });
          }}
        />
        <NumberField
          label="Seeds"
          field="seeds"
          value={seeds}
          unit="runs"
          help={`Train 1 to ${MAX_SEEDS} runs with seed, seed + 1, …, one after another (for error bars across initialisations).`}
          issues={fieldIssues}
          onChange={setSeeds}
        />
      </FormSection>
      <div className="run-plan" aria-live="polite">
        {plan.error && (
          <p role="alert" className="error">
            {plan.error}
          </p>
        )}
        {plan.description && (
          <>
            <p>
              {plan.description.training} training and {plan.description.validation} validation images ·{' '}
              {plan.description.targets.map((t) => `${t.name} (${t.units} outputs)`).join(', ')} ·{' '}
              {plan.description.params.toLocaleString('en')} parameters
            </p>
            {seedsIssue === null && seeds > 1 && <p>{seedPlan(config, seeds)}</p>}
            <details>
              <summary>Model summary</summary>
              <ModelSummaryTable rows={plan.description.summary} />
            </details>
          </>
        )}
      </div>
      <div className="form-actions">
        <button type="submit" disabled={!ready || busy}>
          {seedsIssue === null && seeds > 1 ? `Start training ${seeds} seeds` : 'Start training'}
        </button>
      </div>
    </form>
  );
}
