export { ARCHITECTURES, ARCHITECTURE_IDS, architectureInfo, type ArchitectureId, type ArchitectureInfo } from './architectures';
export { buildModel, DEFAULT_BATCH_NORM_MOMENTUM, DEFAULT_MODEL_SEED, ModelConfigError, type HeadSpec, type ModelConfig } from './buildModel';
export {
  ANALYSED_OPERATIONS, OPERATIONS, analysedLayerNames, analysedLayers, isAnalysedOperation, layerName, parseLayerName,
  type AnalysedLayer, type Operation, type ParsedLayerName,
} from './naming';
export { modelSummary, type ModelSummary, type ModelSummaryRow } from './summary';
