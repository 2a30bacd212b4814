import { PlannedTab } from '../PlannedTab';

export function AnalyzeTab() {
  return (
    <PlannedTab
      title="Analyze"
      steps={[
        "compress every layer's activations with incremental PCA",
        'decode every generative parameter from every layer (ridge, LDA, cross-validated identity)',
      ]}
    />
  );
}
