#!/bin/sh
# A stand-in for a vendor benchmark tool, for the command-backend tests: it
# prints a log in TensorRT 10 trtexec's real format (the command line echo,
# options, device section and "=== Performance summary ===" block), with
# numbers that depend on the batch so tests can tell the jobs apart.
#
#   fake_vendor_tool.sh --onnx=MODEL --batch=N [--fp16] [--fail] [--garble]
#
# --fail exits 3 after printing an error (a runtime failure); --garble prints
# a log without a performance summary (a parse failure). $FAKE_VENDOR_SCALE
# (default 1) multiplies the latencies, to fake a slower night.
model="" batch=1 precision=FP32 fail=0 garble=0
for arg in "$@"; do
  case "$arg" in
    --onnx=*) model="${arg#--onnx=}" ;;
    --batch=*) batch="${arg#--batch=}" ;;
    --fp16) precision="FP32+FP16" ;;
    --fail) fail=1 ;;
    --garble) garble=1 ;;
  esac
done
echo "&&&& RUNNING TensorRT.trtexec [TensorRT v100300] # trtexec $*"
echo "[11/21/2026-10:02:11] [I] === Model Options ==="
echo "[11/21/2026-10:02:11] [I] Format: ONNX"
echo "[11/21/2026-10:02:11] [I] Model: $model"
echo "[11/21/2026-10:02:11] [I] Precision: $precision"
echo "[11/21/2026-10:02:11] [I] Input inference shape : input=${batch}x3x8x8"
echo "[11/21/2026-10:02:11] [I] Data transfers: Enabled"
echo "[11/21/2026-10:02:11] [I] CUDA Graph: Disabled"
echo "[11/21/2026-10:02:11] [I] === Device Information ==="
echo "[11/21/2026-10:02:11] [I] Selected Device: Fake Vendor GPU"
echo "[11/21/2026-10:02:11] [I] TensorRT version: 10.3.0"
if [ "$fail" = 1 ]; then
  echo "[11/21/2026-10:02:12] [E] Error[4]: cannot create the engine (simulated)" >&2
  echo "&&&& FAILED TensorRT.trtexec [TensorRT v100300] # trtexec $*"
  exit 3
fi
if [ "$garble" = 1 ]; then
  echo "[11/21/2026-10:02:12] [I] Starting inference"
  echo "&&&& PASSED TensorRT.trtexec [TensorRT v100300] # trtexec $*"
  exit 0
fi
# median = 0.5 ms per batch: 0.5 ms at batch 1, 1 ms at batch 2 (x scale).
scale="${FAKE_VENDOR_SCALE:-1}"
median=$(awk "BEGIN{printf \"%g\", 0.5 * $batch * $scale}")
qps=$(awk "BEGIN{printf \"%g\", 1000 / (0.5 * $batch * $scale)}")
echo "[11/21/2026-10:02:43] [I] === Performance summary ==="
echo "[11/21/2026-10:02:43] [I] Throughput: $qps qps"
echo "[11/21/2026-10:02:43] [I] Latency: min = 0.4 ms, max = 9 ms, mean = $median ms, median = $median ms, percentile(90%) = 2 ms, percentile(95%) = 3 ms, percentile(99%) = 4 ms"
echo "[11/21/2026-10:02:43] [I] Enqueue Time: min = 0.05 ms, max = 0.1 ms, mean = 0.06 ms, median = 0.06 ms, percentile(90%) = 0.07 ms, percentile(95%) = 0.08 ms, percentile(99%) = 0.09 ms"
echo "[11/21/2026-10:02:43] [I] H2D Latency: min = 0.01 ms, max = 0.02 ms, mean = 0.015 ms, median = 0.015 ms, percentile(90%) = 0.018 ms, percentile(95%) = 0.019 ms, percentile(99%) = 0.02 ms"
echo "[11/21/2026-10:02:43] [I] GPU Compute Time: min = 0.3 ms, max = 8 ms, mean = 0.45 ms, median = 0.45 ms, percentile(90%) = 1.5 ms, percentile(95%) = 2 ms, percentile(99%) = 3 ms"
echo "[11/21/2026-10:02:43] [I] D2H Latency: min = 0.005 ms, max = 0.01 ms, mean = 0.007 ms, median = 0.007 ms, percentile(90%) = 0.008 ms, percentile(95%) = 0.009 ms, percentile(99%) = 0.01 ms"
echo "[11/21/2026-10:02:43] [I] Total Host Walltime: 3.00051 s"
echo "[11/21/2026-10:02:43] [I] Total GPU Compute Time: 2.65041 s"
echo "&&&& PASSED TensorRT.trtexec [TensorRT v100300] # trtexec $*"
