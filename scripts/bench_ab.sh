#!/usr/bin/env bash
# A/B timing of two builds on one machine, for changes that must not move
# the numbers (refactors, toolchain updates): the same campaign is run by the
# baseline bundle, then by the candidate bundle, into one store; then
# `campaign compare --baseline campaign:previous` prints every job's ratio
# with the noise-aware verdict (docs/reports.md), and the engines' hashes
# show whether both builds converted the same bytes.
#   scripts/bench_ab.sh BASE_DIST NEW_DIST CAMPAIGN.yaml OUT_DIR
# BASE_DIST and NEW_DIST are scripts/bundle.sh outputs. Exit: compare's.
set -euo pipefail
base=$(cd "$1" && pwd); new=$(cd "$2" && pwd); yaml=$3; out=$4
mkdir -p "$out"
db="$out/ab.db"
rm -f "$db"
for side in base new; do
  dist=$base; [ "$side" = new ] && dist=$new
  echo "== $side: $dist"
  "$dist/run.sh" campaign run "$yaml" --db "$db" 2>&1 | tail -3
  "$dist/run.sh" campaign report --db "$db" --format=csv > "$out/$side.csv"
  # Each side converts its own engines (the cache would hand the candidate
  # the baseline's): hash them, then empty the cache.
  (cd "$out/engines" && find . -name '*.onnx' -print0 | sort -z | xargs -0 -r sha256sum) \
    > "$out/$side.engines.sha256"
  rm -rf "$out/engines"
done
if cmp -s "$out/base.engines.sha256" "$out/new.engines.sha256"; then
  echo "== engines: $(wc -l < "$out/new.engines.sha256") engines, byte-identical"
else
  echo "== engines differ:"; diff "$out/base.engines.sha256" "$out/new.engines.sha256" || true
fi
"$new/run.sh" campaign compare --db "$db" --baseline campaign:previous --format md | tee "$out/compare.md"
