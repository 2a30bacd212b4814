/**
 * reference.h5, what public/python/gmf_model.py --check reads (h5wasm, passed in as featuresH5.ts
 * does): attrs `format` ('gmf-reference-activations'), `version`, `run`, `run_id`, `source` (the
 * input, in words), `backend` (the tfjs backend that computed it), `tfjs_version`; group `inputs`
 * with one float32 dataset per model input [1, H, W, C], named by its input layer, exactly as the
 * model received it; group `activations` with one float32 dataset per layer output, full shape, in
 * layer order (a layer called twice: `<layer>_left` and `<layer>_right`).
 */
import type { Group } from 'h5wasm';
import { GmfError } from '../../lib/errors';
import { type H5FileSystem, type H5Lib, withScratchPath, writeH5File } from '../../lib/formats/hdf5';
import type { NamedActivation, ReferenceActivations } from './reference';

export const REFERENCE_FORMAT = 'gmf-reference-activations';
const REFERENCE_VERSION = 1;

interface ReferenceH5Meta {
  run: string;
  runId: string;
  tfjsVersion: string;
}

function writeActivation(group: Group, { name, shape, data }: NamedActivation): void {
  if (name === '' || name.includes('/'))
    throw new GmfError('REFERENCE_H5', `'${name}' cannot name a dataset of reference.h5.`);
  group.create_dataset({ name, data, shape: [...shape] });
}

export function writeReferenceH5(
  h5: H5Lib,
  path: string,
  reference: ReferenceActivations,
  meta: ReferenceH5Meta,
): void {
  writeH5File(h5, path, (file) => {
    file.create_attribute('format', REFERENCE_FORMAT, null, 'S');
    file.create_attribute('version', REFERENCE_VERSION, null, '<i');
    file.create_attribute('run', meta.run, null, 'S');
    file.create_attribute('run_id', meta.runId, null, 'S');
    file.create_attribute('source', reference.source, null, 'S');
    file.create_attribute('backend', reference.backend, null, 'S');
    file.create_attribute('tfjs_version', meta.tfjsVersion, null, 'S');
    const inputs = file.create_group('inputs');
    for (const input of reference.inputs) writeActivation(inputs, input);
    const activations = file.create_group('activations');
    for (const activation of reference.activations) writeActivation(activations, activation);
  });
}

/** The file's bytes, written at `path` on `fs` (h5wasm's MEMFS in a worker) and removed again. */
export function referenceH5Bytes(
  h5: H5Lib,
  fs: H5FileSystem,
  path: string,
  reference: ReferenceActivations,
  meta: ReferenceH5Meta,
): Uint8Array {
  return withScratchPath(fs, path, (p) => {
    writeReferenceH5(h5, p, reference, meta);
    return fs.readFile(p);
  });
}
