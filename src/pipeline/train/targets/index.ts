export { encodeTargets, type EncodedTarget } from './encode';
export { shuffledIndices, trainValidationItems } from './itemOrder';
export { LOSSES, METRICS, METRIC_LABELS } from './lossesAndMetrics';
export {
  DEFAULT_TARGET_COMPONENTS,
  TARGET_NAMES,
  buildTargetSpecs,
  type FeatureRecord,
  type TargetName,
  type TargetSpec,
} from './targetSpecs';
