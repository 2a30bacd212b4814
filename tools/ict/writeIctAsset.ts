/**
 * Lays out the sections of ictFaceKit.bin (format in src/model/ict/ictFormat.ts), deflates them
 * and prepends magic, version and JSON header. Deterministic: the same input gives the same bytes.
 */
import { zlibSync } from 'fflate';
import { encodeDeltaBytePlanes } from '../../src/model/ict/deltaBytePlanes';
import {
  ICT_ASSET_MAGIC,
  ICT_ASSET_VERSION,
  ICT_PREAMBLE_BYTES,
  SECTION_NAMES,
  SECTION_SPECS,
  sectionByteLength,
  type IctAssetHeader,
  type IctSectionHeader,
  type SectionName,
} from '../../src/model/ict/ictFormat';

export type SectionValues = Float32Array | Uint32Array | Uint16Array | Int16Array;

/** Bytes of one section as the format stores it (little-endian, as typed arrays are on every platform we build on). */
function sectionBytes(name: SectionName, values: SectionValues): Uint8Array {
  if (SECTION_SPECS[name].encoding === 'delta-byteplanes') return encodeDeltaBytePlanes(values);
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}

export function writeIctAsset(
  header: Omit<IctAssetHeader, 'sections' | 'payload'>,
  sections: Readonly<Record<SectionName, SectionValues>>,
): Uint8Array {
  const parts: { offset: number; bytes: Uint8Array }[] = [];
  const sectionHeaders: IctSectionHeader[] = [];
  let offset = 0;
  for (const name of SECTION_NAMES) {
    const values = sections[name];
    const entry: IctSectionHeader = { name, type: SECTION_SPECS[name].type, length: values.length, byteOffset: offset };
    const bytes = sectionBytes(name, values);
    if (bytes.length !== sectionByteLength(entry))
      throw new Error(`Section ${name} should be ${SECTION_SPECS[name].type}.`);
    sectionHeaders.push(entry);
    parts.push({ offset, bytes });
    offset = Math.ceil((offset + bytes.length) / 4) * 4;
  }
  const payload = new Uint8Array(offset);
  for (const part of parts) payload.set(part.bytes, part.offset);
  const compressed = zlibSync(payload, { level: 9, mem: 12 });

  const fullHeader: IctAssetHeader = {
    ...header,
    payload: { compressedBytes: compressed.length, inflatedBytes: payload.length },
    sections: sectionHeaders,
  };
  const json = new TextEncoder().encode(JSON.stringify(fullHeader));
  const out = new Uint8Array(ICT_PREAMBLE_BYTES + json.length + compressed.length);
  out.set(new TextEncoder().encode(ICT_ASSET_MAGIC), 0);
  const view = new DataView(out.buffer);
  view.setUint32(8, ICT_ASSET_VERSION, true);
  view.setUint32(12, json.length, true);
  out.set(json, ICT_PREAMBLE_BYTES);
  out.set(compressed, ICT_PREAMBLE_BYTES + json.length);
  return out;
}
