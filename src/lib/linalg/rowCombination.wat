;; Linear combinations of rows in float64 with 128-bit SIMD (two lanes): the inner loops of a
;; face model's identity shape (100 float32 modes) and of its texture bands (products of cosine
;; tables). Assembled at build time by tools/wasm/vitePluginWat.ts; loaded by rowCombination.ts,
;; whose JavaScript loop computes the same.
;;
;; Each output element takes its terms in order, one multiply and one add each (never fused), so
;; the result equals the JavaScript loop to the bit. Pointers are byte offsets into the imported
;; memory; counts are numbers of elements.
(module
  (import "env" "memory" (memory 1))
  ;; out[x] = (((out[x] + w_0 r_0[x]) + w_1 r_1[x]) + ...) + w_(count-1) r_(count-1)[x] for x < len:
  ;; float64 out and weights, float64 rows r_j at the byte offsets table[j] (i32). The sums of an
  ;; element stay in a register across four rows (one load and one store of out per four terms).
  (func (export "combineRows64")
    (param $out i32) (param $len i32) (param $table i32) (param $weights i32) (param $count i32)
    (local $j i32) (local $x i32) (local $pairsEnd i32) (local $o i32)
    (local $r0 i32) (local $r1 i32) (local $r2 i32) (local $r3 i32)
    (local $w0 v128) (local $w1 v128) (local $w2 v128) (local $w3 v128) (local $acc v128)
    (local $s0 f64) (local $s1 f64) (local $s2 f64) (local $s3 f64) (local $one f64)
    (local.set $pairsEnd (i32.and (local.get $len) (i32.const -2)))
    (local.set $j (i32.const 0))
    ;; Four rows at a time.
    (block $quadsDone
      (loop $quads
        (br_if $quadsDone (i32.gt_s (i32.add (local.get $j) (i32.const 4)) (local.get $count)))
        (local.set $r0 (i32.load (i32.add (local.get $table) (i32.shl (local.get $j) (i32.const 2)))))
        (local.set $r1 (i32.load offset=4 (i32.add (local.get $table) (i32.shl (local.get $j) (i32.const 2)))))
        (local.set $r2 (i32.load offset=8 (i32.add (local.get $table) (i32.shl (local.get $j) (i32.const 2)))))
        (local.set $r3 (i32.load offset=12 (i32.add (local.get $table) (i32.shl (local.get $j) (i32.const 2)))))
        (local.set $s0 (f64.load (i32.add (local.get $weights) (i32.shl (local.get $j) (i32.const 3)))))
        (local.set $s1 (f64.load offset=8 (i32.add (local.get $weights) (i32.shl (local.get $j) (i32.const 3)))))
        (local.set $s2 (f64.load offset=16 (i32.add (local.get $weights) (i32.shl (local.get $j) (i32.const 3)))))
        (local.set $s3 (f64.load offset=24 (i32.add (local.get $weights) (i32.shl (local.get $j) (i32.const 3)))))
        (local.set $w0 (f64x2.splat (local.get $s0)))
        (local.set $w1 (f64x2.splat (local.get $s1)))
        (local.set $w2 (f64x2.splat (local.get $s2)))
        (local.set $w3 (f64x2.splat (local.get $s3)))
        (local.set $x (i32.const 0))
        (block $pairsDone
          (br_if $pairsDone (i32.ge_s (local.get $x) (local.get $pairsEnd)))
          (loop $pairs
            (local.set $o (i32.add (local.get $out) (i32.shl (local.get $x) (i32.const 3))))
            (local.set $acc (v128.load align=8 (local.get $o)))
            (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (local.get $w0) (v128.load align=8 (i32.add (local.get $r0) (i32.shl (local.get $x) (i32.const 3)))))))
            (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (local.get $w1) (v128.load align=8 (i32.add (local.get $r1) (i32.shl (local.get $x) (i32.const 3)))))))
            (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (local.get $w2) (v128.load align=8 (i32.add (local.get $r2) (i32.shl (local.get $x) (i32.const 3)))))))
            (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (local.get $w3) (v128.load align=8 (i32.add (local.get $r3) (i32.shl (local.get $x) (i32.const 3)))))))
            (v128.store align=8 (local.get $o) (local.get $acc))
            (br_if $pairs (i32.lt_s (local.tee $x (i32.add (local.get $x) (i32.const 2))) (local.get $pairsEnd)))))
        (if (i32.lt_s (local.get $pairsEnd) (local.get $len))
          (then
            (local.set $o (i32.add (local.get $out) (i32.shl (local.get $pairsEnd) (i32.const 3))))
            (local.set $one (f64.load (local.get $o)))
            (local.set $one (f64.add (local.get $one) (f64.mul (local.get $s0) (f64.load (i32.add (local.get $r0) (i32.shl (local.get $pairsEnd) (i32.const 3)))))))
            (local.set $one (f64.add (local.get $one) (f64.mul (local.get $s1) (f64.load (i32.add (local.get $r1) (i32.shl (local.get $pairsEnd) (i32.const 3)))))))
            (local.set $one (f64.add (local.get $one) (f64.mul (local.get $s2) (f64.load (i32.add (local.get $r2) (i32.shl (local.get $pairsEnd) (i32.const 3)))))))
            (local.set $one (f64.add (local.get $one) (f64.mul (local.get $s3) (f64.load (i32.add (local.get $r3) (i32.shl (local.get $pairsEnd) (i32.const 3)))))))
            (f64.store (local.get $o) (local.get $one))))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $quads)))
    ;; The rows left, one at a time.
    (block $singlesDone
      (loop $singles
        (br_if $singlesDone (i32.ge_s (local.get $j) (local.get $count)))
        (local.set $r0 (i32.load (i32.add (local.get $table) (i32.shl (local.get $j) (i32.const 2)))))
        (local.set $s0 (f64.load (i32.add (local.get $weights) (i32.shl (local.get $j) (i32.const 3)))))
        (local.set $w0 (f64x2.splat (local.get $s0)))
        (local.set $x (i32.const 0))
        (block $pairsDone1
          (br_if $pairsDone1 (i32.ge_s (local.get $x) (local.get $pairsEnd)))
          (loop $pairs1
            (local.set $o (i32.add (local.get $out) (i32.shl (local.get $x) (i32.const 3))))
            (v128.store align=8 (local.get $o)
              (f64x2.add (v128.load align=8 (local.get $o)) (f64x2.mul (local.get $w0) (v128.load align=8 (i32.add (local.get $r0) (i32.shl (local.get $x) (i32.const 3)))))))
            (br_if $pairs1 (i32.lt_s (local.tee $x (i32.add (local.get $x) (i32.const 2))) (local.get $pairsEnd)))))
        (if (i32.lt_s (local.get $pairsEnd) (local.get $len))
          (then
            (local.set $o (i32.add (local.get $out) (i32.shl (local.get $pairsEnd) (i32.const 3))))
            (f64.store (local.get $o)
              (f64.add (f64.load (local.get $o)) (f64.mul (local.get $s0) (f64.load (i32.add (local.get $r0) (i32.shl (local.get $pairsEnd) (i32.const 3)))))))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $singles))))

  ;; out[x] = (((out[x] + w_0 r_0[x]) + w_1 r_1[x]) + ...) + w_(count-1) r_(count-1)[x] for x < len:
  ;; float64 out and weights, float32 rows r_j at the byte offsets table[j] (i32). The same loops
  ;; as combineRows64, with each pair of row values loaded as 64 bits and widened
  ;; (f64x2.promote_low_f32x4; an odd last one with f64.promote_f32), so every term is exact.
  (func (export "combineRows32")
    (param $out i32) (param $len i32) (param $table i32) (param $weights i32) (param $count i32)
    (local $j i32) (local $x i32) (local $pairsEnd i32) (local $o i32)
    (local $r0 i32) (local $r1 i32) (local $r2 i32) (local $r3 i32)
    (local $w0 v128) (local $w1 v128) (local $w2 v128) (local $w3 v128) (local $acc v128)
    (local $s0 f64) (local $s1 f64) (local $s2 f64) (local $s3 f64) (local $one f64)
    (local.set $pairsEnd (i32.and (local.get $len) (i32.const -2)))
    (local.set $j (i32.const 0))
    ;; Four rows at a time.
    (block $quadsDone
      (loop $quads
        (br_if $quadsDone (i32.gt_s (i32.add (local.get $j) (i32.const 4)) (local.get $count)))
        (local.set $r0 (i32.load (i32.add (local.get $table) (i32.shl (local.get $j) (i32.const 2)))))
        (local.set $r1 (i32.load offset=4 (i32.add (local.get $table) (i32.shl (local.get $j) (i32.const 2)))))
        (local.set $r2 (i32.load offset=8 (i32.add (local.get $table) (i32.shl (local.get $j) (i32.const 2)))))
        (local.set $r3 (i32.load offset=12 (i32.add (local.get $table) (i32.shl (local.get $j) (i32.const 2)))))
        (local.set $s0 (f64.load (i32.add (local.get $weights) (i32.shl (local.get $j) (i32.const 3)))))
        (local.set $s1 (f64.load offset=8 (i32.add (local.get $weights) (i32.shl (local.get $j) (i32.const 3)))))
        (local.set $s2 (f64.load offset=16 (i32.add (local.get $weights) (i32.shl (local.get $j) (i32.const 3)))))
        (local.set $s3 (f64.load offset=24 (i32.add (local.get $weights) (i32.shl (local.get $j) (i32.const 3)))))
        (local.set $w0 (f64x2.splat (local.get $s0)))
        (local.set $w1 (f64x2.splat (local.get $s1)))
        (local.set $w2 (f64x2.splat (local.get $s2)))
        (local.set $w3 (f64x2.splat (local.get $s3)))
        (local.set $x (i32.const 0))
        (block $pairsDone
          (br_if $pairsDone (i32.ge_s (local.get $x) (local.get $pairsEnd)))
          (loop $pairs
            (local.set $o (i32.add (local.get $out) (i32.shl (local.get $x) (i32.const 3))))
            (local.set $acc (v128.load align=8 (local.get $o)))
            (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (local.get $w0) (f64x2.promote_low_f32x4 (v128.load64_zero align=4 (i32.add (local.get $r0) (i32.shl (local.get $x) (i32.const 2))))))))
            (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (local.get $w1) (f64x2.promote_low_f32x4 (v128.load64_zero align=4 (i32.add (local.get $r1) (i32.shl (local.get $x) (i32.const 2))))))))
            (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (local.get $w2) (f64x2.promote_low_f32x4 (v128.load64_zero align=4 (i32.add (local.get $r2) (i32.shl (local.get $x) (i32.const 2))))))))
            (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (local.get $w3) (f64x2.promote_low_f32x4 (v128.load64_zero align=4 (i32.add (local.get $r3) (i32.shl (local.get $x) (i32.const 2))))))))
            (v128.store align=8 (local.get $o) (local.get $acc))
            (br_if $pairs (i32.lt_s (local.tee $x (i32.add (local.get $x) (i32.const 2))) (local.get $pairsEnd)))))
        (if (i32.lt_s (local.get $pairsEnd) (local.get $len))
          (then
            (local.set $o (i32.add (local.get $out) (i32.shl (local.get $pairsEnd) (i32.const 3))))
            (local.set $one (f64.load (local.get $o)))
            (local.set $one (f64.add (local.get $one) (f64.mul (local.get $s0) (f64.promote_f32 (f32.load (i32.add (local.get $r0) (i32.shl (local.get $pairsEnd) (i32.const 2))))))))
            (local.set $one (f64.add (local.get $one) (f64.mul (local.get $s1) (f64.promote_f32 (f32.load (i32.add (local.get $r1) (i32.shl (local.get $pairsEnd) (i32.const 2))))))))
            (local.set $one (f64.add (local.get $one) (f64.mul (local.get $s2) (f64.promote_f32 (f32.load (i32.add (local.get $r2) (i32.shl (local.get $pairsEnd) (i32.const 2))))))))
            (local.set $one (f64.add (local.get $one) (f64.mul (local.get $s3) (f64.promote_f32 (f32.load (i32.add (local.get $r3) (i32.shl (local.get $pairsEnd) (i32.const 2))))))))
            (f64.store (local.get $o) (local.get $one))))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $quads)))
    ;; The rows left, one at a time.
    (block $singlesDone
      (loop $singles
        (br_if $singlesDone (i32.ge_s (local.get $j) (local.get $count)))
        (local.set $r0 (i32.load (i32.add (local.get $table) (i32.shl (local.get $j) (i32.const 2)))))
        (local.set $s0 (f64.load (i32.add (local.get $weights) (i32.shl (local.get $j) (i32.const 3)))))
        (local.set $w0 (f64x2.splat (local.get $s0)))
        (local.set $x (i32.const 0))
        (block $pairsDone1
          (br_if $pairsDone1 (i32.ge_s (local.get $x) (local.get $pairsEnd)))
          (loop $pairs1
            (local.set $o (i32.add (local.get $out) (i32.shl (local.get $x) (i32.const 3))))
            (v128.store align=8 (local.get $o)
              (f64x2.add (v128.load align=8 (local.get $o)) (f64x2.mul (local.get $w0) (f64x2.promote_low_f32x4 (v128.load64_zero align=4 (i32.add (local.get $r0) (i32.shl (local.get $x) (i32.const 2))))))))
            (br_if $pairs1 (i32.lt_s (local.tee $x (i32.add (local.get $x) (i32.const 2))) (local.get $pairsEnd)))))
        (if (i32.lt_s (local.get $pairsEnd) (local.get $len))
          (then
            (local.set $o (i32.add (local.get $out) (i32.shl (local.get $pairsEnd) (i32.const 3))))
            (f64.store (local.get $o)
              (f64.add (f64.load (local.get $o)) (f64.mul (local.get $s0) (f64.promote_f32 (f32.load (i32.add (local.get $r0) (i32.shl (local.get $pairsEnd) (i32.const 2))))))))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $singles))))
)
