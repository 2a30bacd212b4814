export { ARCHITECTURES, architectureInfo, type ArchitectureId } from './architectures';
export { buildModel } from './buildModel';
export { analysedLayers, parseLayerName } from './naming';
export { modelSummary, type ModelSummaryRow } from './summary';
