#!/usr/bin/env python3
"""PyTorch as a campaign backend: times one model at one batch and precision
and prints one JSON line that the `json` output parser reads.

    pytorch_backend.py --model resnet50 --batch 8 --precision fp16 \
        [--warmup 20] [--iterations 50] [--device auto|cuda|cpu]

--model is an architecture of scripts/export_models.py (squeezenet1_1,
mobilenet_v2, resnet50, efficientnet_b0, vit_b_16, bert_base: the same
graphs as the exported ONNX files, random weights) or any torchvision.models
constructor name. On CUDA each iteration is timed with CUDA events around the
forward pass (inputs already on the device: no transfers), after
torch.cuda.synchronize(); on the CPU with time.perf_counter(). fp32 means
TF32 off (torch.backends.{cuda.matmul,cudnn}.allow_tf32 = False); fp16 casts
the model and the inputs to half (CUDA only).

Output (one line): {"median_ms", "mean_ms", "min_ms", "max_ms", "p99_ms",
"stddev_ms", "throughput" (inferences/s = batch * 1000 / median_ms),
"device", "torch", "model", "batch", "precision", "iterations",
"transfers": false}. Exit 2 for bad arguments, 1 when the model cannot run.
"""
import argparse
import json
import math
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


def build_model(name):
    import torch
    import torchvision

    from export_models import MODELS, TOKEN_MODELS

    torch.manual_seed(0)
    if name in MODELS:
        build, shape = MODELS[name]
        return build(), shape, TOKEN_MODELS.get(name)
    ctor = getattr(torchvision.models, name, None)
    if ctor is None or not callable(ctor):
        known = ", ".join(sorted(MODELS))
        raise SystemExit(f"pytorch_backend: unknown model '{name}' (known: {known}, or a "
                         "torchvision.models constructor)")
    return ctor(weights=None), (3, 224, 224), None


def percentile(sorted_values, p):
    # Nearest rank, as the runner computes its percentiles.
    k = max(0, min(len(sorted_values) - 1, math.ceil(p / 100 * len(sorted_values)) - 1))
    return sorted_values[k]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", required=True)
    ap.add_argument("--batch", type=int, required=True)
    ap.add_argument("--precision", choices=["fp32", "fp16"], default="fp32")
    ap.add_argument("--warmup", type=int, default=20)
    ap.add_argument("--iterations", type=int, default=50)
    ap.add_argument("--device", choices=["auto", "cuda", "cpu"], default="auto")
    args = ap.parse_args()
    if args.batch < 1 or args.iterations < 1 or args.warmup < 0:
        ap.error("--batch and --iterations must be >= 1, --warmup >= 0")

    import torch

    cuda = torch.cuda.is_available() if args.device == "auto" else args.device == "cuda"
    if cuda and not torch.cuda.is_available():
        raise SystemExit("pytorch_backend: --device cuda but torch sees no CUDA device")
    if args.precision == "fp16" and not cuda:
        raise SystemExit("pytorch_backend: fp16 needs CUDA (CPU half-precision kernels are "
                         "incomplete); run fp32 on the CPU")
    device = torch.device("cuda" if cuda else "cpu")
    if cuda:
        torch.backends.cuda.matmul.allow_tf32 = False  # fp32 means fp32, not TF32
        torch.backends.cudnn.allow_tf32 = False
        torch.backends.cudnn.benchmark = True

    model, shape, vocab = build_model(args.model)
    model = model.eval().to(device)
    gen = torch.Generator().manual_seed(1)
    if vocab:
        x = torch.randint(0, vocab, (args.batch,) + tuple(shape), generator=gen)
    else:
        x = torch.rand((args.batch,) + tuple(shape), generator=gen) * 2 - 1
    x = x.to(device)
    if args.precision == "fp16":
        model = model.half()
        if not vocab:
            x = x.half()

    times = []
    with torch.no_grad():
        for _ in range(args.warmup):
            model(x)
        if cuda:
            torch.cuda.synchronize()
            start = torch.cuda.Event(enable_timing=True)
            end = torch.cuda.Event(enable_timing=True)
        for _ in range(args.iterations):
            if cuda:
                start.record()
                model(x)
                end.record()
                end.synchronize()
                times.append(start.elapsed_time(end))
            else:
                t0 = time.perf_counter()
                model(x)
                times.append((time.perf_counter() - t0) * 1000)

    s = sorted(times)
    median = statistics.median(s)
    print(json.dumps({
        "median_ms": median,
        "mean_ms": statistics.fmean(s),
        "min_ms": s[0],
        "max_ms": s[-1],
        "p99_ms": percentile(s, 99),
        "stddev_ms": statistics.pstdev(s),
        "throughput": args.batch * 1000 / median,
        "device": torch.cuda.get_device_name(device) if cuda else "cpu (PyTorch)",
        "torch": torch.__version__,
        "model": args.model,
        "batch": args.batch,
        "precision": args.precision,
        "iterations": args.iterations,
        "transfers": False,
    }))


if __name__ == "__main__":
    main()
