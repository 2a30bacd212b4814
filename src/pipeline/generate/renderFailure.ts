/**
 * A generation that rendered garbage stops with a message naming the settings to change: the
 * job fails (never "complete"), identities already stored are kept, and starting it again after
 * the cause is removed continues from them.
 */
import { GmfError } from '../../lib/errors';
import type { GeneratorSpec } from '../../model/gmf/generatorSpec';
import { type FaceProblem, GpuRenderError, MIN_FACE_COVERAGE, RenderLimitError } from '../../model/render/renderChecks';

type RenderSettings = Pick<GeneratorSpec, 'resolution' | 'renderScale'>;

const at = (spec: RenderSettings) => `at ${spec.resolution} px with render scale ${spec.renderScale}`;

/** A dataset whose images could not be rendered; `code` says why (GPU fault, limits, no face). */
export class RenderFailedError extends GmfError {}

/** Why one image is refused, as a message that says what to change. */
export function faceProblemMessage(
  problem: FaceProblem,
  spec: RenderSettings & Pick<GeneratorSpec, 'shape' | 'texture'>,
  identity: number,
  variation: number,
): string {
  const where = `Identity ${identity}, variation ${variation}`;
  if (problem.kind === 'non-finite')
    return `${where}: the face's ${problem.what} are not finite numbers (NaN or Infinity), so nothing was drawn. The shape SD (${spec.shape.sd}) or texture SD (${spec.texture.sd}) is far too large; lower it (1 draws faces like the model's own).`;
  const percent = (problem.coverage * 100).toFixed(1);
  return `${where} rendered ${at(spec)} shows no face: face pixels cover ${percent}% of the image, where a face covers at least ${MIN_FACE_COVERAGE * 100}%. The GPU may have failed without saying so: lower the render scale or the resolution; if the translation ranges move the face out of view, narrow them.`;
}

/** The error a render failure becomes: GPU faults and limits name the settings; others pass through. */
export function renderFailure(error: unknown, spec: RenderSettings): unknown {
  if (error instanceof GpuRenderError)
    return new RenderFailedError(
      error.code,
      `Rendering failed ${at(spec)}: ${error.reason}. Lower the render scale or the resolution; the identities already stored are kept.`,
      { cause: error },
    );
  if (error instanceof RenderLimitError) return new RenderFailedError(error.code, error.message, { cause: error });
  return error;
}
