#!/usr/bin/env bash
# Installs every Debian 12 package campaign needs to build, test and run.
# Safe to re-run: apt-get skips what is already installed.
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

PACKAGES=(
  # build
  build-essential cmake pkg-config git xz-utils
  # chosen libraries
  libonnx-dev libprotobuf-dev protobuf-compiler libyaml-cpp-dev libsqlite3-dev sqlite3
  libspdlog-dev libfmt-dev libboost-dev
  ocl-icd-opencl-dev opencl-headers libclblast-dev pocl-opencl-icd clinfo
  libcli11-dev nlohmann-json3-dev libgtest-dev libgmock-dev
  # sha256 of models and engines (common/sha256.h)
  libssl-dev
  # the CPU reference's matrix products (graph/reference/sgemm.h)
  libopenblas-dev
  # headless rendering check of the HTML report (orchestrator/report/report_html_test.cc)
  chromium
  # model export (scripts/export_models.py)
  python3 python3-torch python3-torchvision python3-onnx python3-numpy libonnx-testdata
)

export DEBIAN_FRONTEND=noninteractive
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages already installed"
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
