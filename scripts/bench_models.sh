#!/usr/bin/env bash
# Median latency of exported models through the real path (campaign convert,
# then campaign-runner), without the CPU reference check, so large batches
# stay quick: the engines themselves are validated by the campaign and by
# runner-check-models (docs/operators.md).
#   scripts/bench_models.sh BIN_DIR MODELS_DIR "resnet50 vit_b_16" "1 8 32" [DEVICE]
# BIN_DIR holds campaign and campaign-runner (build/, or dist/bin with
# LD_LIBRARY_PATH set). Prints one line per model x batch.
set -euo pipefail
bin=$1 models=$2 names=$3 batches=$4 device=${5:-auto}
work=$(mktemp -d /tmp/campaign-bench-models-XXXXXX)
printf "%-16s %-6s %-12s %-12s %-12s %-14s %s\n" model batch median_ms p99_ms inf_per_s peak_dev_MiB device
for m in $names; do
  for b in $batches; do
    engine="$work/$m.b$b.onnx"
    if ! "$bin/campaign" convert "$models/$m.onnx" --batch "$b" -o "$engine" > "$work/convert.log" 2>&1; then
      echo "$m b$b: conversion failed: $(tail -1 "$work/convert.log")"; continue
    fi
    if ! "$bin/campaign-runner" --engine "$engine" --result "$work/r.json" --device "$device" \
         --warmup 10 --iterations 50 --profile-iterations 0 --no-validate > "$work/run.log" 2>&1; then
      echo "$m b$b: run failed: $(tail -1 "$work/run.log")"; continue
    fi
    python3 - "$work/r.json" "$m" "$b" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
l = r["latency"]
print(f'{sys.argv[2]:<16} {sys.argv[3]:<6} {l["median_ms"]:<12.3f} {l["p99_ms"]:<12.3f} '
      f'{r["throughput"]:<12.1f} {r.get("peak_device_bytes", 0) / 1048576:<14.1f} {r["device"]["name"]}')
PY
    rm -f "$engine"
  done
done
rm -rf "$work"
