/**
 * The layer-naming scheme (README.md): `layerNN_operation[_suffix]`, where NN is the depth of
 * the weighted layer (conv or dense) the operation belongs to, as in the original deep-gmf.
 * Analysis steps find layers by these names, so this file is the one place that knows them.
 */
import type * as tf from '@tensorflow/tfjs';

export const OPERATIONS = [
  'input',
  'conv',
  'bn',
  'relu',
  'maxpool',
  'shortcut',
  'add',
  'concat',
  'globalpool',
  'softmax',
  'linear',
] as const;
export type Operation = (typeof OPERATIONS)[number];

/** What compression and decoding analyse (DESIGN.md section 1 step 4): not bn/relu/pools/shortcuts. */
export const ANALYSED_OPERATIONS: readonly Operation[] = ['input', 'conv', 'globalpool', 'softmax', 'linear'];

export interface ParsedLayerName {
  depth: number;
  operation: Operation;
  /** Target name of a head when a model has several, or `left` / `right` for a stereo input. */
  suffix?: string;
}

const NAME_PATTERN = /^layer(\d+)_([a-z]+)(?:_(\w+))?$/;
const OPERATION_SET: ReadonlySet<string> = new Set(OPERATIONS);

function isOperation(text: string): text is Operation {
  return OPERATION_SET.has(text);
}

/** `layerName(2, 'conv')` = `layer02_conv`; two digits at least, so names sort by depth. */
export function layerName(depth: number, operation: Operation, suffix?: string): string {
  const base = `layer${String(depth).padStart(2, '0')}_${operation}`;
  return suffix === undefined ? base : `${base}_${suffix}`;
}

/** The parts of a scheme name, or null for a name outside the scheme. */
export function parseLayerName(name: string): ParsedLayerName | null {
  const match = NAME_PATTERN.exec(name);
  const [, depth, operation, suffix] = match ?? [];
  if (depth === undefined || operation === undefined || !isOperation(operation)) return null;
  return suffix === undefined ? { depth: Number(depth), operation } : { depth: Number(depth), operation, suffix };
}

export function isAnalysedOperation(operation: Operation): boolean {
  return ANALYSED_OPERATIONS.includes(operation);
}

export interface AnalysedLayer extends ParsedLayerName {
  /** Unique within the model; equals `layerName` except for the taps of a shared (stereo) layer. */
  name: string;
  /** The tfjs layer that computes it. */
  layerName: string;
  /** Symbolic output, for `tf.model({ inputs: model.inputs, outputs: [...] })` extractors. */
  output: tf.SymbolicTensor;
}

/** A layer applied to both eyes has one output per call: left first, then right. */
function tapSuffix(node: number, nodes: number): string {
  return nodes === 2 ? (node === 0 ? 'left' : 'right') : `node${node}`;
}

/**
 * The layers later steps analyse, in model order (input, conv, globalpool, heads; never
 * shortcut convs). A layer shared by both eyes yields two taps, `layer01_conv_left` and
 * `layer01_conv_right`, one per call of the layer.
 */
export function analysedLayers(model: tf.LayersModel): AnalysedLayer[] {
  const result: AnalysedLayer[] = [];
  for (const layer of model.layers) {
    const parsed = parseLayerName(layer.name);
    if (parsed === null || !isAnalysedOperation(parsed.operation)) continue;
    const nodes = layer.inboundNodes.length;
    for (let node = 0; node < nodes; node++) {
      const output = layer.getOutputAt(node);
      if (Array.isArray(output)) throw new Error(`unreachable: layer ${layer.name} has several outputs`);
      const name = nodes === 1 ? layer.name : `${layer.name}_${tapSuffix(node, nodes)}`;
      const tap = nodes === 1 ? parsed : { ...parsed, suffix: tapSuffix(node, nodes) };
      result.push({ ...tap, name, layerName: layer.name, output });
    }
  }
  return result;
}

export function analysedLayerNames(model: tf.LayersModel): string[] {
  return analysedLayers(model).map((layer) => layer.name);
}
