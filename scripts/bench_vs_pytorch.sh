#!/usr/bin/env bash
# Our engine against PyTorch eager on the GPU of this machine, in one run:
# exports the models (if missing), runs campaigns/gpu-vs-pytorch.yaml (both
# backends, device time only) and prints the comparison (ratio = ours /
# PyTorch latency; <= 1.0 means ours is no slower) and our per-layer top 3.
#   scripts/bench_vs_pytorch.sh [CAMPAIGN_BIN] [RESULTS_DIR]
# CAMPAIGN_BIN: the campaign binary (default build/campaign; on a lab machine
# dist/run.sh campaign after scripts/bundle.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build/campaign}
out=${2:-results/gpu-vs-pytorch}
mkdir -p "$out"
python3 scripts/export_models.py resnet50 mobilenet_v2 efficientnet_b0 squeezenet1_1 vit_b_16 \
  | grep -v "exists" || true
# shellcheck disable=SC2086
$bin run campaigns/gpu-vs-pytorch.yaml --db "$out/campaign.db" --new -j 4
$bin report --format=csv --db "$out/campaign.db" > "$out/report.csv"
$bin report --format=html --db "$out/campaign.db" -o "$out/report.html" || true
echo
echo "== ours / PyTorch (latency ratio per case; <= 1.0 meets the goal)"
$bin compare --baseline backend:pytorch --format=md --db "$out/campaign.db" | tee "$out/compare.md" || true
