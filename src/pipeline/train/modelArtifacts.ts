/**
 * A trained model as tfjs layers artifacts (topology JSON + weight specs + one weight buffer),
 * stored with its run and exported as `model.json` + `{name}.weights.bin`, the layout
 * tf.loadLayersModel reads; imported files are checked before anything is stored.
 */
import * as tf from '@tensorflow/tfjs';
import { getRecord, type OwnedRecord, putRecord, type WorkbenchDb } from '../../lib/storage';
import { GmfError } from '../../lib/errors';
import { parseLayerName } from './architectures';
import { MAX_RESOLUTION, MIN_RESOLUTION } from '../../model/gmf/generatorSpec';

export interface ModelArtifactsRecord extends OwnedRecord {
  modelTopology: object;
  weightSpecs: tf.io.WeightsManifestEntry[];
  weightData: ArrayBuffer;
}

export const modelKey = (runId: string): string => `${runId}/model`;

function concatWeightData(data: tf.io.WeightData | undefined): ArrayBuffer {
  if (data === undefined) return new ArrayBuffer(0);
  return data instanceof ArrayBuffer ? data : tf.io.CompositeArrayBuffer.join(data);
}

export async function modelToArtifacts(model: tf.LayersModel): Promise<Omit<ModelArtifactsRecord, 'key' | 'owner'>> {
  const holder: { saved: tf.io.ModelArtifacts | null } = { saved: null };
  await model.save(
    tf.io.withSaveHandler((artifacts) => {
      holder.saved = artifacts;
      return Promise.resolve({ modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } });
    }),
  );
  const artifacts = holder.saved;
  if (!artifacts?.modelTopology || !artifacts.weightSpecs)
    throw new GmfError('MODEL_SAVE', 'tfjs returned no model topology or weights.');
  return {
    modelTopology: artifacts.modelTopology,
    weightSpecs: artifacts.weightSpecs,
    weightData: concatWeightData(artifacts.weightData),
  };
}

export async function saveModelArtifacts(db: WorkbenchDb, runId: string, model: tf.LayersModel): Promise<void> {
  const record: ModelArtifactsRecord = { key: modelKey(runId), owner: runId, ...(await modelToArtifacts(model)) };
  await putRecord(db, 'models', record);
}

export async function loadRunModel(db: WorkbenchDb, runId: string): Promise<tf.LayersModel> {
  const record = (await getRecord(db, 'models', modelKey(runId))) as ModelArtifactsRecord | undefined;
  if (!record) throw new GmfError('RUN_NO_MODEL', `Run '${runId}' has no finished model yet.`);
  return tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: record.modelTopology,
      weightSpecs: record.weightSpecs,
      weightData: record.weightData,
    }),
  );
}

/** model.json as tf.loadLayersModel expects it, pointing at `weightsFile`. */
export function modelJson(artifacts: Omit<ModelArtifactsRecord, 'key' | 'owner'>, weightsFile: string): string {
  return JSON.stringify({
    format: 'layers-model',
    generatedBy: 'GMF Workbench',
    convertedBy: null,
    modelTopology: artifacts.modelTopology,
    weightsManifest: [{ paths: [weightsFile], weights: artifacts.weightSpecs }],
  });
}

export class ModelImportError extends GmfError {
  constructor(problem: string) {
    super('BAD_MODEL_FILES', `These files are not a tfjs layers model: ${problem}. Nothing was imported.`);
  }
}

/** A whole tfjs model that no dataset here could feed (its input size): refused with nothing stored. */
export class ModelInputError extends GmfError {
  constructor(problem: string) {
    super('BAD_MODEL_INPUT', `This model cannot be imported: ${problem}. Nothing was imported.`);
  }
}

/**
 * Why a model's inputs can never take a dataset's images, or null. Datasets are square RGB
 * images of MIN_RESOLUTION..MAX_RESOLUTION pixels, one input (or two: left and right eyes).
 */
export function modelInputProblem(inputs: readonly (readonly (number | null)[])[]): string | null {
  if (inputs.length !== 1 && inputs.length !== 2)
    return `the model has ${inputs.length} inputs, where a network here takes one image (or a left and a right one)`;
  const shapes = inputs.map((shape) => shape.map((d) => (d === null ? '?' : String(d))).join('×'));
  const [first] = inputs;
  const [, height, width, channels] = first ?? [];
  const side = (d: number | null | undefined) =>
    typeof d === 'number' && Number.isInteger(d) && d >= MIN_RESOLUTION && d <= MAX_RESOLUTION;
  if (
    first?.length !== 4 ||
    !side(height) ||
    height !== width ||
    channels !== 3 ||
    inputs.some((s) => s.join() !== first.join())
  )
    return `the model takes ${shapes.join(' and ')} inputs, but datasets here are square RGB images (?×side×side×3) of ${MIN_RESOLUTION} to ${MAX_RESOLUTION} pixels, so no dataset could ever be analysed with it`;
  return null;
}

/** Parses model.json + weights, loads the model to prove it is whole, and lists its analysable layers. */
export async function importModelFiles(
  json: string,
  weights: ArrayBuffer,
): Promise<{ artifacts: Omit<ModelArtifactsRecord, 'key' | 'owner'>; model: tf.LayersModel }> {
  let parsed: { modelTopology?: unknown; weightsManifest?: { weights?: tf.io.WeightsManifestEntry[] }[] };
  try {
    parsed = JSON.parse(json) as typeof parsed;
  } catch {
    throw new ModelImportError('model.json is not JSON');
  }
  if (typeof parsed.modelTopology !== 'object' || parsed.modelTopology === null)
    throw new ModelImportError('model.json has no modelTopology');
  const weightSpecs = (parsed.weightsManifest ?? []).flatMap((group) => group.weights ?? []);
  if (weightSpecs.length === 0) throw new ModelImportError('model.json lists no weights');
  const bytes = weightSpecs.reduce((sum, w) => sum + w.shape.reduce((a, b) => a * b, 1) * 4, 0);
  if (bytes !== weights.byteLength)
    throw new ModelImportError(
      `model.json describes ${bytes} bytes of weights but the weights file has ${weights.byteLength}`,
    );
  const artifacts = { modelTopology: parsed.modelTopology, weightSpecs, weightData: weights };
  let model: tf.LayersModel;
  try {
    model = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
  } catch (error) {
    throw new ModelImportError(`tfjs cannot load it (${error instanceof Error ? error.message : String(error)})`);
  }
  const inputProblem = modelInputProblem(model.inputs.map((input) => input.shape));
  if (inputProblem !== null) {
    model.dispose();
    throw new ModelInputError(inputProblem);
  }
  if (!model.layers.some((l) => parseLayerName(l.name) !== null)) {
    model.dispose();
    throw new ModelImportError('no layer is named by the layerNN_operation scheme, so no layer could be analysed');
  }
  return { artifacts, model };
}
