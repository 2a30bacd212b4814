;; The inner loops of src/lib/linalg as WebAssembly with 128-bit SIMD: two float64 lanes per
;; instruction and no bounds checks make them two to four times faster than the same loops in
;; JavaScript. Assembled at build time by tools/wasm/vitePluginWat.ts (wabt) and loaded by
;; simdKernels.ts; javascriptKernels.ts holds the same kernels in JavaScript.
;;
;; Conventions, for every function:
;; - pointers ($a, $row, $d, ...) are byte offsets into the imported memory, `stride` is the
;;   distance in bytes between consecutive rows, and counts are numbers of float64 elements;
;; - element-wise updates use exactly the operations (and order) of the JavaScript kernels, so
;;   they agree to the bit;
;; - sums run in two lanes (even and odd positions) that are added at the end, so they differ
;;   from a sequential sum in the last bits. An odd last position is added after the lanes.
(module
  (import "env" "memory" (memory 1))

  ;; The 4 × 2 register-blocked product: out[i·bRows + j] = Σ_t a[i·k + t] · b[j·k + t] for
  ;; rows of a against rows of b, both k wide. Each block of 4 rows of a and 2 rows of b shares
  ;; its loads and keeps eight independent f64x2 accumulators (a single running sum would wait
  ;; on the latency of every addition). Preconditions, met by padding with zeros in
  ;; simdKernels.ts: aRows % 4 = 0, bRows % 2 = 0, k even and ≥ 2. With $symmetric = 1
  ;; (b = a) only blocks with j ≥ i are computed.
  (func (export "dots")
    (param $a i32) (param $aRows i32) (param $b i32) (param $bRows i32) (param $k i32)
    (param $out i32) (param $symmetric i32)
    (local $rowBytes i32) (local $i i32) (local $j i32) (local $t i32)
    (local $aRow i32) (local $bRow i32) (local $at i32) (local $outAt i32)
    ;; $s<r><c>: row i + r of a against row j + c of b.
    (local $s00 v128) (local $s01 v128) (local $s10 v128) (local $s11 v128)
    (local $s20 v128) (local $s21 v128) (local $s30 v128) (local $s31 v128)
    (local $y0 v128) (local $y1 v128) (local $x v128)
    (local.set $rowBytes (i32.shl (local.get $k) (i32.const 3)))
    (local.set $i (i32.const 0))
    (block $allRowsDone
      (br_if $allRowsDone (i32.ge_s (local.get $i) (local.get $aRows)))
      (loop $rowsOfA
        (local.set $aRow (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $rowBytes))))
        (local.set $j (i32.mul (local.get $symmetric) (local.get $i)))
        (block $pairsDone
          (br_if $pairsDone (i32.ge_s (local.get $j) (local.get $bRows)))
          (loop $pairsOfB
            (local.set $bRow (i32.add (local.get $b) (i32.mul (local.get $j) (local.get $rowBytes))))
            (local.set $s00 (v128.const f64x2 0 0))
            (local.set $s01 (v128.const f64x2 0 0))
            (local.set $s10 (v128.const f64x2 0 0))
            (local.set $s11 (v128.const f64x2 0 0))
            (local.set $s20 (v128.const f64x2 0 0))
            (local.set $s21 (v128.const f64x2 0 0))
            (local.set $s30 (v128.const f64x2 0 0))
            (local.set $s31 (v128.const f64x2 0 0))
            ;; $t: byte offset within the rows, two elements a step.
            (local.set $t (i32.const 0))
            (loop $positions
              (local.set $y0 (v128.load align=8 (local.tee $at (i32.add (local.get $bRow) (local.get $t)))))
              (local.set $y1 (v128.load align=8 (i32.add (local.get $at) (local.get $rowBytes))))
              ;; $at walks down the four rows of a at this position.
              (local.set $x (v128.load align=8 (local.tee $at (i32.add (local.get $aRow) (local.get $t)))))
              (local.set $s00 (f64x2.add (local.get $s00) (f64x2.mul (local.get $x) (local.get $y0))))
              (local.set $s01 (f64x2.add (local.get $s01) (f64x2.mul (local.get $x) (local.get $y1))))
              (local.set $x (v128.load align=8 (local.tee $at (i32.add (local.get $at) (local.get $rowBytes)))))
              (local.set $s10 (f64x2.add (local.get $s10) (f64x2.mul (local.get $x) (local.get $y0))))
              (local.set $s11 (f64x2.add (local.get $s11) (f64x2.mul (local.get $x) (local.get $y1))))
              (local.set $x (v128.load align=8 (local.tee $at (i32.add (local.get $at) (local.get $rowBytes)))))
              (local.set $s20 (f64x2.add (local.get $s20) (f64x2.mul (local.get $x) (local.get $y0))))
              (local.set $s21 (f64x2.add (local.get $s21) (f64x2.mul (local.get $x) (local.get $y1))))
              (local.set $x (v128.load align=8 (local.tee $at (i32.add (local.get $at) (local.get $rowBytes)))))
              (local.set $s30 (f64x2.add (local.get $s30) (f64x2.mul (local.get $x) (local.get $y0))))
              (local.set $s31 (f64x2.add (local.get $s31) (f64x2.mul (local.get $x) (local.get $y1))))
              (br_if $positions
                (i32.lt_s (local.tee $t (i32.add (local.get $t) (i32.const 16))) (local.get $rowBytes))))
            ;; out[(i + r)·bRows + j + c] = lane 0 + lane 1, one row of out per row of the block.
            (local.set $outAt
              (i32.add (local.get $out)
                (i32.shl (i32.add (i32.mul (local.get $i) (local.get $bRows)) (local.get $j)) (i32.const 3))))
            (f64.store (local.get $outAt)
              (f64.add (f64x2.extract_lane 0 (local.get $s00)) (f64x2.extract_lane 1 (local.get $s00))))
            (f64.store offset=8 (local.get $outAt)
              (f64.add (f64x2.extract_lane 0 (local.get $s01)) (f64x2.extract_lane 1 (local.get $s01))))
            (local.set $outAt (i32.add (local.get $outAt) (i32.shl (local.get $bRows) (i32.const 3))))
            (f64.store (local.get $outAt)
              (f64.add (f64x2.extract_lane 0 (local.get $s10)) (f64x2.extract_lane 1 (local.get $s10))))
            (f64.store offset=8 (local.get $outAt)
              (f64.add (f64x2.extract_lane 0 (local.get $s11)) (f64x2.extract_lane 1 (local.get $s11))))
            (local.set $outAt (i32.add (local.get $outAt) (i32.shl (local.get $bRows) (i32.const 3))))
            (f64.store (local.get $outAt)
              (f64.add (f64x2.extract_lane 0 (local.get $s20)) (f64x2.extract_lane 1 (local.get $s20))))
            (f64.store offset=8 (local.get $outAt)
              (f64.add (f64x2.extract_lane 0 (local.get $s21)) (f64x2.extract_lane 1 (local.get $s21))))
            (local.set $outAt (i32.add (local.get $outAt) (i32.shl (local.get $bRows) (i32.const 3))))
            (f64.store (local.get $outAt)
              (f64.add (f64x2.extract_lane 0 (local.get $s30)) (f64x2.extract_lane 1 (local.get $s30))))
            (f64.store offset=8 (local.get $outAt)
              (f64.add (f64x2.extract_lane 0 (local.get $s31)) (f64x2.extract_lane 1 (local.get $s31))))
            (br_if $pairsOfB
              (i32.lt_s (local.tee $j (i32.add (local.get $j) (i32.const 2))) (local.get $bRows)))))
        (br_if $rowsOfA
          (i32.lt_s (local.tee $i (i32.add (local.get $i) (i32.const 4))) (local.get $aRows))))))

  ;; tred2's symmetric product for four rows x_r at $row + r·$stride, over positions k < count:
  ;;   sums[r] = g_r + Σ_k x_r[k] d[k]      ($sums: where the four float64 results go)
  ;;   e[k]    = e[k] + x_0[k] f0 + x_1[k] f1 + x_2[k] f2 + x_3[k] f3
  (func (export "symmetricProductRows4")
    (param $row i32) (param $stride i32) (param $d i32) (param $e i32) (param $count i32)
    (param $f0 f64) (param $f1 f64) (param $f2 f64) (param $f3 f64)
    (param $g0 f64) (param $g1 f64) (param $g2 f64) (param $g3 f64) (param $sums i32)
    (local $at i32) (local $end i32) (local $x i32)
    (local $ff0 v128) (local $ff1 v128) (local $ff2 v128) (local $ff3 v128)
    (local $lanes0 v128) (local $lanes1 v128) (local $lanes2 v128) (local $lanes3 v128)
    (local $dk v128) (local $ek v128) (local $v v128)
    (local $sum0 f64) (local $sum1 f64) (local $sum2 f64) (local $sum3 f64)
    (local $dLast f64) (local $v0 f64) (local $v1 f64) (local $v2 f64) (local $v3 f64)
    (local.set $ff0 (f64x2.splat (local.get $f0)))
    (local.set $ff1 (f64x2.splat (local.get $f1)))
    (local.set $ff2 (f64x2.splat (local.get $f2)))
    (local.set $ff3 (f64x2.splat (local.get $f3)))
    (local.set $lanes0 (v128.const f64x2 0 0))
    (local.set $lanes1 (v128.const f64x2 0 0))
    (local.set $lanes2 (v128.const f64x2 0 0))
    (local.set $lanes3 (v128.const f64x2 0 0))
    ;; $at: byte offset of position k, over the even part [0, $end).
    (local.set $end (i32.shl (i32.and (local.get $count) (i32.const -2)) (i32.const 3)))
    (local.set $at (i32.const 0))
    (block $pairsDone
      (br_if $pairsDone (i32.ge_s (local.get $at) (local.get $end)))
      (loop $pairs
        (local.set $dk (v128.load align=8 (i32.add (local.get $d) (local.get $at))))
        (local.set $ek (v128.load align=8 (i32.add (local.get $e) (local.get $at))))
        (local.set $v (v128.load align=8 (local.tee $x (i32.add (local.get $row) (local.get $at)))))
        (local.set $lanes0 (f64x2.add (local.get $lanes0) (f64x2.mul (local.get $v) (local.get $dk))))
        (local.set $ek (f64x2.add (local.get $ek) (f64x2.mul (local.get $v) (local.get $ff0))))
        (local.set $v (v128.load align=8 (local.tee $x (i32.add (local.get $x) (local.get $stride)))))
        (local.set $lanes1 (f64x2.add (local.get $lanes1) (f64x2.mul (local.get $v) (local.get $dk))))
        (local.set $ek (f64x2.add (local.get $ek) (f64x2.mul (local.get $v) (local.get $ff1))))
        (local.set $v (v128.load align=8 (local.tee $x (i32.add (local.get $x) (local.get $stride)))))
        (local.set $lanes2 (f64x2.add (local.get $lanes2) (f64x2.mul (local.get $v) (local.get $dk))))
        (local.set $ek (f64x2.add (local.get $ek) (f64x2.mul (local.get $v) (local.get $ff2))))
        (local.set $v (v128.load align=8 (local.tee $x (i32.add (local.get $x) (local.get $stride)))))
        (local.set $lanes3 (f64x2.add (local.get $lanes3) (f64x2.mul (local.get $v) (local.get $dk))))
        (local.set $ek (f64x2.add (local.get $ek) (f64x2.mul (local.get $v) (local.get $ff3))))
        (v128.store align=8 (i32.add (local.get $e) (local.get $at)) (local.get $ek))
        (br_if $pairs (i32.lt_s (local.tee $at (i32.add (local.get $at) (i32.const 16))) (local.get $end)))))
    (local.set $sum0 (f64.add (f64x2.extract_lane 0 (local.get $lanes0)) (f64x2.extract_lane 1 (local.get $lanes0))))
    (local.set $sum1 (f64.add (f64x2.extract_lane 0 (local.get $lanes1)) (f64x2.extract_lane 1 (local.get $lanes1))))
    (local.set $sum2 (f64.add (f64x2.extract_lane 0 (local.get $lanes2)) (f64x2.extract_lane 1 (local.get $lanes2))))
    (local.set $sum3 (f64.add (f64x2.extract_lane 0 (local.get $lanes3)) (f64x2.extract_lane 1 (local.get $lanes3))))
    ;; An odd count leaves one position, at byte offset $end.
    (if (i32.and (local.get $count) (i32.const 1))
      (then
        (local.set $dLast (f64.load (i32.add (local.get $d) (local.get $end))))
        (local.set $v0 (f64.load (local.tee $x (i32.add (local.get $row) (local.get $end)))))
        (local.set $v1 (f64.load (local.tee $x (i32.add (local.get $x) (local.get $stride)))))
        (local.set $v2 (f64.load (local.tee $x (i32.add (local.get $x) (local.get $stride)))))
        (local.set $v3 (f64.load (i32.add (local.get $x) (local.get $stride))))
        (local.set $sum0 (f64.add (local.get $sum0) (f64.mul (local.get $v0) (local.get $dLast))))
        (local.set $sum1 (f64.add (local.get $sum1) (f64.mul (local.get $v1) (local.get $dLast))))
        (local.set $sum2 (f64.add (local.get $sum2) (f64.mul (local.get $v2) (local.get $dLast))))
        (local.set $sum3 (f64.add (local.get $sum3) (f64.mul (local.get $v3) (local.get $dLast))))
        (f64.store (local.tee $at (i32.add (local.get $e) (local.get $end)))
          (f64.add
            (f64.add
              (f64.add
                (f64.add (f64.load (local.get $at)) (f64.mul (local.get $v0) (local.get $f0)))
                (f64.mul (local.get $v1) (local.get $f1)))
              (f64.mul (local.get $v2) (local.get $f2)))
            (f64.mul (local.get $v3) (local.get $f3))))))
    (f64.store offset=0 (local.get $sums) (f64.add (local.get $g0) (local.get $sum0)))
    (f64.store offset=8 (local.get $sums) (f64.add (local.get $g1) (local.get $sum1)))
    (f64.store offset=16 (local.get $sums) (f64.add (local.get $g2) (local.get $sum2)))
    (f64.store offset=24 (local.get $sums) (f64.add (local.get $g3) (local.get $sum3))))

  ;; tred2's rank-two update A -= u pᵀ + p uᵀ on four rows x_r at $row + r·$stride, over
  ;; positions k < count (d is u, e is p):
  ;;   x_r[k] = x_r[k] - (f_r e[k] + g_r d[k])
  (func (export "rankTwoRows4")
    (param $row i32) (param $stride i32) (param $d i32) (param $e i32) (param $count i32)
    (param $f0 f64) (param $f1 f64) (param $f2 f64) (param $f3 f64)
    (param $g0 f64) (param $g1 f64) (param $g2 f64) (param $g3 f64)
    (local $at i32) (local $end i32) (local $x i32)
    (local $ff0 v128) (local $ff1 v128) (local $ff2 v128) (local $ff3 v128)
    (local $gg0 v128) (local $gg1 v128) (local $gg2 v128) (local $gg3 v128)
    (local $dk v128) (local $ek v128) (local $dLast f64) (local $eLast f64)
    (local.set $ff0 (f64x2.splat (local.get $f0)))
    (local.set $ff1 (f64x2.splat (local.get $f1)))
    (local.set $ff2 (f64x2.splat (local.get $f2)))
    (local.set $ff3 (f64x2.splat (local.get $f3)))
    (local.set $gg0 (f64x2.splat (local.get $g0)))
    (local.set $gg1 (f64x2.splat (local.get $g1)))
    (local.set $gg2 (f64x2.splat (local.get $g2)))
    (local.set $gg3 (f64x2.splat (local.get $g3)))
    (local.set $end (i32.shl (i32.and (local.get $count) (i32.const -2)) (i32.const 3)))
    (local.set $at (i32.const 0))
    (block $pairsDone
      (br_if $pairsDone (i32.ge_s (local.get $at) (local.get $end)))
      (loop $pairs
        (local.set $ek (v128.load align=8 (i32.add (local.get $e) (local.get $at))))
        (local.set $dk (v128.load align=8 (i32.add (local.get $d) (local.get $at))))
        (v128.store align=8 (local.tee $x (i32.add (local.get $row) (local.get $at)))
          (f64x2.sub (v128.load align=8 (local.get $x))
            (f64x2.add (f64x2.mul (local.get $ff0) (local.get $ek)) (f64x2.mul (local.get $gg0) (local.get $dk)))))
        (v128.store align=8 (local.tee $x (i32.add (local.get $x) (local.get $stride)))
          (f64x2.sub (v128.load align=8 (local.get $x))
            (f64x2.add (f64x2.mul (local.get $ff1) (local.get $ek)) (f64x2.mul (local.get $gg1) (local.get $dk)))))
        (v128.store align=8 (local.tee $x (i32.add (local.get $x) (local.get $stride)))
          (f64x2.sub (v128.load align=8 (local.get $x))
            (f64x2.add (f64x2.mul (local.get $ff2) (local.get $ek)) (f64x2.mul (local.get $gg2) (local.get $dk)))))
        (v128.store align=8 (local.tee $x (i32.add (local.get $x) (local.get $stride)))
          (f64x2.sub (v128.load align=8 (local.get $x))
            (f64x2.add (f64x2.mul (local.get $ff3) (local.get $ek)) (f64x2.mul (local.get $gg3) (local.get $dk)))))
        (br_if $pairs (i32.lt_s (local.tee $at (i32.add (local.get $at) (i32.const 16))) (local.get $end)))))
    (if (i32.and (local.get $count) (i32.const 1))
      (then
        (local.set $eLast (f64.load (i32.add (local.get $e) (local.get $end))))
        (local.set $dLast (f64.load (i32.add (local.get $d) (local.get $end))))
        (f64.store (local.tee $x (i32.add (local.get $row) (local.get $end)))
          (f64.sub (f64.load (local.get $x))
            (f64.add (f64.mul (local.get $f0) (local.get $eLast)) (f64.mul (local.get $g0) (local.get $dLast)))))
        (f64.store (local.tee $x (i32.add (local.get $x) (local.get $stride)))
          (f64.sub (f64.load (local.get $x))
            (f64.add (f64.mul (local.get $f1) (local.get $eLast)) (f64.mul (local.get $g1) (local.get $dLast)))))
        (f64.store (local.tee $x (i32.add (local.get $x) (local.get $stride)))
          (f64.sub (f64.load (local.get $x))
            (f64.add (f64.mul (local.get $f2) (local.get $eLast)) (f64.mul (local.get $g2) (local.get $dLast)))))
        (f64.store (local.tee $x (i32.add (local.get $x) (local.get $stride)))
          (f64.sub (f64.load (local.get $x))
            (f64.add (f64.mul (local.get $f3) (local.get $eLast)) (f64.mul (local.get $g3) (local.get $dLast))))))))

  ;; Four dot products with one vector u, over positions k < count, for the rows x_r at
  ;; $row + r·$stride: sums[r] = Σ_k u[k] x_r[k] ($sums: where the four float64 results go).
  (func (export "dotRows4")
    (param $u i32) (param $row i32) (param $stride i32) (param $count i32) (param $sums i32)
    (local $at i32) (local $end i32) (local $x i32)
    (local $g0 v128) (local $g1 v128) (local $g2 v128) (local $g3 v128) (local $uk v128)
    (local $sum0 f64) (local $sum1 f64) (local $sum2 f64) (local $sum3 f64) (local $uLast f64)
    (local.set $g0 (v128.const f64x2 0 0))
    (local.set $g1 (v128.const f64x2 0 0))
    (local.set $g2 (v128.const f64x2 0 0))
    (local.set $g3 (v128.const f64x2 0 0))
    (local.set $end (i32.shl (i32.and (local.get $count) (i32.const -2)) (i32.const 3)))
    (local.set $at (i32.const 0))
    (block $pairsDone
      (br_if $pairsDone (i32.ge_s (local.get $at) (local.get $end)))
      (loop $pairs
        (local.set $uk (v128.load align=8 (i32.add (local.get $u) (local.get $at))))
        (local.set $g0 (f64x2.add (local.get $g0)
          (f64x2.mul (local.get $uk) (v128.load align=8 (local.tee $x (i32.add (local.get $row) (local.get $at)))))))
        (local.set $g1 (f64x2.add (local.get $g1)
          (f64x2.mul (local.get $uk) (v128.load align=8 (local.tee $x (i32.add (local.get $x) (local.get $stride)))))))
        (local.set $g2 (f64x2.add (local.get $g2)
          (f64x2.mul (local.get $uk) (v128.load align=8 (local.tee $x (i32.add (local.get $x) (local.get $stride)))))))
        (local.set $g3 (f64x2.add (local.get $g3)
          (f64x2.mul (local.get $uk) (v128.load align=8 (local.tee $x (i32.add (local.get $x) (local.get $stride)))))))
        (br_if $pairs (i32.lt_s (local.tee $at (i32.add (local.get $at) (i32.const 16))) (local.get $end)))))
    (local.set $sum0 (f64.add (f64x2.extract_lane 0 (local.get $g0)) (f64x2.extract_lane 1 (local.get $g0))))
    (local.set $sum1 (f64.add (f64x2.extract_lane 0 (local.get $g1)) (f64x2.extract_lane 1 (local.get $g1))))
    (local.set $sum2 (f64.add (f64x2.extract_lane 0 (local.get $g2)) (f64x2.extract_lane 1 (local.get $g2))))
    (local.set $sum3 (f64.add (f64x2.extract_lane 0 (local.get $g3)) (f64x2.extract_lane 1 (local.get $g3))))
    (if (i32.and (local.get $count) (i32.const 1))
      (then
        (local.set $uLast (f64.load (i32.add (local.get $u) (local.get $end))))
        (local.set $sum0 (f64.add (local.get $sum0)
          (f64.mul (local.get $uLast) (f64.load (local.tee $x (i32.add (local.get $row) (local.get $end)))))))
        (local.set $sum1 (f64.add (local.get $sum1)
          (f64.mul (local.get $uLast) (f64.load (local.tee $x (i32.add (local.get $x) (local.get $stride)))))))
        (local.set $sum2 (f64.add (local.get $sum2)
          (f64.mul (local.get $uLast) (f64.load (local.tee $x (i32.add (local.get $x) (local.get $stride)))))))
        (local.set $sum3 (f64.add (local.get $sum3)
          (f64.mul (local.get $uLast) (f64.load (i32.add (local.get $x) (local.get $stride))))))))
    (f64.store offset=0 (local.get $sums) (local.get $sum0))
    (f64.store offset=8 (local.get $sums) (local.get $sum1))
    (f64.store offset=16 (local.get $sums) (local.get $sum2))
    (f64.store offset=24 (local.get $sums) (local.get $sum3)))

  ;; Four updates with one vector w, over positions k < count, for the rows x_r at
  ;; $row + r·$stride: x_r[k] = x_r[k] - g_r w[k].
  (func (export "axpyRows4")
    (param $w i32) (param $row i32) (param $stride i32) (param $count i32)
    (param $g0 f64) (param $g1 f64) (param $g2 f64) (param $g3 f64)
    (local $at i32) (local $end i32) (local $x i32)
    (local $gg0 v128) (local $gg1 v128) (local $gg2 v128) (local $gg3 v128) (local $wk v128)
    (local $wLast f64)
    (local.set $gg0 (f64x2.splat (local.get $g0)))
    (local.set $gg1 (f64x2.splat (local.get $g1)))
    (local.set $gg2 (f64x2.splat (local.get $g2)))
    (local.set $gg3 (f64x2.splat (local.get $g3)))
    (local.set $end (i32.shl (i32.and (local.get $count) (i32.const -2)) (i32.const 3)))
    (local.set $at (i32.const 0))
    (block $pairsDone
      (br_if $pairsDone (i32.ge_s (local.get $at) (local.get $end)))
      (loop $pairs
        (local.set $wk (v128.load align=8 (i32.add (local.get $w) (local.get $at))))
        (v128.store align=8 (local.tee $x (i32.add (local.get $row) (local.get $at)))
          (f64x2.sub (v128.load align=8 (local.get $x)) (f64x2.mul (local.get $gg0) (local.get $wk))))
        (v128.store align=8 (local.tee $x (i32.add (local.get $x) (local.get $stride)))
          (f64x2.sub (v128.load align=8 (local.get $x)) (f64x2.mul (local.get $gg1) (local.get $wk))))
        (v128.store align=8 (local.tee $x (i32.add (local.get $x) (local.get $stride)))
          (f64x2.sub (v128.load align=8 (local.get $x)) (f64x2.mul (local.get $gg2) (local.get $wk))))
        (v128.store align=8 (local.tee $x (i32.add (local.get $x) (local.get $stride)))
          (f64x2.sub (v128.load align=8 (local.get $x)) (f64x2.mul (local.get $gg3) (local.get $wk))))
        (br_if $pairs (i32.lt_s (local.tee $at (i32.add (local.get $at) (i32.const 16))) (local.get $end)))))
    (if (i32.and (local.get $count) (i32.const 1))
      (then
        (local.set $wLast (f64.load (i32.add (local.get $w) (local.get $end))))
        (f64.store (local.tee $x (i32.add (local.get $row) (local.get $end)))
          (f64.sub (f64.load (local.get $x)) (f64.mul (local.get $g0) (local.get $wLast))))
        (f64.store (local.tee $x (i32.add (local.get $x) (local.get $stride)))
          (f64.sub (f64.load (local.get $x)) (f64.mul (local.get $g1) (local.get $wLast))))
        (f64.store (local.tee $x (i32.add (local.get $x) (local.get $stride)))
          (f64.sub (f64.load (local.get $x)) (f64.mul (local.get $g2) (local.get $wLast))))
        (f64.store (local.tee $x (i32.add (local.get $x) (local.get $stride)))
          (f64.sub (f64.load (local.get $x)) (f64.mul (local.get $g3) (local.get $wLast)))))))
)
