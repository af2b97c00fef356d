#!/usr/bin/env bash
# From a fresh Debian 12 machine to a campaign report: installs the packages,
# builds, exports the quickstart model, runs campaigns/quickstart.yaml on the
# default OpenCL device (the first GPU, else PoCL on the CPU) and prints the
# report. Re-running reuses everything already there (engines come from the
# cache), and adds a new campaign to results/campaign.db.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
/usr/bin/python3 scripts/export_models.py squeezenet1_1
build/campaign run campaigns/quickstart.yaml "$@"
build/campaign report --format=csv
