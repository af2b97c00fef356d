#!/usr/bin/env bash
# Configures and builds campaign into build/ (BUILD_DIR to change it).
# Extra arguments go to cmake's configure step, e.g. -DCAMPAIGN_SANITIZE=ON.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=${BUILD_TYPE:-RelWithDebInfo} "$@" >/dev/null
cmake --build "$BUILD_DIR" -j "$(nproc)"
