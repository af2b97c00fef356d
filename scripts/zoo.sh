#!/usr/bin/env bash
# The model zoo (docs/zoo.md): exports architectures with random weights
# (scripts/export_models.py, Debian's python3-torch or any PyTorch), runs them
# through `campaign run` at each batch and precision, and prints, per job, the
# engine's error against PyTorch's own output (framework_norm_rel_error) and
# whether it is inside the precision's tolerance.
#
#   scripts/zoo.sh [--exporter torchscript|dynamo] [--opset N] [--functions]
#                  [--batch 1,2] [--precision fp32,fp16] [--dir DIR] [--db FILE]
#                  [MODEL...]
#
# --functions exports every nn.Module as a model-local ONNX function
# (torchscript, --opset >= 15), the form PyTorch 2.1-2.4's dynamo exporter
# wrote.
#
# Without MODELs: every model of export_models.py --list except the ones
# that need more than a few minutes on a 2-core PoCL machine. Needs a build
# (scripts/build.sh; BUILD_DIR overrides build/), or CAMPAIGN naming the
# command to run (e.g. CAMPAIGN="dist/run.sh campaign" with a bundle).
# PYTHON names the interpreter with torch (default /usr/bin/python3).
set -euo pipefail
cd "$(dirname "$0")/.."
exporter=torchscript opset="" functions="" batch="1,2" precision="fp32" dir="" db=""
models=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --exporter) exporter="$2"; shift 2 ;;
    --opset) opset="$2"; shift 2 ;;
    --functions) functions=1; shift ;;
    --batch) batch="$2"; shift 2 ;;
    --precision) precision="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    --db) db="$2"; shift 2 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    -*) echo "zoo.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
    *) models+=("$1"); shift ;;
  esac
done
build="${BUILD_DIR:-build}"
if [[ -z "${CAMPAIGN:-}" ]]; then
  [[ -x "$build/campaign" ]] || { echo "zoo.sh: no $build/campaign; run scripts/build.sh first" >&2; exit 2; }
  CAMPAIGN="$build/campaign"
fi
read -r -a campaign <<< "$CAMPAIGN"
if [[ ${#models[@]} -eq 0 ]]; then
  # The big ones (vgg, wide_resnet, efficientnet_v2_s, maxvit_t, fcn_resnet50)
  # only when named.
  models=(alexnet resnet18 resnet50 resnext50_32x4d densenet121 googlenet inception_v3
          squeezenet1_0 squeezenet1_1 shufflenet_v2_x0_5 mobilenet_v2 mobilenet_v3_small
          mobilenet_v3_large mnasnet0_5 efficientnet_b0 regnet_x_400mf regnet_y_400mf
          convnext_tiny swin_t vit_b_16 vit_tiny swin_tiny deeplabv3_mobilenet_v3_large
          lraspp_mobilenet_v3_large r3d_18 r2plus1d_18 mc3_18 lstm_small gru_small bert_tiny
          bert_base groupnorm_net audio_net)
fi
tag="${exporter}${opset:+-opset$opset}${functions:+-functions}"
dir="${dir:-campaigns/models/zoo-$tag}"
mkdir -p "$dir"
export_args=(--out "$dir" --exporter "$exporter" --keep-going)
[[ -n "$opset" ]] && export_args+=(--opset "$opset")
[[ -n "$functions" ]] && export_args+=(--modules-as-functions)
"${PYTHON:-/usr/bin/python3}" scripts/export_models.py "${export_args[@]}" "${models[@]}" || true

yaml="$dir/zoo.yaml"
{
  echo "# Written by scripts/zoo.sh: the zoo exported by the $exporter exporter${opset:+ at opset $opset}."
  echo "name: zoo-$tag"
  echo "models:"
  for m in "${models[@]}"; do
    f=$(ls "$dir/$m".onnx "$dir/$m".opset*.onnx 2>/dev/null | head -1 || true)
    [[ -n "$f" ]] && echo "  - {name: $m, path: $(basename "$f")}"
  done
  echo "matrix:"
  echo "  batch: [${batch}]"
  echo "  precision: [${precision}]"
  echo "measure: {warmup: 1, iterations: 3, repeat_unstable: 0}"
  echo "timeout: 20m"
} > "$yaml"
db="${db:-$dir/zoo.db}"
"${campaign[@]}" run "$yaml" --db "$db" || true
"${campaign[@]}" report --db "$db" --format=csv |
  "${PYTHON:-/usr/bin/python3}" -c '
import csv, sys
rows = list(csv.DictReader(sys.stdin))
cols = ["model", "batch", "precision", "status", "median_ms", "framework_norm_rel_error", "framework_check", "reason", "message"]
print("| " + " | ".join(cols) + " |")
print("|" + "---|" * len(cols))
for r in rows:
    print("| " + " | ".join((r.get(c) or "").replace("|", "/")[:100] for c in cols) + " |")
bad = [r for r in rows if r.get("framework_check") != "passed"]
print(f"\n{len(rows) - len(bad)} of {len(rows)} jobs match PyTorch", file=sys.stderr)
'
