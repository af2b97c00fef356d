#!/usr/bin/env bash
# Orchestrator overhead per job: a 2,000-job campaign (20 models x 100 batch
# sizes) with the fake runner (tests/fake_runner.cc, exits at once), engines
# already in the cache, so what is timed is the orchestrator: the job store,
# the cache lookups, the logs and the spawning of one runner per job.
#   scripts/bench_orchestrator.sh [BUILD_DIR]
# Prints the wall time per job, and the cost of the runner spawn alone.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
work=$(mktemp -d /tmp/campaign-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/models"
"$BUILD/tests/make_tiny_model" "$work/models/m0.onnx"
{
  echo "name: bench2000"
  echo "models:"
  for i in $(seq 0 19); do
    cp "$work/models/m0.onnx" "$work/models/m$i.onnx" 2>/dev/null || true
    echo "  - {name: m$i, path: models/m$i.onnx}"
  done
  echo "matrix:"
  echo "  batch: [$(seq -s, 1 100)]"
  echo "measure: {warmup: 0, iterations: 1}"
} > "$work/bench.yaml"
export FAKE_RUNNER_MODE=ok
# Warm the engine cache (identical model bytes share engines: 100 conversions).
"$BUILD/campaign" run "$work/bench.yaml" --db "$work/r/campaign.db" -j 2 \
  --runner "$BUILD/tests/fake_runner" > "$work/warm.log"
start=$(date +%s.%N)
"$BUILD/campaign" run "$work/bench.yaml" --new --db "$work/r/campaign.db" \
  --runner "$BUILD/tests/fake_runner" > "$work/timed.log"
end=$(date +%s.%N)
jobs=$(sqlite3 "$work/r/campaign.db" "select count(*) from jobs where campaign_id = 2 and status = 'succeeded'")
# The runner's own cost: spawning the fake runner alone, 200 times.
s2=$(date +%s.%N)
for i in $(seq 200); do "$BUILD/tests/fake_runner" --result "$work/x.json" > /dev/null; done
e2=$(date +%s.%N)
python3 - "$start" "$end" "$jobs" "$s2" "$e2" <<'PY'
import sys
start, end, jobs, s2, e2 = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
per_job = (end - start) / jobs * 1000
spawn = (e2 - s2) / 200 * 1000
print(f"jobs: {jobs} succeeded, wall {end - start:.2f} s")
print(f"per job: {per_job:.2f} ms wall, of which the fake runner process itself ~{spawn:.2f} ms")
print(f"orchestrator overhead per job: {per_job - spawn:.2f} ms (target < 10 ms)")
PY
