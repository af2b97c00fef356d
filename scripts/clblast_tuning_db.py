#!/usr/bin/python3
"""Turns CLBlast tuner results into one campaign tuning file per device.

Usage: scripts/clblast_tuning_db.py OUT.json clblast_*.json

Run CLBlast's tuners (Debian package clblast-utils: clblast_tuner_xgemm,
clblast_tuner_xgemm_direct, clblast_tuner_copy_fast, clblast_tuner_copy_pad,
clblast_tuner_transpose_fast, clblast_tuner_transpose_pad, and then
clblast_tuner_routine_xgemm next to their results) on the device; each
writes clblast_<family>_32.json. This script keeps, per CLBlast kernel, the
parameters of the fastest family and writes them with the device, driver and
date. The runner applies matching files at start-up with
clblast::OverrideParameters (runner/cl/clblast_tuning.h); put the file in
runner/tuning/ to build it in, or in $CAMPAIGN_CLBLAST_TUNING_DIR.
"""
import datetime
import json
import sys

# Tuner family prefix -> the kernel name OverrideParameters expects.
KERNELS = {
    "xgemm_direct": "XgemmDirect",
    "xgemm": "Xgemm",
    "copy": "Copy",
    "pad": "Pad",
    "transpose": "Transpose",
    "padtranspose": "Padtranspose",
    # clblast_tuner_routine_xgemm: the size from which GEMM takes the indirect
    # kernel (pad/transpose + Xgemm) instead of XgemmDirect.
    "gemm_routine": "GemmRoutine",
}


def kernel_of(family):
    for prefix in sorted(KERNELS, key=len, reverse=True):
        if family == prefix or family.startswith(prefix + "_"):
            return KERNELS[prefix]
    return None


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    best = {}
    device = None
    for path in sys.argv[2:]:
        j = json.load(open(path))
        kernel = kernel_of(j["kernel_family"])
        if kernel is None or j.get("precision") != "32":
            print(f"{path}: skipped ({j['kernel_family']}, precision {j.get('precision')})")
            continue
        params = dict(p.split("=") for p in j["best_parameters"].split())
        params.pop("PRECISION", None)
        t = float(j["best_time"])
        dev = {k: j.get(k, "") for k in ("clblast_device_name", "clblast_device_vendor",
                                        "clblast_device_architecture", "platform_version",
                                        "device_compute_units", "device_core_clock")}
        if device and dev["clblast_device_name"] != device["clblast_device_name"]:
            sys.exit(f"{path}: results of two devices ({device['clblast_device_name']}, "
                     f"{dev['clblast_device_name']})")
        device = dev
        size = "x".join(j.get(k, "") for k in ("arg_m", "arg_n", "arg_k") if j.get(k))
        if kernel not in best or t < best[kernel]["time_ms"]:
            best[kernel] = {"family": j["kernel_family"], "time_ms": t, "size": size,
                            "parameters": {k: int(v) for k, v in params.items()}}
    out = {
        "device": device["clblast_device_name"],
        "vendor": device["clblast_device_vendor"],
        "architecture": device["clblast_device_architecture"],
        "driver": device["platform_version"],
        "compute_units": device["device_compute_units"],
        "core_clock_mhz": device["device_core_clock"],
        "precision": "fp32",
        "tuned_on": datetime.date.today().isoformat(),
        "kernels": best,
    }
    with open(sys.argv[1], "w") as f:
        json.dump(out, f, indent=2, sort_keys=True)
        f.write("\n")
    print(f"{sys.argv[1]}: {', '.join(sorted(best))} for {out['device']} ({out['driver']})")


if __name__ == "__main__":
    main()
