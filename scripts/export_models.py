#!/usr/bin/python3
"""Export real architectures to ONNX with random weights (Debian's python3-torch).

Usage: scripts/export_models.py [--out DIR] [--force] [--opset N] [--exporter E] MODEL...
       scripts/export_models.py --list

Every model is exported with a dynamic batch axis ("batch"), the way users
export theirs; campaign's converter fixes the batch per job. The default is
the TorchScript exporter at opset 13; `--opset` picks another opset (7-17 for
TorchScript) and `--exporter dynamo` the torch.export-based exporter of
PyTorch >= 2.5 (its default in 2.9+: opset 18-20, IR version 10), whose files
are named MODEL.opsetN.onnx so both kinds can sit side by side. The
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


def _small(name, **kwargs):
    """A torchvision architecture at a reduced width/depth (same operators,
    a fraction of the weights), for test sets that must stay small."""
    def build():
        import torch
        import torchvision
        model = getattr(torchvision.models, name)(weights=None, **kwargs)
        for module in model.modules():
            if isinstance(module, torch.nn.Linear) and not module.weight.any():
                torch.nn.init.normal_(module.weight, std=0.02)
                torch.nn.init.normal_(module.bias, std=0.02)
        return model
    return build


def _vision_seg(name):
    """A torchvision segmentation model returning only its "out" map."""
    def build():
        import torch
        import torchvision

        class Out(torch.nn.Module):
            def __init__(self):
                super().__init__()
                extra = {} if name.startswith("lraspp") else {"aux_loss": False}
                self.net = getattr(torchvision.models.segmentation, name)(
                    weights=None, weights_backbone=None, num_classes=5, **extra)

            def forward(self, x):
                return self.net(x)["out"]

        return Out()
    return build


def _video(name):
    def build():
        import torchvision
        return getattr(torchvision.models.video, name)(weights=None)
    return build


def _vit_tiny():
    import torch
    from torchvision.models.vision_transformer import VisionTransformer
    model = VisionTransformer(image_size=64, patch_size=16, num_layers=2, num_heads=2,
                              hidden_dim=64, mlp_dim=128, num_classes=10)
    torch.nn.init.normal_(model.heads.head.weight, std=0.02)
    return model


def _swin_tiny():
    from torchvision.models.swin_transformer import SwinTransformer
    return SwinTransformer(patch_size=[4, 4], embed_dim=24, depths=[2, 2], num_heads=[2, 4],
                           window_size=[4, 4], num_classes=10)


def _bert_tiny():
    from torch import nn

    class Tiny(nn.Module):
        def __init__(self):
            super().__init__()
            self.tok = nn.Embedding(1000, 64)
            layer = nn.TransformerEncoderLayer(64, 4, 128, dropout=0.0, activation="gelu",
                                               batch_first=True)
            self.enc = nn.TransformerEncoder(layer, 2, enable_nested_tensor=False)
            self.head = nn.Linear(64, 8)

        def forward(self, ids):
            return self.head(self.enc(self.tok(ids)))

    return Tiny()


def _recurrent(kind):
    def build():
        from torch import nn

        class Seq(nn.Module):
            def __init__(self):
                super().__init__()
                cls = nn.LSTM if kind == "lstm" else nn.GRU
                self.rnn = cls(16, 32, num_layers=2, batch_first=True, bidirectional=True)
                self.head = nn.Linear(64, 5)

            def forward(self, x):
                y, _ = self.rnn(x)
                return self.head(y)

        return Seq()
    return build


def _groupnorm_net():
    from torch import nn
    return nn.Sequential(nn.Conv2d(3, 16, 3, padding=1), nn.GroupNorm(4, 16), nn.GELU(),
                         nn.Conv2d(16, 32, 3, stride=2, padding=1), nn.InstanceNorm2d(32, affine=True),
                         nn.SiLU(), nn.ConvTranspose2d(32, 8, 2, stride=2), nn.AdaptiveAvgPool2d(1),
                         nn.Flatten(), nn.Linear(8, 4))


def _audio_net():
    from torch import nn
    return nn.Sequential(nn.Conv1d(4, 16, 5, padding=2), nn.BatchNorm1d(16), nn.ReLU(),
                         nn.MaxPool1d(2), nn.Conv1d(16, 16, 3, dilation=2, padding=2),
                         nn.ReLU(), nn.AdaptiveAvgPool1d(1), nn.Flatten(), nn.Linear(16, 3))


MODELS = {
    "squeezenet1_1": (_vision("squeezenet1_1"), (3, 224, 224)),
    "mobilenet_v2": (_vision("mobilenet_v2"), (3, 224, 224)),
    "resnet50": (_vision("resnet50"), (3, 224, 224)),
    "efficientnet_b0": (_vision("efficientnet_b0"), (3, 224, 224)),
    "vit_b_16": (_vision("vit_b_16"), (3, 224, 224)),
    # int64 token ids in [0, vocab), shape [batch, 128].
    "bert_base": (_Encoder.build, (_Encoder.SEQ,)),
    # The zoo (docs/zoo.md): every family torchvision ships, detection and
    # segmentation heads, video, sequence models.
    "alexnet": (_vision("alexnet"), (3, 224, 224)),
    "vgg11_bn": (_vision("vgg11_bn"), (3, 224, 224)),
    "resnet18": (_vision("resnet18"), (3, 224, 224)),
    "resnext50_32x4d": (_vision("resnext50_32x4d"), (3, 224, 224)),
    "wide_resnet50_2": (_vision("wide_resnet50_2"), (3, 224, 224)),
    "densenet121": (_vision("densenet121"), (3, 224, 224)),
    "googlenet": (_small("googlenet", aux_logits=False, init_weights=True), (3, 224, 224)),
    "inception_v3": (_small("inception_v3", aux_logits=False, init_weights=True),
                     (3, 299, 299)),
    "squeezenet1_0": (_vision("squeezenet1_0"), (3, 224, 224)),
    "shufflenet_v2_x0_5": (_vision("shufflenet_v2_x0_5"), (3, 224, 224)),
    "mobilenet_v3_small": (_vision("mobilenet_v3_small"), (3, 224, 224)),
    "mobilenet_v3_large": (_vision("mobilenet_v3_large"), (3, 224, 224)),
    "mnasnet0_5": (_vision("mnasnet0_5"), (3, 224, 224)),
    "efficientnet_v2_s": (_vision("efficientnet_v2_s"), (3, 224, 224)),
    "regnet_x_400mf": (_vision("regnet_x_400mf"), (3, 224, 224)),
    "regnet_y_400mf": (_vision("regnet_y_400mf"), (3, 224, 224)),
    "convnext_tiny": (_vision("convnext_tiny"), (3, 224, 224)),
    "swin_t": (_vision("swin_t"), (3, 224, 224)),
    "maxvit_t": (_vision("maxvit_t"), (3, 224, 224)),
    "vit_tiny": (_vit_tiny, (3, 64, 64)),
    "swin_tiny": (_swin_tiny, (3, 64, 64)),
    "fcn_resnet50": (_vision_seg("fcn_resnet50"), (3, 224, 224)),
    "deeplabv3_mobilenet_v3_large": (_vision_seg("deeplabv3_mobilenet_v3_large"), (3, 224, 224)),
    "lraspp_mobilenet_v3_large": (_vision_seg("lraspp_mobilenet_v3_large"), (3, 224, 224)),
    "r3d_18": (_video("r3d_18"), (3, 8, 112, 112)),
    "r2plus1d_18": (_video("r2plus1d_18"), (3, 8, 112, 112)),
    "mc3_18": (_video("mc3_18"), (3, 8, 112, 112)),
    "lstm_small": (_recurrent("lstm"), (12, 16)),
    "gru_small": (_recurrent("gru"), (12, 16)),
    "bert_tiny": (_bert_tiny, (16,)),
    "groupnorm_net": (_groupnorm_net, (3, 32, 32)),
    "audio_net": (_audio_net, (4, 64)),
}

# Models whose input is int64 token ids: name -> vocabulary size.
TOKEN_MODELS = {"bert_base": _Encoder.VOCAB, "bert_tiny": 1000}


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


def export(name, out_dir, force, opset=None, exporter="torchscript", functions=False):
    import numpy as np
    import torch

    dynamo = exporter == "dynamo"
    stem = name if opset is None and not dynamo else f"{name}.opset{opset or 'default'}"
    if functions:
        # Every nn.Module class a model-local function, as PyTorch 2.1-2.4's
        # dynamo exporter wrote them (the converter inlines them).
        if dynamo or (opset or 13) < 15:
            raise SystemExit("--modules-as-functions needs the torchscript exporter and --opset >= 15")
        stem += ".functions"
    path = os.path.join(out_dir, stem + ".onnx")
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
    extra = {}
    has_dynamo = "dynamo" in inspect.signature(torch.onnx.export).parameters
    if has_dynamo:
        extra["dynamo"] = dynamo  # torch >= 2.5; its default became True in 2.9
    elif dynamo:
        raise SystemExit(f"torch {torch.__version__} has no torch.export-based ONNX exporter")
    if dynamo:
        extra["external_data"] = False
    if opset is not None or not dynamo:
        extra["opset_version"] = opset or 13
    if dynamo:
        # Exported as PyTorch runs it (no attention rewrite); torch.export
        # specialises a batch of 1, so the example batch is 2.
        extra["dynamic_shapes"] = ({0: torch.export.Dim("batch", min=1, max=1024)},)
        torch.onnx.export(model, (x,), tmp, input_names=["input"], output_names=["output"],
                          **extra)
    else:
        # Exported with autograd enabled: under no_grad, nn.MultiheadAttention
        # (vit_b_16) takes its fused inference path, which torch 1.13 cannot export.
        with _PlainAttention():
            torch.onnx.export(model, x, tmp, input_names=["input"], output_names=["output"],
                              dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}},
                              do_constant_folding=True, export_modules_as_functions=functions,
                              **extra)
    with torch.no_grad():
        y = model(x)
    os.replace(tmp, path)
    np.save(os.path.join(out_dir, stem + ".input.npy"), x.numpy())
    np.save(os.path.join(out_dir, stem + ".output.npy"), y.numpy())
    size_mb = os.path.getsize(path) / 1e6
    print(f"{name}: wrote {path} ({size_mb:.1f} MB) in {time.time() - start:.1f} s")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("models", nargs="*", help="models to export")
    parser.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..",
                                                      "campaigns", "models"))
    parser.add_argument("--force", action="store_true", help="re-export existing files")
    parser.add_argument("--list", action="store_true", help="list the models and exit")
    parser.add_argument("--opset", type=int, help="ONNX opset (default: 13, or the dynamo "
                        "exporter's own default)")
    parser.add_argument("--exporter", choices=["torchscript", "dynamo"], default="torchscript",
                        help="torch.onnx.export's TorchScript exporter (default) or the "
                        "torch.export-based one (PyTorch >= 2.5)")
    parser.add_argument("--modules-as-functions", action="store_true",
                        help="export every nn.Module class as an ONNX model-local function "
                        "(torchscript exporter, --opset >= 15); file MODEL.opsetN.functions.onnx")
    parser.add_argument("--keep-going", action="store_true",
                        help="report a model that fails to export and go on with the next")
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
    failed = []
    for m in args.models:
        try:
            export(m, args.out, args.force, args.opset, args.exporter, args.modules_as_functions)
        except Exception as e:  # noqa: BLE001 - reported, then the next model
            if not args.keep_going:
                raise
            print(f"{m}: export failed: {type(e).__name__}: {str(e)[:300]}", file=sys.stderr)
            failed.append(m)
    if failed:
        print(f"{len(failed)} model(s) failed to export: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
