/** The one error type of the ICT geometry: a code for programs, a message a researcher can act on. */
import { GmfError } from '../../../lib/errors';

export type IctGeometryErrorCode =
  /** The asset lacks a part the geometry needs (a group, a boundary loop, a landmark). */
  | 'ICT_GEOMETRY_MESH'
  /** An identity the model cannot make: too many shape coefficients, a value that is not finite. */
  | 'ICT_GEOMETRY_IDENTITY'
  /** An expression the model cannot make: an unknown expression shape, a value that is not finite. */
  | 'ICT_GEOMETRY_EXPRESSION';

export class IctGeometryError extends GmfError {
  constructor(code: IctGeometryErrorCode, message: string) {
    super(code, `ICT face geometry: ${message}`);
  }
}
