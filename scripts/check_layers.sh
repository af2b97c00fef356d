#!/usr/bin/env bash
# The dependency rule of docs/architecture.md, as a check:
#
#   common  <-  graph  <-  converter
#                  ^           ^
#                  +-- runner  +-- orchestrator
#
#   - common/ includes nothing of the other layers;
#   - graph/ (the device-free core) includes only common/ and itself;
#   - converter/ includes common/, graph/ and itself: never runner/, never OpenCL;
#   - orchestrator/ never includes runner/ or OpenCL: the GPU is touched only
#     by the isolated runner processes it spawns;
#   - runner/ never includes converter/ or orchestrator/;
#   - with a build directory: the `campaign` binary does not link libOpenCL
#     or libclblast (readelf NEEDED entries).
#
# Usage: scripts/check_layers.sh [SOURCE_DIR] [BUILD_DIR]
#        scripts/check_layers.sh --self-test   (breaks a copy on purpose)
# Exit 0 when the rule holds, 1 with one line per violation otherwise.
set -uo pipefail

if [ "${1:-}" = "--self-test" ]; then
  self=$(readlink -f "$0")
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  mkdir -p "$tmp"/{common,graph,converter,orchestrator,runner}
  echo '#include "common/status.h"' > "$tmp/converter/ok.cc"
  "$self" "$tmp" >/dev/null || { echo "self-test: a clean tree failed"; exit 1; }
  for bad in 'converter/a.cc:#include "runner/cl/runtime.h"' \
             'converter/b.h:#include <CL/cl.h>' \
             'graph/c.cc:#include "runner/executor.h"' \
             'orchestrator/d.cc:#include "runner/job.h"' \
             'common/e.h:#include "graph/tensor.h"' \
             'runner/f.cc:#include "converter/convert.h"'; do
    file=${bad%%:*}
    echo "${bad#*:}" > "$tmp/$file"
    if "$self" "$tmp" >/dev/null; then echo "self-test: $file was not caught"; exit 1; fi
    rm "$tmp/$file"
  done
  echo "check_layers self-test: every planted violation was caught"
  exit 0
fi

src=${1:-$(dirname "$0")/..}
build=${2:-}
fail=0

# rule FOLDER PATTERN WHY: every #include in FOLDER matching PATTERN is a violation.
rule() {
  local folder=$1 pattern=$2 why=$3
  [ -d "$src/$folder" ] || return 0
  local hits
  hits=$(grep -rnE --include='*.h' --include='*.cc' "^[[:space:]]*#[[:space:]]*include[[:space:]]*[<\"]($pattern)" \
         "$src/$folder" 2>/dev/null)
  if [ -n "$hits" ]; then
    while IFS= read -r line; do echo "layer violation ($why): ${line#"$src"/}"; done <<<"$hits"
    fail=1
  fi
}

opencl='CL/|clblast'
rule common "graph/|runner/|converter/|orchestrator/|$opencl" "common depends on no layer"
rule graph "runner/|converter/|orchestrator/|$opencl" "graph is device-free"
rule converter "runner/|orchestrator/|$opencl" "the converter is device-free"
rule orchestrator "runner/|$opencl" "the orchestrator never loads OpenCL"
rule runner "converter/|orchestrator/" "the runner does not depend on the converter or orchestrator"

if [ -n "$build" ]; then
  bin="$build/campaign"
  if [ ! -x "$bin" ]; then
    echo "check_layers: $bin not built"
    fail=1
  elif readelf -d "$bin" | grep -E 'NEEDED.*(libOpenCL|libclblast)'; then
    echo "layer violation: $bin links OpenCL (the orchestrator must spawn campaign-runner)"
    fail=1
  fi
fi
exit $fail
