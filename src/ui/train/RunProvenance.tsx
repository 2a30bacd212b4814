import type { RunRecord } from '../../pipeline/train/runRecords';

const UNKNOWN = 'unknown';

/** Where a run came from: dataset and query, face model, settings, app version, date. Runs from before it was recorded say "unknown". */
export function RunProvenance({ run }: { run: RunRecord }) {
  const p = run.provenance;
  const c = run.config;
  const rows: [string, string][] = [
    ['Dataset', p?.datasetName ?? UNKNOWN],
    ['Query', run.query ? `“${run.query.name}”: ${run.query.text}` : 'none (all images)'],
    ['Face model', p ? `${p.faceModel.id} v${p.faceModel.version}` : UNKNOWN],
    ...(run.imported
      ? ([['Model', 'imported (tfjs layers)']] as [string, string][])
      : ([
          ['Architecture', c.architecture],
          ['Targets', c.targets.join(', ')],
          ['Epochs', String(c.epochs)],
          ['Batch size', String(c.batchSize)],
          ['Learning rate', String(c.learningRate)],
          ['Seed', String(c.seed)],
        ] as [string, string][])),
    ['Backend', run.backend || UNKNOWN],
    ['App version', p?.appVersion ?? UNKNOWN],
    ['Created', new Date(run.createdAt).toISOString()],
  ];
  return (
    <dl aria-label={`Provenance of ${run.name}`} className="run-provenance">
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
