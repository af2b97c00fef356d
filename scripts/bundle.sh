#!/usr/bin/env bash
# Bundles the built binaries with the shared libraries they need into dist/
# (bin/ and lib/), for lab machines that lack our Debian packages (e.g. the
# GPU machine, Ubuntu 24.04). The C runtime, libstdc++ and the OpenCL ICD
# loader stay the target's own: the loader must find the target's vendor
# drivers through /etc/OpenCL/vendors.
#   scripts/bundle.sh [BUILD_DIR] [DIST_DIR]
#   DIST_DIR/run.sh campaign run campaigns/quickstart.yaml
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
DIST=${2:-dist}
rm -rf "$DIST"
mkdir -p "$DIST/bin" "$DIST/lib"
cp "$BUILD/campaign" "$BUILD/campaign-runner" "$BUILD/runner-conformance" "$DIST/bin/"
strip --strip-debug "$DIST"/bin/*  # lab machines need no debug info; keeps the bundle small
keep_system='^(linux-vdso|ld-linux|libc\.|libm\.|libdl\.|librt\.|libpthread\.|libgcc_s\.|libstdc\+\+\.|libOpenCL\.)'
for bin in "$DIST"/bin/*; do
  ldd "$bin" | awk '/=> \//{print $1, $3}' | while read -r name path; do
    if ! [[ $name =~ $keep_system ]]; then cp -Ln "$path" "$DIST/lib/$name"; fi
  done
done
# Libraries over 16 MiB travel xz-compressed (OpenBLAS, the CPU reference's
# products: 35 MiB with kernels for every x86 CPU, 5 MiB packed), so the
# bundle stays small enough to carry to a lab machine; run.sh unpacks them.
for lib in "$DIST"/lib/*; do
  if [ "$(stat -c %s "$lib")" -gt $((16 << 20)) ]; then xz -T2 -3 "$lib"; fi
done
cat > "$DIST/run.sh" <<'EOS'
#!/usr/bin/env bash
# Runs a bundled binary with the bundled libraries: run.sh campaign ARGS...
# First unpacks the xz-compressed libraries that are not unpacked yet;
# `run.sh` alone only does that (before running bin/* directly with
# LD_LIBRARY_PATH=lib).
set -e
here=$(cd "$(dirname "$0")" && pwd)
for z in "$here"/lib/*.xz; do
  [ -e "$z" ] && [ ! -e "${z%.xz}" ] || continue
  xz -dc "$z" > "${z%.xz}.tmp.$$" && mv -f "${z%.xz}.tmp.$$" "${z%.xz}"
done
[ $# -gt 0 ] || exit 0
export LD_LIBRARY_PATH="$here/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
exec "$here/bin/$1" "${@:2}"
EOS
chmod +x "$DIST/run.sh"
echo "bundled $(ls "$DIST/lib" | wc -l) libraries into $DIST ($(du -sh "$DIST" | cut -f1))"
