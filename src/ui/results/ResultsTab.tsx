import { StoragePanel } from '../storage/StoragePanel';

export function ResultsTab() {
  return (
    <>
      <section aria-label="Decoding results" className="planned">
        <h2>Results</h2>
        <p>Layerwise decoding curves, heatmaps and HDF5 / TSV downloads appear here once a run has been analysed.</p>
      </section>
      <StoragePanel />
    </>
  );
}
