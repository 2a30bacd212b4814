import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { IctChecks } from '../../../tools/ict/checks';
import { GmfError } from '../../lib/errors';
import { decodeDeltaBytePlanes, encodeDeltaBytePlanes } from './deltaBytePlanes';
import { addExpression, addIdentity, decodeIctAsset, IctAssetError, type IctModelData } from './ictAsset';
import { ICT_PREAMBLE_BYTES } from './ictFormat';

const bytes = new Uint8Array(readFileSync(new URL('./ictFaceKit.bin', import.meta.url)));
const checks = JSON.parse(readFileSync(new URL('./ictFaceKit.checks.json', import.meta.url), 'utf8')) as IctChecks;

/**
 * Decoded minus OBJ, in model units (cm). The converter measured, over every value: neutral
 * 9.5e-7 (float32), identity 5.0e-5 (half the 1e-4 quantisation step), expressions 2.0e-4 (the
 * move threshold below which a vertex is dropped). 5e-4 cm = 5 µm, 20x inside the 0.01 limit.
 */
const TOLERANCE_CM = 5e-4;

let model: IctModelData;
beforeAll(() => {
  model = decodeIctAsset(bytes);
});

function expectCode(input: Uint8Array, code: string): void {
  let caught: unknown;
  try {
    decodeIctAsset(input);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(IctAssetError);
  expect(caught).toBeInstanceOf(GmfError);
  expect((caught as GmfError).code).toBe(code);
}

/** The asset with its JSON header edited (lengths in the preamble kept consistent). */
function withHeader(edit: (header: Record<string, Record<string, unknown>>) => void): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerEnd = ICT_PREAMBLE_BYTES + view.getUint32(12, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(ICT_PREAMBLE_BYTES, headerEnd))) as Record<
    string,
    Record<string, unknown>
  >;
  edit(header);
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(ICT_PREAMBLE_BYTES + json.length + bytes.length - headerEnd);
  out.set(bytes.subarray(0, ICT_PREAMBLE_BYTES));
  new DataView(out.buffer).setUint32(12, json.length, true);
  out.set(json, ICT_PREAMBLE_BYTES);
  out.set(bytes.subarray(headerEnd), ICT_PREAMBLE_BYTES + json.length);
  return out;
}

describe('decodeIctAsset on the committed ictFaceKit.bin', () => {
  it('has the counts, names and source commit the converter read from the OBJs', () => {
    expect(model.source.commit).toBe(checks.source.commit);
    expect(model.modelUnitsToMm).toBe(checks.units.toMm);
    expect(model.vertexCount).toBe(checks.counts.modelVertices);
    expect(model.positions.length).toBe(checks.counts.modelVertices * 3);
    expect(model.render.renderToModel.length).toBe(checks.counts.renderVertices);
    expect(model.render.uvs.length).toBe(checks.counts.renderVertices * 2);
    expect(model.render.triangles.length).toBe(checks.counts.triangles * 3);
    expect(checks.counts.triangles).toBe(2 * checks.counts.quads + checks.counts.objTriangles);
    expect(model.identity.count).toBe(checks.counts.identityModes);
    expect(model.identity.modes.length).toBe(checks.counts.identityModes * checks.counts.modelVertices * 3);
    expect(model.expressions.names).toEqual(checks.expressionNames);
    expect(model.expressions.offsets[model.expressions.names.length]).toBe(checks.counts.expressionEntries);
  });

  it(`matches 300 sampled neutral positions within ${TOLERANCE_CM} cm (measured max 9.5e-7)`, () => {
    for (const [v, axis, value] of checks.neutralSamples) {
      expect(Math.abs((model.positions[3 * v + axis] ?? NaN) / model.modelUnitsToMm - value)).toBeLessThanOrEqual(
        TOLERANCE_CM,
      );
    }
  });

  it(`matches 300 sampled identity deltas within ${TOLERANCE_CM} cm (measured max 5.0e-5)`, () => {
    const n = model.vertexCount * 3;
    for (const [mode, v, axis, value] of checks.identitySamples) {
      expect(
        Math.abs((model.identity.modes[mode * n + 3 * v + axis] ?? NaN) / model.modelUnitsToMm - value),
      ).toBeLessThanOrEqual(TOLERANCE_CM);
    }
  });

  it(`matches 300 sampled expression deltas through addExpression within ${TOLERANCE_CM} cm (measured max 2.0e-4)`, () => {
    const dense = new Map<number, Float32Array>();
    for (const [e, v, axis, value] of checks.expressionSamples) {
      let out = dense.get(e);
      if (out === undefined) {
        out = new Float32Array(model.vertexCount * 3);
        addExpression(out, model.expressions, e, 1);
        dense.set(e, out);
      }
      expect(Math.abs((out[3 * v + axis] ?? NaN) / model.modelUnitsToMm - value)).toBeLessThanOrEqual(TOLERANCE_CM);
    }
    // Half the samples were drawn among clearly moving vertices, so this is not a test of zeros.
    expect(checks.expressionSamples.filter((s) => Math.abs(s[3]) > 0.01).length).toBeGreaterThanOrEqual(150);
  });

  it('addIdentity adds weight x mode', () => {
    const out = new Float32Array(model.vertexCount * 3);
    addIdentity(out, model.identity, 3, -2);
    const mode = model.identity.modes.subarray(3 * out.length, 4 * out.length);
    expect(out.every((x, i) => x === -2 * (mode[i] ?? NaN))).toBe(true);
  });

  it('records per mode the RMS displacement over the face group (recomputed from the decoded modes)', () => {
    const face = model.render.groups[0];
    expect(face?.name).toBe('face');
    const n = model.vertexCount * 3;
    for (let m = 0; m < model.identity.count; m++) {
      let sum = 0;
      for (let i = 0; i < (face?.vertexCount ?? 0) * 3; i++) sum += (model.identity.modes[m * n + i] ?? 0) ** 2;
      expect(Math.sqrt(sum / (face?.vertexCount ?? 1))).toBeCloseTo(model.identity.sdMm[m] ?? NaN, 2);
    }
    expect(model.identity.sdMm[0]).toBeGreaterThan(10 * (model.identity.sdMm[99] ?? Infinity));
  });

  it('is in millimetres: the iris centres are about 64 mm apart', () => {
    const centre = (name: string): number[] => {
      const g = model.render.groups.find((x) => x.name === name);
      const sum = [0, 0, 0];
      for (let v = g?.vertexStart ?? 0; v < (g?.vertexStart ?? 0) + (g?.vertexCount ?? 0); v++) {
        for (let a = 0; a < 3; a++) sum[a] = (sum[a] ?? 0) + (model.positions[3 * v + a] ?? 0) / (g?.vertexCount ?? 1);
      }
      return sum;
    };
    const [left, right] = [centre('irisLeft'), centre('irisRight')];
    const distance = Math.hypot(...left.map((x, a) => x - (right[a] ?? 0)));
    expect(distance).toBeCloseTo(checks.irisCentreDistance * checks.units.toMm, 2);
    expect(left[0]).toBeGreaterThan(0); // "left" is the subject's left, +x
  });
});

describe('render topology', () => {
  it('triangles reference valid, distinct render vertices; groups tile the triangle list in order', () => {
    const { triangles, renderToModel, groups } = model.render;
    let invalid = 0;
    for (let t = 0; t < triangles.length; t += 3) {
      const [a = -1, b = -1, c = -1] = triangles.subarray(t, t + 3);
      if (Math.max(a, b, c) >= renderToModel.length || a === b || b === c || a === c) invalid++;
    }
    expect(invalid).toBe(0);
    expect(groups).toHaveLength(19);
    let next = 0;
    for (const g of groups) {
      expect(g.triangleStart).toBe(next);
      expect(g.triangleCount).toBeGreaterThan(0);
      next = g.triangleStart + g.triangleCount;
      expect(g.vertexStart + g.vertexCount).toBeLessThanOrEqual(model.vertexCount);
    }
    expect(next * 3).toBe(triangles.length);
  });

  it('each group draws its own vertices, or face vertices where it is stitched to the face', () => {
    const { triangles, renderToModel, groups } = model.render;
    const face = groups[0];
    for (const g of groups) {
      let strays = 0;
      for (let i = g.triangleStart * 3; i < (g.triangleStart + g.triangleCount) * 3; i++) {
        const v = renderToModel[triangles[i] ?? 0] ?? -1;
        const own = v >= g.vertexStart && v < g.vertexStart + g.vertexCount;
        if (!own && v >= (face?.vertexCount ?? 0)) strays++;
      }
      expect(strays, g.name).toBe(0);
    }
  });

  it('keeps sampled OBJ polygons: corners as (vertex, uv) render vertices, quads split 0-1-2 / 0-2-3', () => {
    const { triangles, renderToModel, uvs } = model.render;
    const byModel = new Map<number, number[]>();
    renderToModel.forEach((v, r) => byModel.set(v, [...(byModel.get(v) ?? []), r]));
    const triangleKeys = new Set<string>();
    for (let t = 0; t < triangles.length; t += 3) triangleKeys.add(triangles.subarray(t, t + 3).join(','));
    for (const { vertices, uvs: objUvs } of checks.polygonSamples) {
      const corners = vertices.map((v, c) =>
        (byModel.get(v) ?? []).find(
          (r) =>
            Math.abs((uvs[2 * r] ?? NaN) - (objUvs[2 * c] ?? NaN)) < 1e-5 &&
            Math.abs((uvs[2 * r + 1] ?? NaN) - (objUvs[2 * c + 1] ?? NaN)) < 1e-5,
        ),
      );
      expect(corners.every((r) => r !== undefined)).toBe(true);
      for (let c = 1; c + 1 < corners.length; c++)
        expect(triangleKeys.has([corners[0], corners[c], corners[c + 1]].join(','))).toBe(true);
    }
  });

  it('landmarks and jawlines are model vertices on the face', () => {
    expect(Array.from(model.landmarks.multiPie68)).toEqual(checks.multiPie68);
    expect(model.landmarks.multiPie68).toHaveLength(68);
    const faceCount = model.render.groups[0]?.vertexCount ?? 0;
    for (const list of Object.values(model.landmarks)) {
      expect(list.length).toBeGreaterThan(0);
      for (const v of list) expect(v).toBeLessThan(faceCount);
    }
  });
});

describe('decodeIctAsset refuses bad input', () => {
  it('wrong magic', () => {
    const bad = bytes.slice();
    bad[0] = 0x58;
    expectCode(bad, 'ICT_ASSET_BAD_MAGIC');
  });

  it('another format version', () => {
    const bad = bytes.slice();
    new DataView(bad.buffer).setUint32(8, 2, true);
    expectCode(bad, 'ICT_ASSET_BAD_VERSION');
  });

  it('truncated files', () => {
    expectCode(bytes.slice(0, 10), 'ICT_ASSET_TRUNCATED');
    expectCode(bytes.slice(0, 200), 'ICT_ASSET_TRUNCATED');
    expectCode(bytes.slice(0, bytes.length - 1), 'ICT_ASSET_TRUNCATED');
  });

  it('trailing bytes, and sizes that do not add up', () => {
    const padded = new Uint8Array(bytes.length + 4);
    padded.set(bytes);
    expectCode(padded, 'ICT_ASSET_BAD_SIZES');
    expectCode(
      withHeader((h) => {
        h.counts = { ...h.counts, modelVertices: 26720 };
      }),
      'ICT_ASSET_BAD_SIZES',
    );
    expectCode(
      withHeader((h) => {
        h.counts = { ...h.counts, expressions: 52 };
      }),
      'ICT_ASSET_BAD_SIZES',
    );
  });

  it('a damaged header or payload', () => {
    expectCode(
      withHeader((h) => {
        h.units = { model: 'inch', toMm: 25.4 };
      }),
      'ICT_ASSET_BAD_HEADER',
    );
    const damaged = bytes.slice();
    const payloadStart = ICT_PREAMBLE_BYTES + new DataView(bytes.buffer, bytes.byteOffset).getUint32(12, true);
    damaged[payloadStart] = 0xff; // no longer a zlib stream header
    expectCode(damaged, 'ICT_ASSET_BAD_PAYLOAD');
  });
});

describe('delta-byteplanes encoding', () => {
  it('round-trips int16 values, including jumps that wrap', () => {
    const values = [0, 32767, -32768, -1, 1, 12345, -32768, 32767, 5];
    expect(Array.from(decodeDeltaBytePlanes(encodeDeltaBytePlanes(values)))).toEqual(values);
  });
});
