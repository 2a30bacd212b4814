;; Single-precision matrix products for the wasm training kernels (conv2d, its input and filter
;; gradients), with 128-bit SIMD and relaxed SIMD's fused multiply-add; Adam's update and the
;; max-pool gradient. Assembled at build time by
;; tools/wasm/vitePluginWat.ts; `?plain` assembles the same text with each relaxed_madd written as
;; a multiply and an add (runtimes without relaxed SIMD). Loaded by fmaRuntime.ts.
;;
;; Both products compute tiles of 6 rows × 8 columns of their output in twelve f32x4 accumulators
;; (the most that stay in the 16 SIMD registers of x86-64 beside two operands of b and one of a).
;; A row's operands are read through a table of byte addresses, so one kernel serves a plain
;; matrix product (row i at a + i·lda), a convolution (row i at its receptive field's corner in
;; the zero-padded input, plus each tap's offset) and its filter gradient. Conventions:
;; - pointers are byte offsets into the imported (shared) memory;
;; - a tile range [t0, t1) lets threads share one call: each tile is written by one thread only,
;;   in the same order of additions whichever thread computes it, so results do not depend on
;;   the split;
;; - callers pad: row tables to a multiple of 6 (repeating a valid row), b's columns to a
;;   multiple of 8 (zeros), and output rows to the padded count.
(module
  (import "env" "memory" (memory 1 65536 shared))

  ;; out[i, j] = act(bias[j] + Σ_tap Σ_c a(i, tap)[c] · packed[j / 8][tap][c][j % 8]) for the
  ;; tiles t0 ≤ t < t1 (rows 6t .. 6t + 5), where a(i, tap) = rows[i] + tapOffsets[tap] (bytes) is
  ;; the start of `channels` floats, packed holds b in panels of 8 columns ($panels of them,
  ;; taps · channels rows each), bias has 8 · $panels floats, out rows are $outStride bytes apart,
  ;; and act is max(·, 0) when $relu is 1, else the identity.
  (func (export "conv")
    (param $t0 i32) (param $t1 i32) (param $rows i32) (param $tapOffsets i32) (param $taps i32)
    (param $channels i32) (param $packed i32) (param $panels i32) (param $bias i32)
    (param $out i32) (param $outStride i32) (param $relu i32)
    (local $t i32) (local $p i32) (local $tap i32) (local $off i32) (local $bp i32) (local $c i32)
    (local $cEnd i32) (local $panelBytes i32) (local $o i32) (local $rowAt i32)
    (local $r0 i32) (local $r1 i32) (local $r2 i32) (local $r3 i32) (local $r4 i32) (local $r5 i32)
    (local $a0 i32) (local $a1 i32) (local $a2 i32) (local $a3 i32) (local $a4 i32) (local $a5 i32)
    (local $x v128) (local $b0 v128) (local $b1 v128) (local $zero v128)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128) (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128) (local $c40 v128) (local $c41 v128) (local $c50 v128) (local $c51 v128)
    (local.set $panelBytes (i32.shl (i32.mul (local.get $taps) (local.get $channels)) (i32.const 5)))
    (local.set $cEnd (i32.shl (local.get $channels) (i32.const 2)))
    (local.set $zero (v128.const i32x4 0 0 0 0))
    ;; Panels outside, tiles inside: a panel of b (taps · channels · 32 bytes) stays in cache
    ;; across the range's tiles.
    (block $tilesDone
      (br_if $tilesDone (i32.ge_u (local.get $t0) (local.get $t1)))
      (local.set $p (i32.const 0))
      (loop $panels
        (local.set $t (local.get $t0))
        (loop $tiles
          (local.set $rowAt (i32.add (local.get $rows) (i32.mul (local.get $t) (i32.const 24))))
          (local.set $r0 (i32.load offset=0 (local.get $rowAt)))
          (local.set $r1 (i32.load offset=4 (local.get $rowAt)))
          (local.set $r2 (i32.load offset=8 (local.get $rowAt)))
          (local.set $r3 (i32.load offset=12 (local.get $rowAt)))
          (local.set $r4 (i32.load offset=16 (local.get $rowAt)))
          (local.set $r5 (i32.load offset=20 (local.get $rowAt)))
          (local.set $b0 (v128.load (i32.add (local.get $bias) (i32.shl (local.get $p) (i32.const 5)))))
          (local.set $b1 (v128.load offset=16 (i32.add (local.get $bias) (i32.shl (local.get $p) (i32.const 5)))))
          (local.set $c00 (local.get $b0)) (local.set $c01 (local.get $b1))
          (local.set $c10 (local.get $b0)) (local.set $c11 (local.get $b1))
          (local.set $c20 (local.get $b0)) (local.set $c21 (local.get $b1))
          (local.set $c30 (local.get $b0)) (local.set $c31 (local.get $b1))
          (local.set $c40 (local.get $b0)) (local.set $c41 (local.get $b1))
          (local.set $c50 (local.get $b0)) (local.set $c51 (local.get $b1))
          (local.set $bp (i32.add (local.get $packed) (i32.mul (local.get $p) (local.get $panelBytes))))
          (local.set $tap (i32.const 0))
          (loop $taps
            (local.set $off (i32.load (i32.add (local.get $tapOffsets) (i32.shl (local.get $tap) (i32.const 2)))))
            (local.set $a0 (i32.add (local.get $r0) (local.get $off)))
            (local.set $a1 (i32.add (local.get $r1) (local.get $off)))
            (local.set $a2 (i32.add (local.get $r2) (local.get $off)))
            (local.set $a3 (i32.add (local.get $r3) (local.get $off)))
            (local.set $a4 (i32.add (local.get $r4) (local.get $off)))
            (local.set $a5 (i32.add (local.get $r5) (local.get $off)))
            (local.set $c (i32.const 0))
            (loop $channels
              (local.set $b0 (v128.load (local.get $bp)))
              (local.set $b1 (v128.load offset=16 (local.get $bp)))
              (local.set $x (v128.load32_splat (i32.add (local.get $a0) (local.get $c))))
              (local.set $c00 (f32x4.relaxed_madd (local.get $x) (local.get $b0) (local.get $c00)))
              (local.set $c01 (f32x4.relaxed_madd (local.get $x) (local.get $b1) (local.get $c01)))
              (local.set $x (v128.load32_splat (i32.add (local.get $a1) (local.get $c))))
              (local.set $c10 (f32x4.relaxed_madd (local.get $x) (local.get $b0) (local.get $c10)))
              (local.set $c11 (f32x4.relaxed_madd (local.get $x) (local.get $b1) (local.get $c11)))
              (local.set $x (v128.load32_splat (i32.add (local.get $a2) (local.get $c))))
              (local.set $c20 (f32x4.relaxed_madd (local.get $x) (local.get $b0) (local.get $c20)))
              (local.set $c21 (f32x4.relaxed_madd (local.get $x) (local.get $b1) (local.get $c21)))
              (local.set $x (v128.load32_splat (i32.add (local.get $a3) (local.get $c))))
              (local.set $c30 (f32x4.relaxed_madd (local.get $x) (local.get $b0) (local.get $c30)))
              (local.set $c31 (f32x4.relaxed_madd (local.get $x) (local.get $b1) (local.get $c31)))
              (local.set $x (v128.load32_splat (i32.add (local.get $a4) (local.get $c))))
              (local.set $c40 (f32x4.relaxed_madd (local.get $x) (local.get $b0) (local.get $c40)))
              (local.set $c41 (f32x4.relaxed_madd (local.get $x) (local.get $b1) (local.get $c41)))
              (local.set $x (v128.load32_splat (i32.add (local.get $a5) (local.get $c))))
              (local.set $c50 (f32x4.relaxed_madd (local.get $x) (local.get $b0) (local.get $c50)))
              (local.set $c51 (f32x4.relaxed_madd (local.get $x) (local.get $b1) (local.get $c51)))
              (local.set $bp (i32.add (local.get $bp) (i32.const 32)))
              (br_if $channels (i32.lt_u (local.tee $c (i32.add (local.get $c) (i32.const 4))) (local.get $cEnd))))
            (br_if $taps (i32.lt_u (local.tee $tap (i32.add (local.get $tap) (i32.const 1))) (local.get $taps))))
          (if (local.get $relu)
            (then
              (local.set $c00 (f32x4.max (local.get $c00) (local.get $zero)))
              (local.set $c01 (f32x4.max (local.get $c01) (local.get $zero)))
              (local.set $c10 (f32x4.max (local.get $c10) (local.get $zero)))
              (local.set $c11 (f32x4.max (local.get $c11) (local.get $zero)))
              (local.set $c20 (f32x4.max (local.get $c20) (local.get $zero)))
              (local.set $c21 (f32x4.max (local.get $c21) (local.get $zero)))
              (local.set $c30 (f32x4.max (local.get $c30) (local.get $zero)))
              (local.set $c31 (f32x4.max (local.get $c31) (local.get $zero)))
              (local.set $c40 (f32x4.max (local.get $c40) (local.get $zero)))
              (local.set $c41 (f32x4.max (local.get $c41) (local.get $zero)))
              (local.set $c50 (f32x4.max (local.get $c50) (local.get $zero)))
              (local.set $c51 (f32x4.max (local.get $c51) (local.get $zero)))
))
          (local.set $o
            (i32.add (i32.add (local.get $out) (i32.mul (i32.mul (local.get $t) (i32.const 6)) (local.get $outStride)))
              (i32.shl (local.get $p) (i32.const 5))))
          (v128.store (local.get $o) (local.get $c00)) (v128.store offset=16 (local.get $o) (local.get $c01))
          (local.set $o (i32.add (local.get $o) (local.get $outStride)))
          (v128.store (local.get $o) (local.get $c10)) (v128.store offset=16 (local.get $o) (local.get $c11))
          (local.set $o (i32.add (local.get $o) (local.get $outStride)))
          (v128.store (local.get $o) (local.get $c20)) (v128.store offset=16 (local.get $o) (local.get $c21))
          (local.set $o (i32.add (local.get $o) (local.get $outStride)))
          (v128.store (local.get $o) (local.get $c30)) (v128.store offset=16 (local.get $o) (local.get $c31))
          (local.set $o (i32.add (local.get $o) (local.get $outStride)))
          (v128.store (local.get $o) (local.get $c40)) (v128.store offset=16 (local.get $o) (local.get $c41))
          (local.set $o (i32.add (local.get $o) (local.get $outStride)))
          (v128.store (local.get $o) (local.get $c50)) (v128.store offset=16 (local.get $o) (local.get $c51))
          (br_if $tiles (i32.lt_u (local.tee $t (i32.add (local.get $t) (i32.const 1))) (local.get $t1))))
        (br_if $panels (i32.lt_u (local.tee $p (i32.add (local.get $p) (i32.const 1))) (local.get $panels))))))

  ;; out[i, j] (+)= Σ_m x(m, i) · dy[m][j] for the tiles t0 ≤ t < t1 (rows 6t .. 6t + 5), where
  ;; x(m, i) is the float at pixels[m] + rowOffsets[i] (bytes): pixels[m] the corner of output
  ;; pixel m's receptive field in the zero-padded input, rowOffsets[i] a filter row's tap and
  ;; channel. dy rows are $dyStride bytes apart with 8 · $panels floats each. The sum over m runs
  ;; in blocks of $block pixels, each block over every tile of the range, so a block's pixels stay
  ;; in cache; the first block sets out, later ones add to it.
  (func (export "filterGrad")
    (param $t0 i32) (param $t1 i32) (param $rowOffsets i32) (param $pixels i32) (param $count i32)
    (param $block i32) (param $dy i32) (param $dyStride i32) (param $panels i32)
    (param $out i32) (param $outStride i32)
    (local $t i32) (local $p i32) (local $m0 i32) (local $m1 i32) (local $mp i32) (local $mEnd i32)
    (local $dp i32) (local $base i32) (local $o i32) (local $rowAt i32)
    (local $r0 i32) (local $r1 i32) (local $r2 i32) (local $r3 i32) (local $r4 i32) (local $r5 i32)
    (local $x v128) (local $b0 v128) (local $b1 v128)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128) (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128) (local $c40 v128) (local $c41 v128) (local $c50 v128) (local $c51 v128)
    (local.set $m0 (i32.const 0))
    (block $blocksDone
      (br_if $blocksDone (i32.ge_u (local.get $t0) (local.get $t1)))
      (loop $blocks
        (local.set $m1 (i32.add (local.get $m0) (local.get $block)))
        (if (i32.gt_u (local.get $m1) (local.get $count)) (then (local.set $m1 (local.get $count))))
        (local.set $t (local.get $t0))
        (loop $tiles
          (local.set $rowAt (i32.add (local.get $rowOffsets) (i32.mul (local.get $t) (i32.const 24))))
          (local.set $r0 (i32.load offset=0 (local.get $rowAt)))
          (local.set $r1 (i32.load offset=4 (local.get $rowAt)))
          (local.set $r2 (i32.load offset=8 (local.get $rowAt)))
          (local.set $r3 (i32.load offset=12 (local.get $rowAt)))
          (local.set $r4 (i32.load offset=16 (local.get $rowAt)))
          (local.set $r5 (i32.load offset=20 (local.get $rowAt)))
          (local.set $p (i32.const 0))
          (loop $panels
            (local.set $o
              (i32.add (i32.add (local.get $out) (i32.mul (i32.mul (local.get $t) (i32.const 6)) (local.get $outStride)))
                (i32.shl (local.get $p) (i32.const 5))))
            (if (local.get $m0)
              (then
                (local.set $c00 (v128.load (local.get $o))) (local.set $c01 (v128.load offset=16 (local.get $o)))
                (local.set $c10 (v128.load (i32.add (local.get $o) (i32.mul (local.get $outStride) (i32.const 1))))) (local.set $c11 (v128.load offset=16 (i32.add (local.get $o) (i32.mul (local.get $outStride) (i32.const 1)))))
                (local.set $c20 (v128.load (i32.add (local.get $o) (i32.mul (local.get $outStride) (i32.const 2))))) (local.set $c21 (v128.load offset=16 (i32.add (local.get $o) (i32.mul (local.get $outStride) (i32.const 2)))))
                (local.set $c30 (v128.load (i32.add (local.get $o) (i32.mul (local.get $outStride) (i32.const 3))))) (local.set $c31 (v128.load offset=16 (i32.add (local.get $o) (i32.mul (local.get $outStride) (i32.const 3)))))
                (local.set $c40 (v128.load (i32.add (local.get $o) (i32.mul (local.get $outStride) (i32.const 4))))) (local.set $c41 (v128.load offset=16 (i32.add (local.get $o) (i32.mul (local.get $outStride) (i32.const 4)))))
                (local.set $c50 (v128.load (i32.add (local.get $o) (i32.mul (local.get $outStride) (i32.const 5))))) (local.set $c51 (v128.load offset=16 (i32.add (local.get $o) (i32.mul (local.get $outStride) (i32.const 5)))))
)
              (else
                (local.set $c00 (v128.const i32x4 0 0 0 0))
                (local.set $c01 (v128.const i32x4 0 0 0 0))
                (local.set $c10 (v128.const i32x4 0 0 0 0))
                (local.set $c11 (v128.const i32x4 0 0 0 0))
                (local.set $c20 (v128.const i32x4 0 0 0 0))
                (local.set $c21 (v128.const i32x4 0 0 0 0))
                (local.set $c30 (v128.const i32x4 0 0 0 0))
                (local.set $c31 (v128.const i32x4 0 0 0 0))
                (local.set $c40 (v128.const i32x4 0 0 0 0))
                (local.set $c41 (v128.const i32x4 0 0 0 0))
                (local.set $c50 (v128.const i32x4 0 0 0 0))
                (local.set $c51 (v128.const i32x4 0 0 0 0))
))
            (local.set $mp (i32.add (local.get $pixels) (i32.shl (local.get $m0) (i32.const 2))))
            (local.set $mEnd (i32.add (local.get $pixels) (i32.shl (local.get $m1) (i32.const 2))))
            (local.set $dp
              (i32.add (i32.add (local.get $dy) (i32.mul (local.get $m0) (local.get $dyStride)))
                (i32.shl (local.get $p) (i32.const 5))))
            (loop $pixelsOfBlock
              (local.set $base (i32.load (local.get $mp)))
              (local.set $b0 (v128.load (local.get $dp)))
              (local.set $b1 (v128.load offset=16 (local.get $dp)))
              (local.set $x (v128.load32_splat (i32.add (local.get $base) (local.get $r0))))
              (local.set $c00 (f32x4.relaxed_madd (local.get $x) (local.get $b0) (local.get $c00)))
              (local.set $c01 (f32x4.relaxed_madd (local.get $x) (local.get $b1) (local.get $c01)))
              (local.set $x (v128.load32_splat (i32.add (local.get $base) (local.get $r1))))
              (local.set $c10 (f32x4.relaxed_madd (local.get $x) (local.get $b0) (local.get $c10)))
              (local.set $c11 (f32x4.relaxed_madd (local.get $x) (local.get $b1) (local.get $c11)))
              (local.set $x (v128.load32_splat (i32.add (local.get $base) (local.get $r2))))
              (local.set $c20 (f32x4.relaxed_madd (local.get $x) (local.get $b0) (local.get $c20)))
              (local.set $c21 (f32x4.relaxed_madd (local.get $x) (local.get $b1) (local.get $c21)))
              (local.set $x (v128.load32_splat (i32.add (local.get $base) (local.get $r3))))
              (local.set $c30 (f32x4.relaxed_madd (local.get $x) (local.get $b0) (local.get $c30)))
              (local.set $c31 (f32x4.relaxed_madd (local.get $x) (local.get $b1) (local.get $c31)))
              (local.set $x (v128.load32_splat (i32.add (local.get $base) (local.get $r4))))
              (local.set $c40 (f32x4.relaxed_madd (local.get $x) (local.get $b0) (local.get $c40)))
              (local.set $c41 (f32x4.relaxed_madd (local.get $x) (local.get $b1) (local.get $c41)))
              (local.set $x (v128.load32_splat (i32.add (local.get $base) (local.get $r5))))
              (local.set $c50 (f32x4.relaxed_madd (local.get $x) (local.get $b0) (local.get $c50)))
              (local.set $c51 (f32x4.relaxed_madd (local.get $x) (local.get $b1) (local.get $c51)))
              (local.set $dp (i32.add (local.get $dp) (local.get $dyStride)))
              (br_if $pixelsOfBlock (i32.lt_u (local.tee $mp (i32.add (local.get $mp) (i32.const 4))) (local.get $mEnd))))
            (v128.store (local.get $o) (local.get $c00)) (v128.store offset=16 (local.get $o) (local.get $c01))
            (local.set $o (i32.add (local.get $o) (local.get $outStride)))
            (v128.store (local.get $o) (local.get $c10)) (v128.store offset=16 (local.get $o) (local.get $c11))
            (local.set $o (i32.add (local.get $o) (local.get $outStride)))
            (v128.store (local.get $o) (local.get $c20)) (v128.store offset=16 (local.get $o) (local.get $c21))
            (local.set $o (i32.add (local.get $o) (local.get $outStride)))
            (v128.store (local.get $o) (local.get $c30)) (v128.store offset=16 (local.get $o) (local.get $c31))
            (local.set $o (i32.add (local.get $o) (local.get $outStride)))
            (v128.store (local.get $o) (local.get $c40)) (v128.store offset=16 (local.get $o) (local.get $c41))
            (local.set $o (i32.add (local.get $o) (local.get $outStride)))
            (v128.store (local.get $o) (local.get $c50)) (v128.store offset=16 (local.get $o) (local.get $c51))
            (br_if $panels (i32.lt_u (local.tee $p (i32.add (local.get $p) (i32.const 1))) (local.get $panels))))
          (br_if $tiles (i32.lt_u (local.tee $t (i32.add (local.get $t) (i32.const 1))) (local.get $t1))))
        (br_if $blocks (i32.lt_u (local.tee $m0 (local.get $m1)) (local.get $count))))))

  ;; One Adam step over elements [1024·t0, 1024·t1) ∩ [0, size rounded up to 4) of a variable
  ;; ($value), its moments ($m, $v) and its gradient ($g), in place, in tfjs Adam's order of float32
  ;; operations (so the same values bit for bit): m' = m·β1 + g·(1 − β1), v' = v·β2 + g²·(1 − β2),
  ;; value' = (m' / (1 − β1ᵗ)) / (sqrt(v' / (1 − β2ᵗ)) + ε) · (−rate) + value. $scalars holds
  ;; β1, β2, 1 − β1, 1 − β2, 1 − β1ᵗ, 1 − β2ᵗ, ε, −rate as float32.
  (func (export "adam")
    (param $t0 i32) (param $t1 i32) (param $value i32) (param $m i32) (param $v i32) (param $g i32)
    (param $size i32) (param $scalars i32)
    (local $at i32) (local $end i32) (local $last i32)
    (local $beta1 v128) (local $beta2 v128) (local $keep1 v128) (local $keep2 v128)
    (local $bias1 v128) (local $bias2 v128) (local $epsilon v128) (local $rate v128)
    (local $grad v128) (local $m1 v128) (local $v1 v128)
    (local.set $beta1 (v128.load32_splat (local.get $scalars)))
    (local.set $beta2 (v128.load32_splat offset=4 (local.get $scalars)))
    (local.set $keep1 (v128.load32_splat offset=8 (local.get $scalars)))
    (local.set $keep2 (v128.load32_splat offset=12 (local.get $scalars)))
    (local.set $bias1 (v128.load32_splat offset=16 (local.get $scalars)))
    (local.set $bias2 (v128.load32_splat offset=20 (local.get $scalars)))
    (local.set $epsilon (v128.load32_splat offset=24 (local.get $scalars)))
    (local.set $rate (v128.load32_splat offset=28 (local.get $scalars)))
    ;; Byte offsets: tiles of 1024 floats, the last ending at size rounded up to 4 floats.
    (local.set $at (i32.shl (local.get $t0) (i32.const 12)))
    (local.set $end (i32.shl (local.get $t1) (i32.const 12)))
    (local.set $last (i32.shl (i32.and (i32.add (local.get $size) (i32.const 3)) (i32.const -4)) (i32.const 2)))
    (if (i32.gt_u (local.get $end) (local.get $last)) (then (local.set $end (local.get $last))))
    (block $done
      (br_if $done (i32.ge_u (local.get $at) (local.get $end)))
      (loop $elements
        (local.set $grad (v128.load (i32.add (local.get $g) (local.get $at))))
        (local.set $m1
          (f32x4.add (f32x4.mul (v128.load (i32.add (local.get $m) (local.get $at))) (local.get $beta1))
            (f32x4.mul (local.get $grad) (local.get $keep1))))
        (local.set $v1
          (f32x4.add (f32x4.mul (v128.load (i32.add (local.get $v) (local.get $at))) (local.get $beta2))
            (f32x4.mul (f32x4.mul (local.get $grad) (local.get $grad)) (local.get $keep2))))
        (v128.store (i32.add (local.get $m) (local.get $at)) (local.get $m1))
        (v128.store (i32.add (local.get $v) (local.get $at)) (local.get $v1))
        (v128.store (i32.add (local.get $value) (local.get $at))
          (f32x4.add
            (f32x4.mul
              (f32x4.div (f32x4.div (local.get $m1) (local.get $bias1))
                (f32x4.add (f32x4.sqrt (f32x4.div (local.get $v1) (local.get $bias2))) (local.get $epsilon)))
              (local.get $rate))
            (v128.load (i32.add (local.get $value) (local.get $at)))))
        (br_if $elements (i32.lt_u (local.tee $at (i32.add (local.get $at) (i32.const 16))) (local.get $end))))))

  ;; The max-pool gradient for images t0 ≤ n < t1 (each image's windows only touch that image):
  ;; dx[argmax of each window] += dy, the argmax being the window's first maximum scanned row by
  ;; row (a later pixel wins only when strictly larger; NaN never wins), four channels at a time.
  ;; x and dx are [n, inH, inW, ch], dy [n, outH, outW, ch]; ch % 4 = 0; dx starts at zero.
  (func (export "maxPoolGrad")
    (param $t0 i32) (param $t1 i32) (param $x i32) (param $dy i32) (param $dx i32)
    (param $inH i32) (param $inW i32) (param $ch i32) (param $outH i32) (param $outW i32)
    (param $sH i32) (param $sW i32) (param $fH i32) (param $fW i32) (param $padT i32) (param $padL i32)
    (local $n i32) (local $oh i32) (local $ow i32) (local $c i32) (local $h i32) (local $w i32)
    (local $hLo i32) (local $hHi i32) (local $wLo i32) (local $wHi i32) (local $pixelBytes i32)
    (local $xImage i32) (local $dxImage i32) (local $dyAt i32) (local $rel i32) (local $at i32)
    (local $best v128) (local $bestAt v128) (local $v v128) (local $mask v128) (local $g v128)
    (local $lanes v128)
    (local.set $pixelBytes (i32.shl (local.get $ch) (i32.const 2)))
    (local.set $lanes (v128.const i32x4 0 4 8 12))
    (local.set $n (local.get $t0))
    (block $imagesDone
      (br_if $imagesDone (i32.ge_u (local.get $n) (local.get $t1)))
      (loop $images
        (local.set $xImage
          (i32.add (local.get $x)
            (i32.mul (local.get $n) (i32.mul (i32.mul (local.get $inH) (local.get $inW)) (local.get $pixelBytes)))))
        (local.set $dxImage
          (i32.add (local.get $dx)
            (i32.mul (local.get $n) (i32.mul (i32.mul (local.get $inH) (local.get $inW)) (local.get $pixelBytes)))))
        (local.set $dyAt
          (i32.add (local.get $dy)
            (i32.mul (local.get $n) (i32.mul (i32.mul (local.get $outH) (local.get $outW)) (local.get $pixelBytes)))))
        (local.set $oh (i32.const 0))
        (loop $rows
          (local.set $hLo (i32.sub (i32.mul (local.get $oh) (local.get $sH)) (local.get $padT)))
          (local.set $hHi (i32.add (local.get $hLo) (local.get $fH)))
          (if (i32.lt_s (local.get $hLo) (i32.const 0)) (then (local.set $hLo (i32.const 0))))
          (if (i32.gt_s (local.get $hHi) (local.get $inH)) (then (local.set $hHi (local.get $inH))))
          (local.set $ow (i32.const 0))
          (loop $columns
            (local.set $wLo (i32.sub (i32.mul (local.get $ow) (local.get $sW)) (local.get $padL)))
            (local.set $wHi (i32.add (local.get $wLo) (local.get $fW)))
            (if (i32.lt_s (local.get $wLo) (i32.const 0)) (then (local.set $wLo (i32.const 0))))
            (if (i32.gt_s (local.get $wHi) (local.get $inW)) (then (local.set $wHi (local.get $inW))))
            (if (i32.and (i32.lt_s (local.get $hLo) (local.get $hHi)) (i32.lt_s (local.get $wLo) (local.get $wHi)))
              (then
                (local.set $c (i32.const 0))
                (loop $channels
                  ;; The window's first pixel starts the scan.
                  (local.set $rel
                    (i32.add
                      (i32.mul (i32.add (i32.mul (local.get $hLo) (local.get $inW)) (local.get $wLo)) (local.get $pixelBytes))
                      (local.get $c)))
                  (local.set $best (v128.load (i32.add (local.get $xImage) (local.get $rel))))
                  (local.set $bestAt (i32x4.add (i32x4.splat (local.get $rel)) (local.get $lanes)))
                  (local.set $h (local.get $hLo))
                  (loop $windowRows
                    (local.set $w (local.get $wLo))
                    (if (i32.eq (local.get $h) (local.get $hLo)) (then (local.set $w (i32.add (local.get $wLo) (i32.const 1)))))
                    (block $rowDone
                      (br_if $rowDone (i32.ge_s (local.get $w) (local.get $wHi)))
                      (loop $windowColumns
                        (local.set $rel
                          (i32.add
                            (i32.mul (i32.add (i32.mul (local.get $h) (local.get $inW)) (local.get $w)) (local.get $pixelBytes))
                            (local.get $c)))
                        (local.set $v (v128.load (i32.add (local.get $xImage) (local.get $rel))))
                        (local.set $mask (f32x4.gt (local.get $v) (local.get $best)))
                        (local.set $best (v128.bitselect (local.get $v) (local.get $best) (local.get $mask)))
                        (local.set $bestAt
                          (v128.bitselect (i32x4.add (i32x4.splat (local.get $rel)) (local.get $lanes)) (local.get $bestAt)
                            (local.get $mask)))
                        (br_if $windowColumns (i32.lt_s (local.tee $w (i32.add (local.get $w) (i32.const 1))) (local.get $wHi)))))
                    (br_if $windowRows (i32.lt_s (local.tee $h (i32.add (local.get $h) (i32.const 1))) (local.get $hHi))))
                  (local.set $g (v128.load (i32.add (local.get $dyAt) (local.get $c))))
                  (local.set $at (i32.add (local.get $dxImage) (i32x4.extract_lane 0 (local.get $bestAt))))
                  (f32.store (local.get $at) (f32.add (f32.load (local.get $at)) (f32x4.extract_lane 0 (local.get $g))))
                  (local.set $at (i32.add (local.get $dxImage) (i32x4.extract_lane 1 (local.get $bestAt))))
                  (f32.store (local.get $at) (f32.add (f32.load (local.get $at)) (f32x4.extract_lane 1 (local.get $g))))
                  (local.set $at (i32.add (local.get $dxImage) (i32x4.extract_lane 2 (local.get $bestAt))))
                  (f32.store (local.get $at) (f32.add (f32.load (local.get $at)) (f32x4.extract_lane 2 (local.get $g))))
                  (local.set $at (i32.add (local.get $dxImage) (i32x4.extract_lane 3 (local.get $bestAt))))
                  (f32.store (local.get $at) (f32.add (f32.load (local.get $at)) (f32x4.extract_lane 3 (local.get $g))))
                  (br_if $channels (i32.lt_u (local.tee $c (i32.add (local.get $c) (i32.const 16))) (local.get $pixelBytes))))))
            (local.set $dyAt (i32.add (local.get $dyAt) (local.get $pixelBytes)))
            (br_if $columns (i32.lt_u (local.tee $ow (i32.add (local.get $ow) (i32.const 1))) (local.get $outW))))
          (br_if $rows (i32.lt_u (local.tee $oh (i32.add (local.get $oh) (i32.const 1))) (local.get $outH))))
        (br_if $images (i32.lt_u (local.tee $n (i32.add (local.get $n) (i32.const 1))) (local.get $t1))))))
)
