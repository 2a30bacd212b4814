/**
 * Minimal protobuf wire-format reader: just what the canonical-mesh metadata needs
 * (varints, 32-bit fixed, length-delimited), with bounds checks on every read.
 */
import { GmfError } from '../../../lib/errors';

export const WireType = { Varint: 0, Fixed64: 1, LengthDelimited: 2, Fixed32: 5 } as const;

export class ProtobufFormatError extends GmfError {
  constructor(message: string) {
    super('PROTOBUF_FORMAT', message);
  }
}

export interface FieldHeader {
  field: number;
  wireType: number;
}

export class ProtobufReader {
  private readonly view: DataView;
  pos: number;
  readonly end: number;

  constructor(
    private readonly bytes: Uint8Array,
    start = 0,
    end = bytes.length,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.pos = start;
    this.end = end;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  varint(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      if (this.pos >= this.end) throw new ProtobufFormatError('truncated varint');
      const byte = this.bytes[this.pos++] ?? 0;
      // Multiplication instead of << keeps values above 2^31 exact (up to 2^53).
      result += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7;
      if (shift > 63) throw new ProtobufFormatError('varint longer than 10 bytes');
    }
  }

  header(): FieldHeader {
    const key = this.varint();
    return { field: Math.floor(key / 8), wireType: key & 7 };
  }

  float32(): number {
    this.need(4);
    const value = this.view.getFloat32(this.pos, true);
    this.pos += 4;
    return value;
  }

  /** Returns a sub-reader over a length-delimited field and advances past it. */
  sub(): ProtobufReader {
    const length = this.varint();
    this.need(length);
    const reader = new ProtobufReader(this.bytes, this.pos, this.pos + length);
    this.pos += length;
    return reader;
  }

  skip(wireType: number): void {
    switch (wireType) {
      case WireType.Varint:
        this.varint();
        return;
      case WireType.Fixed64:
        this.need(8);
        this.pos += 8;
        return;
      case WireType.LengthDelimited:
        this.sub();
        return;
      case WireType.Fixed32:
        this.need(4);
        this.pos += 4;
        return;
      default:
        throw new ProtobufFormatError(`unsupported wire type ${wireType} at byte ${this.pos}`);
    }
  }

  private need(n: number): void {
    if (this.pos + n > this.end)
      throw new ProtobufFormatError(`field runs past the end (${n} bytes at ${this.pos} of ${this.end})`);
  }
}
