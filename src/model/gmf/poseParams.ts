/** Head pose and light direction as the original names them (degrees and millimetres). */
export interface HeadPose {
  xr: number;
  yr: number;
  zr: number;
  xt: number;
  yt: number;
  zt: number;
}

export interface LightAngles {
  xl: number;
  yl: number;
  zl: number;
}
