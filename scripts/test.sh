#!/usr/bin/env bash
# From a fresh Debian 12 machine to a passing test suite: installs the
# packages, exports the real model the end-to-end test uses, builds with
# warnings as errors, and runs every test with ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
/usr/bin/python3 scripts/export_models.py squeezenet1_1
scripts/build.sh -DCAMPAIGN_WERROR=ON
ctest --test-dir "${BUILD_DIR:-build}" --output-on-failure -j 2 "$@"
