import type { ModelSummaryRow } from '../../pipeline/train/architectures';

/** Layers with output shapes and parameter counts; analysed layers marked. */
export function ModelSummaryTable({ rows }: { rows: readonly ModelSummaryRow[] }) {
  return (
    <table aria-label="Model summary" className="model-summary">
      <thead>
        <tr>
          <th scope="col">Layer</th>
          <th scope="col">Type</th>
          <th scope="col">Output shape</th>
          <th scope="col">Parameters</th>
          <th scope="col">Analysed</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.name}>
            <td>{r.name}</td>
            <td>{r.className}</td>
            <td>{JSON.stringify(r.outputShape)}</td>
            <td>{r.params.toLocaleString('en')}</td>
            <td>{r.analysed ? 'yes' : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
