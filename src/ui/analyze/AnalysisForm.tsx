import { useEffect, useState } from 'react';
import { DEFAULT_ANALYSIS_OPTIONS, validateAnalysisOptions } from '../../analysis/pipeline/options';
import type { AnalysisOptions } from '../../analysis/pipeline/records';
import type { RunRecord } from '../../train/runRecords';
import { NumberField, SelectField } from '../forms/formFields';
import { listRuns } from '../train/trainRunner';

/** Which finished run to analyse and how (components, batches, sketch width, null and intervals). */
export function AnalysisForm({ busy, onStart }: { busy: boolean; onStart: (run: RunRecord, options: AnalysisOptions) => void }) {
  const [runs, setRuns] = useState<RunRecord[]>([]);
  const [runId, setRunId] = useState('');
  const [options, setOptions] = useState<AnalysisOptions>({ ...DEFAULT_ANALYSIS_OPTIONS });
  useEffect(() => {
    void listRuns().then((list) => {
      const finished = list.filter((r) => (r.status === 'complete' || r.status === 'stopped') && !r.imported);
      setRuns(finished);
      setRunId((id) => id || (finished[0]?.id ?? ''));
    });
  }, []);
  const run = runs.find((r) => r.id === runId);
  const issues = validateAnalysisOptions(options, run ? run.images.training : null);
  const map = new Map(issues.map((i) => [i.field as string, i.message]));
  if (!run) map.set('run', runs.length ? 'Choose a run.' : 'Train a network first: analyses start from a finished run.');
  const set = (patch: Partial<AnalysisOptions>) => { setOptions((o) => ({ ...o, ...patch })); };
  return (
    <form
      aria-label="Analyse a run"
      className="analysis-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (run && issues.length === 0) onStart(run, options);
      }}
    >
      <SelectField<string>
        label="Run"
        field="run"
        value={runId}
        options={[{ value: '', name: runs.length ? 'Choose…' : 'No finished run', disabled: true }, ...runs.map((r) => ({ value: r.id, name: `${r.name} (${r.config.architecture}, ${r.targets.map((t) => t.name).join('+')})` }))]}
        issues={map}
        onChange={setRunId}
      />
      {run && <p>Query reused from the run: {run.query ? `“${run.query.name}”: ${run.query.text}` : 'none (all images of each split)'}.</p>}
      <NumberField label="Components per layer" field="nComponents" value={options.nComponents} issues={map} onChange={(nComponents) => { set({ nComponents }); }} />
      <NumberField label="PCA batches" field="nBatches" value={options.nBatches} issues={map} onChange={(nBatches) => { set({ nBatches }); }} />
      <NumberField label="Batch size" field="batchSize" value={options.batchSize} issues={map} onChange={(batchSize) => { set({ batchSize }); }} />
      <NumberField label="Sketch layers wider than (features)" field="maxFeatures" value={options.maxFeatures} issues={map} onChange={(maxFeatures) => { set({ maxFeatures }); }} />
      <NumberField label="Permutations (shuffled-label null)" field="permutations" value={options.permutations} issues={map} onChange={(permutations) => { set({ permutations }); }} />
      <NumberField label="Bootstrap resamples (test identities)" field="bootstraps" value={options.bootstraps} issues={map} onChange={(bootstraps) => { set({ bootstraps }); }} />
      <NumberField label="Seed" field="seed" value={options.seed} issues={map} onChange={(seed) => { set({ seed }); }} />
      <button type="submit" disabled={busy || !run || issues.length > 0}>
        Compress, decompose and decode
      </button>
    </form>
  );
}
