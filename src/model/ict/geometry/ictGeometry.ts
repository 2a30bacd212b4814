/**
 * The scan-based model's geometry (README.md in this folder): ICT-FaceKit's mesh drawn by
 * material, identity from its 100 modes plus hand-designed demographic directions, expressions
 * from its ARKit shapes through FACS, gaze as eyeball rotation, a short-hair shell and shoulders.
 * Appearance (textures, materials) is assembled with it elsewhere (ictFaceModel.ts).
 */
import type { FaceExpression, FaceIdentity, FaceTopology } from '../../gmf/face/faceModel';
import { addExpression, type IctModelData } from '../ictAsset';
import { anthropometricPoints } from './anthropometry';
import { buildDemographicDirections } from './demographicDirections';
import { buildDrawTopology } from './drawTopology';
import { expressionMapper, gazeOf } from './expressionWeights';
import { buildEyeRig, eyeCentres, turnEyes } from './eyeGaze';
import { IctGeometryError } from './geometryError';
import { buildHairCap, writeHair } from './hairCap';
import { cachedByIdentity, IDENTITY_GAIN, identityCoefficients, identityPositions } from './identityShape';
import { firstRenderVertex, modelTriangles, SKIN_GROUPS } from './ictParts';
import { buildShoulders, writeShoulders } from './shoulders';

export interface IctGeometry {
  topology: Omit<FaceTopology, 'textureSize'>;
  /** Per identity mode: RMS displacement in mm of raw coefficient 1 (data.identity.sdMm x IDENTITY_GAIN). */
  shapeSd: Float32Array;
  /** Render vertex of the nose tip (Multi-PIE landmark 30). */
  noseTip: number;
  /** Render vertices, xyz mm, y up, face towards +z, before pose; a new array each call. */
  positions(identity: FaceIdentity, expression: FaceExpression): Float32Array;
}

/**
 * Identities whose shape is kept (320 KB each, ~10 MB): a new identity's shape takes ~18 ms (100
 * modes over 80k coordinates), and streamed training draws identities in random order, so with
 * only the last one kept nearly every streamed face paid it. 32 covers a small streamed run.
 */
const IDENTITY_CACHE_SIZE = 32;

/** Multi-PIE 68 index of the nose tip (pronasale). */
const NOSE_TIP_LANDMARK = 30;

export function buildIctGeometry(data: IctModelData): IctGeometry {
  const skin = modelTriangles(data, SKIN_GROUPS);
  // With its sockets the skin is closed but for the neck: the loop the shoulders start from.
  const closedSkin = modelTriangles(data, [...SKIN_GROUPS, 'mouthSocket', 'eyeSocketLeft', 'eyeSocketRight']);
  const hair = buildHairCap(data, skin);
  const shoulders = buildShoulders(data, closedSkin);
  const { topology, hairStart, shouldersStart } = buildDrawTopology(data, hair, shoulders);
  const directions = buildDemographicDirections(data, anthropometricPoints(data));
  const eyes = buildEyeRig(data);
  const expressions = expressionMapper(data.expressions.names);

  const noseTip = firstRenderVertex(data)[data.landmarks.multiPie68[NOSE_TIP_LANDMARK] ?? -1] ?? -1;
  if (noseTip < 0) throw new IctGeometryError('ICT_GEOMETRY_MESH', 'the nose tip landmark has no render vertex.');

  const identityPart = cachedByIdentity((identity) => {
    const model = identityPositions(data, identityCoefficients(identity, data.identity.count, directions));
    return { model, eyeCentres: eyeCentres(eyes, model) };
  }, IDENTITY_CACHE_SIZE);
  const { renderToModel } = data.render;

  return {
    topology,
    shapeSd: Float32Array.from(data.identity.sdMm, (sd) => sd * IDENTITY_GAIN),
    noseTip,
    positions(identity, expression) {
      const base = identityPart(identity);
      const model = Float32Array.from(base.model);
      for (const { index, weight } of expressions.weights(expression))
        addExpression(model, data.expressions, index, weight);
      turnEyes(eyes, base.eyeCentres, gazeOf(expression), model);
      const out = new Float32Array(3 * topology.vertexCount);
      for (let r = 0; r < renderToModel.length; r++) {
        const m = 3 * (renderToModel[r] ?? 0);
        out[3 * r] = model[m] ?? 0;
        out[3 * r + 1] = model[m + 1] ?? 0;
        out[3 * r + 2] = model[m + 2] ?? 0;
      }
      writeHair(hair, model, out, hairStart);
      writeShoulders(shoulders, model, out, shouldersStart);
      return out;
    },
  };
}
