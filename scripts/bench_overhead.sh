#!/usr/bin/env bash
# The runner's own host overhead per timed iteration, on a tiny engine
# (tests/make_tiny_model: Conv -> Relu -> GlobalAveragePool -> Flatten, batch 1),
# where the device work is a few microseconds and the host side dominates.
#   scripts/bench_overhead.sh [BUILD_DIR] [DEVICE] [ITERATIONS]
# Runs `campaign bench` in process (fixed count, profile run after it) and
# prints the median host wall time of one timed iteration next to the sum of
# the kernels' device times (profile), the copies, and the host time spent
# enqueueing. docs/benchmarks.md has the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
DEVICE=${2:-auto}
ITER=${3:-2000}
work=$(mktemp -d /tmp/campaign-overhead-XXXXXX)
trap 'rm -rf "$work"' EXIT
"$BUILD/tests/make_tiny_model" "$work/tiny.onnx" > /dev/null
"$BUILD/campaign" bench "$work/tiny.onnx" --device "$DEVICE" --iterations "$ITER" \
  --warmup 100 --warmup-ms 500 --profile --profile-iterations 200 \
  --result "$work/r.json" --export-times "$work/times.json" > "$work/bench.log" 2>&1 || { cat "$work/bench.log"; exit 1; }
/usr/bin/python3 - "$work/r.json" "$work/times.json" <<'PY'
import json, statistics, sys
r = json.load(open(sys.argv[1]))
events = statistics.median(t["eventsMs"] for t in json.load(open(sys.argv[2]))) * 1000
e2e = r["latency"]["median_ms"] * 1000
h2d = r["h2d"]["median_ms"] * 1000
d2h = r["d2h"]["median_ms"] * 1000
span = r["compute"]["median_ms"] * 1000
kernels = sum(l["median_ms"] for l in r["profile"]) * 1000
enq = r["enqueue"]["median_ms"] * 1000
busy = h2d + span + d2h
print(f"device: {r['device']['name']} ({r['device']['platform']})")
print(f"timed iterations: {r['iterations']}, layers: {len(r['profile'])}")
print(f"median host wall time per iteration:      {e2e:9.1f} us")
print(f"  sum of the kernels' device times (median): {kernels:9.1f} us")
print(f"  compute span, first kernel..last kernel:   {span:9.1f} us")
print(f"  H2D + D2H copies (device):                 {h2d + d2h:9.1f} us")
print(f"  host time to enqueue one inference:        {enq:9.1f} us")
print(f"  runner bookkeeping (event timestamps):     {events:9.1f} us")
print(f"host-side time not covered by device work: {e2e - busy:9.1f} us "
      f"({100 * (e2e - busy) / e2e:.0f} % of the iteration)")
PY
