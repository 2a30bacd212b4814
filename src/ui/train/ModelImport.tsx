import { useJobsStore } from '../../app/jobs/jobsStore';
import { useJob } from '../jobs/useJob';
import type { RunRecord } from '../../pipeline/train/runRecords';
import { trainJobs } from '../../app/workers/trainClient';
import { listRuns } from '../../app/queries';
import { uniqueName } from '../../lib/names';

/** Imports a tfjs layers model (model.json + its weights file) as a run, for analysis. */
export function ModelImport() {
  const touch = useJobsStore((s) => s.touch);
  const { state, run } = useJob<RunRecord>();
  async function importFiles(files: File[]) {
    await run(async (signal) => {
      const json = files.find((f) => f.name.endsWith('.json'));
      const weights = files.find((f) => !f.name.endsWith('.json'));
      if (!json || !weights)
        throw new Error('Choose both files of a tfjs layers model: model.json and its weights (.bin).');
      const fileName =
        json.name === 'model.json'
          ? `imported ${weights.name.replace(/\.bin$/, '')}`
          : json.name.replace(/\.json$/, '');
      // A run name from a file name: at most the name length, and "name (2)" beside a run of that name.
      const taken = (await listRuns()).map((r) => r.name);
      const { run: imported } = await trainJobs.run(
        'importModel',
        {
          json: await json.text(),
          weights: await weights.arrayBuffer(),
          name: uniqueName(fileName, taken),
          runId: `run-${Date.now().toString(36)}`,
        },
        { signal },
      );
      return imported;
    });
    touch('train');
  }
  return (
    <div className="model-import">
      <label>
        Import a tfjs model (model.json + weights.bin){' '}
        <input
          type="file"
          multiple
          accept=".json,.bin"
          disabled={state.running}
          onChange={(e) => {
            const files = [...(e.currentTarget.files ?? [])];
            e.currentTarget.value = '';
            if (files.length) void importFiles(files);
          }}
        />
      </label>
      {state.result && <span role="status">Imported “{state.result.name}”.</span>}
      {state.error && (
        <p role="alert" className="error">
          Import refused: {state.error}
        </p>
      )}
    </div>
  );
}
