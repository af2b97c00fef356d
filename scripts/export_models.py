#!/usr/bin/python3
"""Export real architectures to ONNX with random weights (Debian's python3-torch).

Usage: scripts/export_models.py [--out DIR] [--force] MODEL...
       scripts/export_models.py --list

Every model is exported at opset 13 with a dynamic batch axis ("batch"), the
way users export theirs; campaign's converter fixes the batch per job. The
weights come from torch.manual_seed(0), so the same torch version produces the
same file. Next to MODEL.onnx the script stores MODEL.input.npy (a batch-2
input drawn from a fixed seed) and MODEL.output.npy (PyTorch's own output for
it), so engines can be checked against PyTorch.
"""
import argparse
import os
import sys
import time

# Exported models, name -> (constructor, input shape without the batch dim).
def _vision(name):
    def build():
        import torchvision
        return getattr(torchvision.models, name)(weights=None)
    return build


MODELS = {
    "squeezenet1_1": (_vision("squeezenet1_1"), (3, 224, 224)),
    "mobilenet_v2": (_vision("mobilenet_v2"), (3, 224, 224)),
    "resnet50": (_vision("resnet50"), (3, 224, 224)),
    "efficientnet_b0": (_vision("efficientnet_b0"), (3, 224, 224)),
    "vit_b_16": (_vision("vit_b_16"), (3, 224, 224)),
}


def export(name, out_dir, force):
    import numpy as np
    import torch

    path = os.path.join(out_dir, name + ".onnx")
    if os.path.exists(path) and not force:
        print(f"{name}: {path} exists (use --force to re-export)")
        return
    build, shape = MODELS[name]
    torch.manual_seed(0)
    model = build().eval()
    gen = torch.Generator().manual_seed(1)
    x = torch.rand((2,) + shape, generator=gen) * 2 - 1
    start = time.time()
    tmp = path + ".tmp"
    with torch.no_grad():
        torch.onnx.export(model, x, tmp, opset_version=13, input_names=["input"],
                          output_names=["output"],
                          dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}},
                          do_constant_folding=True)
        y = model(x)
    os.replace(tmp, path)
    np.save(os.path.join(out_dir, name + ".input.npy"), x.numpy())
    np.save(os.path.join(out_dir, name + ".output.npy"), y.numpy())
    size_mb = os.path.getsize(path) / 1e6
    print(f"{name}: wrote {path} ({size_mb:.1f} MB) in {time.time() - start:.1f} s")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("models", nargs="*", help="models to export")
    parser.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..",
                                                      "campaigns", "models"))
    parser.add_argument("--force", action="store_true", help="re-export existing files")
    parser.add_argument("--list", action="store_true", help="list the models and exit")
    args = parser.parse_args()
    if args.list or not args.models:
        print("\n".join(sorted(MODELS)))
        return 0
    unknown = [m for m in args.models if m not in MODELS]
    if unknown:
        print(f"unknown model(s): {', '.join(unknown)}; known: {', '.join(sorted(MODELS))}",
              file=sys.stderr)
        return 2
    os.makedirs(args.out, exist_ok=True)
    for m in args.models:
        export(m, args.out, args.force)
    return 0


if __name__ == "__main__":
    sys.exit(main())
