/**
 * Checks the JSON header of ictFaceKit.bin field by field, so a damaged or foreign file fails
 * with a message that names the field instead of a TypeError deep inside the decoder.
 */
import {
  IctAssetError,
  SECTION_NAMES,
  SECTION_SPECS,
  expectedSectionLength,
  sectionByteLength,
  type IctAssetHeader,
  type IctGroup,
  type IctLandmarks,
  type IctSectionHeader,
  type SectionName,
} from './ictFormat';

type Json = Record<string, unknown>;

function bad(message: string): IctAssetError {
  return new IctAssetError('ICT_ASSET_BAD_HEADER', message);
}

function object(value: unknown, field: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw bad(`"${field}" must be an object.`);
  return value as Json;
}

function count(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw bad(`"${field}" must be a non-negative integer, got ${JSON.stringify(value)}.`);
  }
  return value;
}

function finite(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw bad(`"${field}" must be a number.`);
  return value;
}

function text(value: unknown, field: string): string {
  if (typeof value !== 'string') throw bad(`"${field}" must be a string.`);
  return value;
}

function list<T>(value: unknown, field: string, item: (v: unknown, f: string) => T): T[] {
  if (!Array.isArray(value)) throw bad(`"${field}" must be an array.`);
  return value.map((v, i) => item(v, `${field}[${i}]`));
}

function group(value: unknown, field: string): IctGroup {
  const g = object(value, field);
  return {
    name: text(g.name, `${field}.name`),
    material: text(g.material, `${field}.material`),
    vertexStart: count(g.vertexStart, `${field}.vertexStart`),
    vertexCount: count(g.vertexCount, `${field}.vertexCount`),
    triangleStart: count(g.triangleStart, `${field}.triangleStart`),
    triangleCount: count(g.triangleCount, `${field}.triangleCount`),
  };
}

function landmarks(value: unknown): IctLandmarks {
  const l = object(value, 'landmarks');
  const indices = (name: keyof IctLandmarks): number[] => list(l[name], `landmarks.${name}`, count);
  return {
    multiPie68: indices('multiPie68'),
    jawlineRight: indices('jawlineRight'),
    jawlineLeft: indices('jawlineLeft'),
    jawlineRightExtended: indices('jawlineRightExtended'),
    jawlineLeftExtended: indices('jawlineLeftExtended'),
  };
}

function section(value: unknown, field: string): IctSectionHeader {
  const s = object(value, field);
  const name = text(s.name, `${field}.name`);
  if (!(SECTION_NAMES as string[]).includes(name)) throw bad(`unknown section "${name}".`);
  const spec = SECTION_SPECS[name as SectionName];
  if (s.type !== spec.type)
    throw bad(`section "${name}" must hold ${spec.type}, the header says ${JSON.stringify(s.type)}.`);
  return {
    name: name as SectionName,
    type: spec.type,
    length: count(s.length, `${field}.length`),
    byteOffset: count(s.byteOffset, `${field}.byteOffset`),
  };
}

/** Validates a parsed header: types, section sizes against the counts, and ranges against the mesh. */
export function parseIctHeader(json: unknown): IctAssetHeader {
  const h = object(json, 'header');
  const source = object(h.source, 'source');
  const units = object(h.units, 'units');
  if (units.model !== 'cm') throw bad(`"units.model" must be "cm", got ${JSON.stringify(units.model)}.`);
  const c = object(h.counts, 'counts');
  const counts: IctAssetHeader['counts'] = {
    modelVertices: count(c.modelVertices, 'counts.modelVertices'),
    renderVertices: count(c.renderVertices, 'counts.renderVertices'),
    triangles: count(c.triangles, 'counts.triangles'),
    identityModes: count(c.identityModes, 'counts.identityModes'),
    expressions: count(c.expressions, 'counts.expressions'),
    expressionEntries: count(c.expressionEntries, 'counts.expressionEntries'),
  };
  const quantisation = object(h.quantisation, 'quantisation');
  const payload = object(h.payload, 'payload');
  const header: IctAssetHeader = {
    source: {
      repository: text(source.repository, 'source.repository'),
      commit: text(source.commit, 'source.commit'),
      licence: text(source.licence, 'source.licence'),
    },
    units: { model: 'cm', toMm: finite(units.toMm, 'units.toMm') },
    counts,
    expressionNames: list(h.expressionNames, 'expressionNames', text),
    groups: list(h.groups, 'groups', group),
    landmarks: landmarks(h.landmarks),
    narrowFaceVertexCount: count(h.narrowFaceVertexCount, 'narrowFaceVertexCount'),
    quantisation: {
      minStep: finite(quantisation.minStep, 'quantisation.minStep'),
      expressionMoveThreshold: finite(quantisation.expressionMoveThreshold, 'quantisation.expressionMoveThreshold'),
    },
    payload: {
      compressedBytes: count(payload.compressedBytes, 'payload.compressedBytes'),
      inflatedBytes: count(payload.inflatedBytes, 'payload.inflatedBytes'),
    },
    sections: list(h.sections, 'sections', section),
  };
  checkSizes(header);
  return header;
}

function sizes(message: string): IctAssetError {
  return new IctAssetError('ICT_ASSET_BAD_SIZES', message);
}

function checkSizes(header: IctAssetHeader): void {
  const { counts } = header;
  if (header.expressionNames.length !== counts.expressions) {
    throw sizes(`${header.expressionNames.length} expression names for ${counts.expressions} expressions.`);
  }
  for (const name of SECTION_NAMES) {
    const found = header.sections.filter((s) => s.name === name);
    const s = found[0];
    if (found.length !== 1 || s === undefined)
      throw sizes(`section "${name}" appears ${found.length} times (expected once).`);
    const expected = expectedSectionLength(name, counts);
    if (s.length !== expected) throw sizes(`section "${name}" holds ${s.length} values, the counts need ${expected}.`);
    if (s.byteOffset % 4 !== 0) throw sizes(`section "${name}" starts at an unaligned offset.`);
    if (s.byteOffset + sectionByteLength(s) > header.payload.inflatedBytes)
      throw sizes(`section "${name}" reaches past the end of the payload.`);
  }
  for (const g of header.groups) {
    if (g.vertexStart + g.vertexCount > counts.modelVertices)
      throw sizes(`group "${g.name}" reaches past the ${counts.modelVertices} model vertices.`);
    if (g.triangleStart + g.triangleCount > counts.triangles)
      throw sizes(`group "${g.name}" reaches past the ${counts.triangles} triangles.`);
  }
  for (const [name, indices] of Object.entries(header.landmarks) as [string, number[]][]) {
    const outside = indices.find((i) => i >= counts.modelVertices);
    if (outside !== undefined)
      throw sizes(`landmark list "${name}" names vertex ${outside}, past the ${counts.modelVertices} model vertices.`);
  }
  if (header.narrowFaceVertexCount > counts.modelVertices) throw sizes('the narrow face area is larger than the mesh.');
}
