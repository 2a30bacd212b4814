import { PlannedTab } from '../PlannedTab';

export function DatasetTab() {
  return (
    <PlannedTab
      title="Dataset"
      steps={[
        'generate N identities × K variations from the face model, in a worker that resumes after a reload',
        'split identities into training / validation / testing and filter with a query',
        'export the CSV and a zip in the original on-disk layout',
      ]}
    />
  );
}
