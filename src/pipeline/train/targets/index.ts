export { encodeTargets, type EncodedTarget } from './encode';
export { shuffledIndices, trainValidationItems } from './itemOrder';
export { LOSSES, METRICS } from './lossesAndMetrics';
export {
  METRIC_LABELS,
  TARGET_NAMES,
  buildTargetSpecs,
  type FeatureRecord,
  type TargetName,
  type TargetSpec,
} from './targetSpecs';
