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
import inspect
import os
import sys
import time

# Exported models, name -> (constructor, input shape without the batch dim).
def _vision(name):
    def build():
        import torch
        import torchvision
        model = getattr(torchvision.models, name)(weights=None)
        # torchvision zero-initialises some classifier heads (ViT): the output
        # would be all zeros and prove nothing. Give them random weights.
        for module in model.modules():
            if isinstance(module, torch.nn.Linear) and not module.weight.any():
                torch.nn.init.normal_(module.weight, std=0.02)
                torch.nn.init.normal_(module.bias, std=0.02)
        return model
    return build


class _Encoder:
    """BERT-base-like encoder from torch.nn: token + position embeddings,
    LayerNorm, 12 post-norm GELU encoder layers (attention, LayerNorm, FFN)."""

    VOCAB = 30522
    SEQ = 128

    @staticmethod
    def build():
        import math

        import torch
        from torch import nn

        # Handwritten layers: nn.TransformerEncoder's inference fast path
        # (_native_multi_head_attention) has no ONNX export in torch 1.13.
        class Layer(nn.Module):
            def __init__(self, hidden, heads):
                super().__init__()
                self.heads = heads
                self.qkv = nn.Linear(hidden, 3 * hidden)
                self.proj = nn.Linear(hidden, hidden)
                self.norm1 = nn.LayerNorm(hidden)
                self.ff1 = nn.Linear(hidden, 4 * hidden)
                self.ff2 = nn.Linear(4 * hidden, hidden)
                self.norm2 = nn.LayerNorm(hidden)

            def forward(self, x):
                b, s, h = x.shape
                d = h // self.heads
                q, k, v = self.qkv(x).split(h, dim=-1)
                q = q.reshape(b, s, self.heads, d).transpose(1, 2)
                k = k.reshape(b, s, self.heads, d).transpose(1, 2)
                v = v.reshape(b, s, self.heads, d).transpose(1, 2)
                att = torch.softmax(q @ k.transpose(-2, -1) / math.sqrt(d), dim=-1)
                a = (att @ v).transpose(1, 2).reshape(b, s, h)
                x = self.norm1(x + self.proj(a))
                return self.norm2(x + self.ff2(nn.functional.gelu(self.ff1(x))))

        class Encoder(nn.Module):
            def __init__(self, vocab=30522, seq=128, hidden=768, heads=12, layers=12):
                super().__init__()
                self.tok = nn.Embedding(vocab, hidden)
                self.pos = nn.Parameter(torch.randn(1, seq, hidden) * 0.02)
                self.norm = nn.LayerNorm(hidden)
                self.layers = nn.ModuleList(Layer(hidden, heads) for _ in range(layers))

            def forward(self, ids):
                x = self.norm(self.tok(ids) + self.pos)
                for layer in self.layers:
                    x = layer(x)
                return x

        return Encoder()


MODELS = {
    "squeezenet1_1": (_vision("squeezenet1_1"), (3, 224, 224)),
    "mobilenet_v2": (_vision("mobilenet_v2"), (3, 224, 224)),
    "resnet50": (_vision("resnet50"), (3, 224, 224)),
    "efficientnet_b0": (_vision("efficientnet_b0"), (3, 224, 224)),
    "vit_b_16": (_vision("vit_b_16"), (3, 224, 224)),
    # int64 token ids in [0, vocab), shape [batch, 128].
    "bert_base": (_Encoder.build, (_Encoder.SEQ,)),
}

# Models whose input is int64 token ids: name -> vocabulary size.
TOKEN_MODELS = {"bert_base": _Encoder.VOCAB}


class _PlainAttention:
    """While active, F.scaled_dot_product_attention is written out as MatMul,
    Mul, Softmax, MatMul. torch >= 2 routes nn.MultiheadAttention (vit_b_16)
    through it, and the TorchScript exporter has no opset-13 form for it; the
    math is the same, so PyTorch's output is unchanged."""

    def __enter__(self):
        import math

        import torch.nn.functional as F

        self._saved = getattr(F, "scaled_dot_product_attention", None)
        if self._saved is None:
            return self

        def sdpa(q, k, v, attn_mask=None, dropout_p=0.0, is_causal=False, scale=None, **_):
            s = scale if scale is not None else 1.0 / math.sqrt(q.size(-1))
            att = (q @ k.transpose(-2, -1)) * s
            if attn_mask is not None:
                if attn_mask.dtype == torch_bool():
                    att = att.masked_fill(~attn_mask, float("-inf"))
                else:
                    att = att + attn_mask
            return att.softmax(-1) @ v

        F.scaled_dot_product_attention = sdpa
        return self

    def __exit__(self, *exc):
        import torch.nn.functional as F

        if self._saved is not None:
            F.scaled_dot_product_attention = self._saved
        return False


def torch_bool():
    import torch

    return torch.bool


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
    if name in TOKEN_MODELS:
        x = torch.randint(0, TOKEN_MODELS[name], (2,) + shape, generator=gen, dtype=torch.int64)
    else:
        x = torch.rand((2,) + shape, generator=gen) * 2 - 1
    start = time.time()
    tmp = path + ".tmp"
    # Exported with autograd enabled: under no_grad, nn.MultiheadAttention
    # (vit_b_16) takes its fused inference path, which torch 1.13 cannot export.
    extra = {}
    if "dynamo" in inspect.signature(torch.onnx.export).parameters:
        extra["dynamo"] = False  # torch >= 2.5: keep the TorchScript exporter (opset 13)
    with _PlainAttention():
        torch.onnx.export(model, x, tmp, opset_version=13, input_names=["input"],
                          output_names=["output"],
                          dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}},
                          do_constant_folding=True, **extra)
    with torch.no_grad():
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
