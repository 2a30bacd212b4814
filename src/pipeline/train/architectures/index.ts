export { ARCHITECTURES, architectureInfo, type ArchitectureId } from './architectures';
export { buildModel, DEFAULT_BATCH_NORM_MOMENTUM } from './buildModel';
export { analysedLayers, parseLayerName } from './naming';
export { modelSummary, type ModelSummaryRow } from './summary';
