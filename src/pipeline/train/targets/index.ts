export { encodeTarget, encodeTargets, type EncodedTarget } from './encode';
export { heldOutCount, holdOutPerIdentity, shuffledIndices, trainValidationItems, type ItemSplit, type SplitItem } from './itemOrder';
export {
  LOSSES, METRICS, METRIC_LABELS, accuracy, angleLoss, angularError, categoricalCrossentropy, cosineSimilarity,
  meanAbsoluteError, meanSquaredError, totalLoss, weightedLoss, type TargetFn,
} from './lossesAndMetrics';
export {
  ANGLE_TARGETS, CATEGORICAL_TARGETS, COEFFICIENT_TARGETS, DEFAULT_TARGET_COMPONENTS, TARGET_NAMES, TRANSLATION_LOSS_WEIGHT,
  TRANSLATION_TARGETS, TargetError, buildTargetSpecs, categoryOf,
  type AngleTargetName, type CategoricalTarget, type CategoricalTargetName, type CoefficientTarget, type CoefficientTargetName,
  type FeatureRecord, type LossName, type MetricName, type ScalarTarget, type TargetName, type TargetRequest, type TargetSpec,
  type TranslationTargetName,
} from './targetSpecs';
