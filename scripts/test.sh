#!/usr/bin/env bash
# From a fresh Debian 12 machine to a passing test suite: installs the
# packages, exports the real model the end-to-end test uses, builds with
# warnings as errors, and runs every test with ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
/usr/bin/python3 scripts/export_models.py squeezenet1_1
# The zoo's small models (tests/zoo_e2e_test.cc), at opset 13 and an older one.
zoo=(groupnorm_net lstm_small gru_small vit_tiny bert_tiny swin_tiny)
/usr/bin/python3 scripts/export_models.py --out campaigns/models/zoo-test --opset 13 audio_net "${zoo[@]}"
/usr/bin/python3 scripts/export_models.py --out campaigns/models/zoo-test --opset 11 "${zoo[@]}"
/usr/bin/python3 scripts/export_models.py --out campaigns/models/zoo-test --opset 9 audio_net
/usr/bin/python3 scripts/export_models.py --out campaigns/models/zoo-test --opset 15 \
  --modules-as-functions vit_tiny bert_tiny lstm_small groupnorm_net audio_net
scripts/build.sh -DCAMPAIGN_WERROR=ON
ctest --test-dir "${BUILD_DIR:-build}" --output-on-failure -j 2 "$@"
