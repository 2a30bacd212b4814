;; The smallest module using the 128-bit SIMD instructions the kernels need (f64x2 splat and
;; extract_lane): WebAssembly.validate on it tells whether this runtime has SIMD at all, apart
;; from whether kernels.wat itself compiles (simdKernels.ts).
(module
  (func (param $x f64) (result f64)
    (f64x2.extract_lane 1 (f64x2.add (f64x2.splat (local.get $x)) (v128.const f64x2 1 1)))))
