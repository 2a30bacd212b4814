import { useEffect, useState } from 'react';
import { defaultOptionsFor, originalOptions, validateAnalysisOptions } from '../../pipeline/analyze/options';
import type { AnalysisOptions, IdFolds } from '../../pipeline/analyze/records';
import { DEFAULT_BEYOND_OPTIONS, type ViewOptions } from '../../pipeline/beyond/records';
import type { RunRecord } from '../../pipeline/train/runRecords';
import { FormSection } from '../forms/FormSection';
import { EmptyState } from '../empty/EmptyState';
import { NumberField, SelectField } from '../forms/formFields';
import { listDatasets, listRuns } from '../../app/queries';
import type { DatasetRecord } from '../../pipeline/dataset/records';
import { CompressionEstimate, compressionPlanFor, type ImageCounts } from './CompressionEstimate';
import { analysisDatasetProblem } from '../../pipeline/analyze/preflight';

const VIEW_FIELDS: { key: keyof ViewOptions; label: string }[] = [
  { key: 'bins', label: 'Bins of a factor for its error curve' },
  { key: 'bootstraps', label: 'Bootstrap resamples of the error curves' },
  { key: 'permutations', label: 'Permutations (symmetry and RSA nulls)' },
  { key: 'views', label: 'Yaw views (mirror-symmetry index)' },
  { key: 'rdmSamples', label: 'Testing images per RDM' },
];

/** Images the analysis will use: the run's own counts, the testing split scaled by the same query share. */
function imageCounts(run: RunRecord, dataset: DatasetRecord | undefined): ImageCounts | null {
  const counts = dataset?.split?.counts;
  if (!dataset || !counts) return null;
  const per = dataset.spec.variationsPerIdentity;
  if (run.imported)
    return { training: counts.training * per, all: (counts.training + counts.validation + counts.testing) * per };
  const share = counts.training > 0 ? run.images.training / (counts.training * per) : 1;
  const testing = Math.round(counts.testing * per * share);
  return { training: run.images.training, all: run.images.training + run.images.validation + testing };
}

/** Which finished run to analyse and how (components, batches, sketch width, null and intervals). */
export function AnalysisForm({
  busy,
  onStart,
}: {
  busy: boolean;
  onStart: (run: RunRecord, datasetId: string, options: AnalysisOptions) => void;
}) {
  const [runs, setRuns] = useState<RunRecord[]>([]);
  const [runId, setRunId] = useState('');
  const [options, setOptions] = useState<AnalysisOptions>(() => defaultOptionsFor(null));
  const [datasets, setDatasets] = useState<DatasetRecord[]>([]);
  /** Every stored dataset (null until read): a run whose dataset was deleted cannot be analysed. */
  const [allDatasets, setAllDatasets] = useState<DatasetRecord[] | null>(null);
  const [chosenDataset, setChosenDataset] = useState('');
  useEffect(() => {
    void listRuns().then((list) => {
      const finished = list.filter((r) => r.status === 'complete' || r.status === 'stopped');
      setRuns(finished);
      setRunId((id) => id || (finished[0]?.id ?? ''));
    });
    void listDatasets().then((list) => {
      setAllDatasets(list);
      setDatasets(list.filter((d) => d.status === 'complete' && d.split));
    });
  }, []);
  const run = runs.find((r) => r.id === runId);
  // A trained run analyses its own dataset; an imported model needs one chosen (with a saved split).
  const datasetId = run?.imported ? chosenDataset : (run?.config.datasetId ?? '');
  const trainingImages = run && !run.imported ? run.images.training : null;
  // Browser defaults sized to the chosen run (a batch no larger than its training split), set when the run changes.
  const [sizedFor, setSizedFor] = useState<string | null>(null);
  if (run && sizedFor !== run.id) {
    setSizedFor(run.id);
    setOptions(defaultOptionsFor(trainingImages));
  }
  const issues = validateAnalysisOptions(options, trainingImages);
  const map = new Map(issues.map((i) => [i.field as string, i.message]));
  const images = run
    ? imageCounts(
        run,
        datasets.find((d) => d.id === datasetId),
      )
    : null;
  const planned = run && images && issues.length === 0 ? compressionPlanFor(run, options, images) : null;
  if (planned && 'plan' in planned && !planned.plan.fits)
    map.set(
      'memoryBudgetMb',
      'The fit does not hold in this budget even with every wide layer sketched (see the estimate).',
    );
  if (!run)
    map.set(
      'run',
      runs.length ? 'Choose a run.' : 'Train a network first: analyses start from a finished run or an imported model.',
    );
  // Checked before Start, not after: a run whose dataset was deleted would fail once started.
  const datasetProblem =
    run && datasetId && allDatasets
      ? analysisDatasetProblem(
          run,
          datasetId,
          allDatasets.find((d) => d.id === datasetId),
        )
      : null;
  if (datasetProblem) map.set(run?.imported ? 'dataset' : 'run', datasetProblem);
  if (run?.imported && !datasetId)
    map.set(
      'dataset',
      datasets.length
        ? 'Choose the dataset to analyse this model on.'
        : 'An imported model needs a complete dataset with a saved split.',
    );
  const set = (patch: Partial<AnalysisOptions>) => {
    setOptions((o) => ({ ...o, ...patch }));
  };
  return (
    <form
      aria-label="Analyse a run"
      className="analysis-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (run && datasetId && map.size === 0) onStart(run, datasetId, options);
      }}
    >
      {runs.length === 0 && (
        <EmptyState
          message="An analysis starts from a finished training run (or an imported model): train one first."
          actions={[{ label: 'Go to the Train tab', tab: 'train' }]}
        />
      )}
      <FormSection title="Run">
        <SelectField<string>
          label="Run"
          field="run"
          value={runId}
          options={[
            { value: '', name: runs.length ? 'Choose…' : 'No finished run', disabled: true },
            ...runs.map((r) => ({
              value: r.id,
              name: r.imported
                ? `${r.name} (imported model)`
                : `${r.name} (${r.config.architecture}, ${r.targets.map((t) => t.name).join('+')})`,
            })),
          ]}
          issues={map}
          onChange={setRunId}
        />
        {run?.imported && (
          <SelectField<string>
            label="Dataset for the imported model"
            field="dataset"
            value={chosenDataset}
            options={[
              { value: '', name: 'Choose…', disabled: true },
              ...datasets.map((d) => ({ value: d.id, name: `${d.name} (${d.spec.resolution}px)` })),
            ]}
            issues={map}
            onChange={setChosenDataset}
          />
        )}
        {run && !run.imported && (
          <p>
            Query reused from the run:{' '}
            {run.query ? `“${run.query.name}”: ${run.query.text}` : 'none (all images of each split)'}.
          </p>
        )}
        <div className="buttons" role="group" aria-label="Analysis presets">
          <button
            type="button"
            onClick={() => {
              setOptions(defaultOptionsFor(trainingImages));
            }}
          >
            Browser defaults
          </button>
          <button
            type="button"
            onClick={() => {
              setOptions((o) => originalOptions(o, trainingImages));
            }}
          >
            Match the original
          </button>
        </div>
      </FormSection>
      <FormSection
        title="Compression"
        intro="Each layer's activations over the training images are reduced to their principal components by an incremental PCA, as the original's compress_model.py."
      >
        <NumberField
          label="Components per layer"
          unit="components"
          help="Principal components kept per layer (the original: 2048)."
          field="nComponents"
          value={options.nComponents}
          issues={map}
          onChange={(nComponents) => {
            set({ nComponents });
          }}
        />
        <NumberField
          label="PCA batches"
          unit="batches"
          help="Batches of training images the PCA is fitted on, one after another (the original: 64)."
          field="nBatches"
          value={options.nBatches}
          issues={map}
          onChange={(nBatches) => {
            set({ nBatches });
          }}
        />
        <NumberField
          label="Batch size"
          unit="images"
          help="Images per PCA batch: at least as many as the components."
          field="batchSize"
          value={options.batchSize}
          issues={map}
          onChange={(batchSize) => {
            set({ batchSize });
          }}
        />
        <NumberField
          label="Memory budget (MiB)"
          help="The most memory the fit may take in this tab; wider layers are sketched to fit."
          field="memoryBudgetMb"
          value={options.memoryBudgetMb ?? NaN}
          issues={map}
          onChange={(memoryBudgetMb) => {
            set({ memoryBudgetMb });
          }}
        />
        <NumberField
          label="Sketch width (features, for layers over the budget)"
          help="A layer whose fit would exceed the budget is first projected onto this many random directions."
          field="maxFeatures"
          value={options.maxFeatures}
          issues={map}
          onChange={(maxFeatures) => {
            set({ maxFeatures });
          }}
        />
      </FormSection>
      <FormSection
        title="Decoding"
        intro="Every generative factor is decoded from every layer's components, as the original's analyze_model.py: ridge regression (R²) for continuous factors, LDA (rescaled ROC-AUC) for categories, 4-fold cross-validation for identity."
      >
        <NumberField
          label="Permutations (shuffled-label null)"
          unit="repeats"
          help="Decoding repeated with shuffled labels, for a chance level per layer (0: none, as the original)."
          field="permutations"
          value={options.permutations}
          issues={map}
          onChange={(permutations) => {
            set({ permutations });
          }}
        />
        <NumberField
          label="Bootstrap resamples (test identities)"
          unit="resamples"
          help="Resamples of the testing identities for confidence intervals (0: none)."
          field="bootstraps"
          value={options.bootstraps}
          issues={map}
          onChange={(bootstraps) => {
            set({ bootstraps });
          }}
        />
        <SelectField<IdFolds>
          label="Identity folds (4-fold cross-validation on the testing split)"
          field="idFolds"
          value={options.idFolds ?? 'original'}
          options={[
            { value: 'original', name: 'As the original: stratified, unshuffled, in file order' },
            { value: 'shuffled', name: 'Shuffled: stratified, each identity’s images dealt to folds at random' },
          ]}
          issues={map}
          onChange={(idFolds) => {
            set({ idFolds });
          }}
        />
        <NumberField
          label="Seed"
          help="Fixes the order of the PCA batches, the sketches and the resampling."
          field="seed"
          value={options.seed}
          issues={map}
          onChange={(seed) => {
            set({ seed });
          }}
        />
      </FormSection>
      <FormSection title="Views beyond decoding" intro="Computed after decoding, on the testing images.">
        {VIEW_FIELDS.map(({ key, label }) => (
          <NumberField
            key={key}
            label={label}
            field={`views.${key}`}
            value={options.views?.[key] ?? DEFAULT_BEYOND_OPTIONS[key]}
            issues={map}
            onChange={(value) => {
              setOptions((o) => ({ ...o, views: { ...DEFAULT_BEYOND_OPTIONS, ...o.views, [key]: value } }));
            }}
          />
        ))}
      </FormSection>
      {run && images && issues.length === 0 && <CompressionEstimate run={run} options={options} images={images} />}
      <div className="form-actions">
        <button type="submit" disabled={busy || !run || !datasetId || map.size > 0}>
          Compress, decompose and decode
        </button>
      </div>
    </form>
  );
}
