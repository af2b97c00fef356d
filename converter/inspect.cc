#include "converter/inspect.h"

#include <fmt/format.h>

#include <cstdint>
#include <cstdlib>
#include <map>
#include <vector>

#include "common/engine_format.h"
#include "converter/cleanup.h"
#include "converter/fix_shapes.h"
#include "converter/model_io.h"
#include "converter/op_support.h"
#include "converter/passes/fold_shapes.h"
#include "converter/passes/graph_util.h"
#include "converter/static_shapes.h"

namespace campaign::converter {
namespace {

InspectTensor Describe(const onnx::ValueInfoProto& v) {
  InspectTensor t{v.name(), "?", {}, false};
  if (!v.type().has_tensor_type()) return t;
  const auto& tt = v.type().tensor_type();
  t.dtype = onnx::TensorProto_DataType_Name(tt.elem_type());
  if (!tt.has_shape()) {
    t.dynamic = true;
    return t;
  }
  for (const auto& d : tt.shape().dim()) {
    if (d.has_dim_value()) {
      t.dims.push_back(std::to_string(d.dim_value()));
    } else {
      t.dims.push_back(d.dim_param().empty() ? "?" : d.dim_param());
      t.dynamic = true;
    }
  }
  return t;
}

std::map<std::string, std::vector<int64_t>> StaticShapes(const onnx::GraphProto& g) {
  std::map<std::string, std::vector<int64_t>> shapes;
  for (const auto* list : {&g.input(), &g.value_info(), &g.output()}) {
    for (const auto& v : *list) {
      std::vector<int64_t> s;
      bool ok = v.type().tensor_type().has_shape();
      for (const auto& d : v.type().tensor_type().shape().dim()) {
        ok = ok && d.has_dim_value();
        s.push_back(d.dim_value());
      }
      if (ok) shapes[v.name()] = s;
    }
  }
  for (const auto& t : g.initializer()) shapes[t.name()] = {t.dims().begin(), t.dims().end()};
  return shapes;
}

double Product(const std::vector<int64_t>& s, size_t from = 0, size_t to = SIZE_MAX) {
  double p = 1;
  for (size_t i = from; i < s.size() && i < to; ++i) p *= static_cast<double>(s[i]);
  return p;
}

// ai.campaign.Attention: 2·N·Sq·Sk·(D + Dv) for the two batched products.
double AttentionFlops(const onnx::NodeProto& n,
                      const std::map<std::string, std::vector<int64_t>>& shapes) {
  std::vector<std::vector<int64_t>> views;
  const char* perms[] = {"q_perm", "k_perm", "v_perm"};
  for (int i = 0; i < 3 && i < n.input_size(); ++i) {
    auto it = shapes.find(n.input(i));
    if (it == shapes.end() || it->second.size() < 2) return -1;
    std::vector<int64_t> perm = AttrInts(n, perms[i]), v = it->second;
    if (perm.size() == v.size()) {
      for (size_t d = 0; d < perm.size(); ++d) v[d] = it->second[perm[d]];
    }
    views.push_back(v);
  }
  if (views.size() != 3) return -1;
  const auto& q = views[0];
  const double sk = static_cast<double>(views[1].back()), dv = static_cast<double>(views[2].back());
  return 2.0 * Product(q, 0, q.size() - 1) * sk * (static_cast<double>(q.back()) + dv);
}

// FLOPs of one node, or -1 when not counted / shapes unknown.
double NodeFlops(const onnx::NodeProto& n,
                 const std::map<std::string, std::vector<int64_t>>& shapes) {
  std::string op = n.op_type();
  if (n.domain() == "ai.campaign" && op == "Attention") return AttentionFlops(n, shapes);
  if (n.domain() == "ai.campaign" && op.rfind("Fused", 0) == 0) {
    op = op.substr(5);
  } else if (!n.domain().empty() && n.domain() != "ai.onnx") {
    return -1;
  }
  if (op != "Conv" && op != "Gemm" && op != "MatMul") return -1;
  if (n.input_size() < 2 || n.output_size() < 1) return -1;
  auto a = shapes.find(n.input(0)), b = shapes.find(n.input(1)), y = shapes.find(n.output(0));
  if (a == shapes.end() || b == shapes.end() || y == shapes.end()) return -1;
  const auto& w = b->second;
  if (op == "Conv") {  // 2 * |Y| * (C/group) * prod(kernel)
    if (w.size() < 3) return -1;
    return 2.0 * Product(y->second) * Product(w, 1);
  }
  if (op == "Gemm") {  // 2 * M * N * K; K from B's shape and transB
    if (w.size() != 2 || y->second.size() != 2) return -1;
    bool trans_b = false;
    for (const auto& attr : n.attribute()) {
      if (attr.name() == "transB") trans_b = attr.i() != 0;
    }
    return 2.0 * Product(y->second) * static_cast<double>(trans_b ? w[1] : w[0]);
  }
  // MatMul: 2 * |Y| * K, K = A's last dim.
  if (a->second.empty()) return -1;
  return 2.0 * Product(y->second) * static_cast<double>(a->second.back());
}

void CountFlops(onnx::ModelProto model, bool is_engine, InspectReport* r) {
  if (!is_engine) {
    auto fixed = FixInputShapes(model, r->batch, {});
    if (!fixed.ok()) {
      r->flops_note = "shapes could not be fixed: " + fixed.status().message();
      return;
    }
    auto inferred = InferStaticShapes(model);
    if (!inferred.ok()) {
      r->flops_note = inferred.status().message();
      return;
    }
    // As the converter does: fold the shape computations ONNX cannot see
    // through, so that every Conv/Gemm/MatMul gets a shape.
    Cleanup(model);
    auto folded = FoldShapes(model);
    if (!folded.ok()) {
      r->flops_note = folded.status().message();
      return;
    }
  }
  auto shapes = StaticShapes(model.graph());
  double total = 0;
  int unknown = 0;
  for (const auto& n : model.graph().node()) {
    double f = NodeFlops(n, shapes);
    const bool counted = n.op_type() == "Conv" || n.op_type() == "Gemm" ||
                         n.op_type() == "MatMul" ||
                         (n.domain() == "ai.campaign" && n.op_type() != "LayerNormalization");
    if (f < 0) {
      unknown += counted;
      continue;
    }
    const std::string key = n.domain().empty() ? n.op_type() : n.domain() + "." + n.op_type();
    r->flops_by_op[key] += f;
    total += f;
  }
  r->flops = total;
  if (unknown > 0) {
    r->flops_note = fmt::format(
        "{} Conv/Gemm/MatMul nodes have dynamic shapes at batch {} and are not counted (give the "
        "other dynamic dims with `campaign convert --input` and inspect the engine)",
        unknown, r->batch);
  }
}

// "8.178 G", "27.648 M", or the plain number below a million.
std::string Flops(double f) {
  if (f >= 1e9) return fmt::format("{:.3f} G", f / 1e9);
  if (f >= 1e6) return fmt::format("{:.3f} M", f / 1e6);
  return fmt::format("{:.0f}", f);
}

std::string Dims(const InspectTensor& t) {
  if (t.dims.empty() && t.dynamic) return "(no shape)";
  std::string s = "[";
  for (size_t i = 0; i < t.dims.size(); ++i) s += (i ? "," : "") + t.dims[i];
  return s + "]";
}

}  // namespace

Result<InspectReport> Inspect(const std::filesystem::path& path, int batch,
                              const std::set<std::string>& supported) {
  ASSIGN_OR_RETURN(LoadedModel loaded, LoadModel(path));
  const onnx::ModelProto& m = loaded.model;
  const onnx::GraphProto& g = m.graph();
  InspectReport r;
  r.path = path.string();
  r.batch = batch;
  r.ir_version = m.ir_version();
  for (const auto& op : m.opset_import()) r.opsets[op.domain()] = op.version();
  for (const auto& p : m.metadata_props()) {
    r.metadata[p.key()] = p.value();
    if (p.key().rfind("campaign.", 0) == 0) r.is_engine = true;
  }
  std::set<std::string> inits;
  for (const auto& t : g.initializer()) {
    inits.insert(t.name());
    int64_t n = 1;
    for (int64_t d : t.dims()) n *= d;
    r.parameters += n;
    r.parameter_bytes += static_cast<int64_t>(t.ByteSizeLong());
  }
  for (const auto& in : g.input()) {
    if (!inits.count(in.name())) r.inputs.push_back(Describe(in));
  }
  for (const auto& out : g.output()) r.outputs.push_back(Describe(out));
  r.nodes = g.node_size();
  r.op_histogram = CountOpTypes(g);
  if (!supported.empty()) {
    for (const auto& [op, count] : r.op_histogram) {
      if (!supported.count(op) && op != "Constant") r.unsupported_ops[op] = count;
    }
  }
  if (r.is_engine && !r.inputs.empty() && !r.inputs[0].dims.empty()) {
    r.batch = std::atoi(r.inputs[0].dims[0].c_str());
  }
  CountFlops(m, r.is_engine, &r);
  return r;
}

LayerEntry ParseLayerEntry(const std::string& entry) {
  const size_t open = entry.rfind(" (");
  if (open == std::string::npos || entry.empty() || entry.back() != ')') return {entry, "", ""};
  LayerEntry e{entry.substr(0, open), entry.substr(open + 2, entry.size() - open - 3), ""};
  if (const size_t colon = e.op_type.find(": "); colon != std::string::npos) {
    e.why = e.op_type.substr(colon + 2);
    e.op_type.resize(colon);
  }
  return e;
}

namespace {

// "69 layers: FusedConv=68 Gemm=1" and the entries that have a reason.
std::string SummarizeLayers(const std::string& list) {
  std::map<std::string, int> ops;
  std::vector<std::string> reasoned;
  int count = 0;
  size_t start = 0;
  while (start < list.size()) {
    size_t end = list.find(';', start);
    if (end == std::string::npos) end = list.size();
    const std::string entry = list.substr(start, end - start);
    start = end + 1;
    if (entry.empty()) continue;
    ++count;
    const LayerEntry e = ParseLayerEntry(entry);
    ops[e.op_type.empty() ? "?" : e.op_type]++;
    if (!e.why.empty()) reasoned.push_back(entry);
  }
  std::string s = fmt::format("{} node{}:", count, count == 1 ? "" : "s");
  for (const auto& [op, n] : ops) s += fmt::format(" {}={}", op, n);
  if (!reasoned.empty()) s += fmt::format("; {} with a reason:", reasoned.size());
  for (const auto& e : reasoned) s += "\n      " + e;
  return s;
}

}  // namespace

std::string FormatInspectReport(const InspectReport& r, bool full_layer_lists) {
  std::string s =
      fmt::format("{}: {} (IR {}, opsets", r.path, r.is_engine ? "engine" : "model", r.ir_version);
  for (const auto& [domain, v] : r.opsets) {
    s += fmt::format(" {}={}", domain.empty() ? "ai.onnx" : domain, v);
  }
  s += ")\n";
  for (const auto* list : {&r.inputs, &r.outputs}) {
    s += list == &r.inputs ? "inputs:\n" : "outputs:\n";
    for (const auto& t : *list) {
      s += fmt::format("  {} {} {}{}\n", t.name, t.dtype, Dims(t), t.dynamic ? "  (dynamic)" : "");
    }
  }
  s += fmt::format("nodes: {}\noperators:", r.nodes);
  for (const auto& [op, n] : r.op_histogram) s += fmt::format(" {}={}", op, n);
  s += fmt::format("\nparameters: {} ({:.1f} MiB)\n", r.parameters,
                   static_cast<double>(r.parameter_bytes) / (1 << 20));
  if (r.flops >= 0) {
    s += fmt::format(
        "FLOPs at batch {}: {} (Conv, Gemm, MatMul and fused ops; 2 per "
        "multiply-add)",
        r.batch, Flops(r.flops));
    for (const auto& [op, f] : r.flops_by_op) s += fmt::format("; {} {}", op, Flops(f));
    s += "\n";
  }
  if (!r.flops_note.empty()) s += "FLOPs note: " + r.flops_note + "\n";
  if (r.unsupported_ops.empty()) {
    s += "runner support: all operators supported\n";
  } else {
    s += "runner support: NOT supported:";
    for (const auto& [op, n] : r.unsupported_ops) s += fmt::format(" {} (x{})", op, n);
    s += "\n";
  }
  if (!r.metadata.empty()) {
    s += "metadata:\n";
    for (const auto& [k, v] : r.metadata) {
      const bool layer_list = k == engine::kKeyInt8Quantized || k == engine::kKeyInt8Fp32Layers;
      if (!layer_list) {
        s += fmt::format("  {} = {}\n", k, v);
      } else if (full_layer_lists) {
        std::string lines = v;
        for (size_t i = 0; (i = lines.find(';', i)) != std::string::npos;) {
          lines.replace(i, 1, "\n      ");
        }
        s += fmt::format("  {} =\n      {}\n", k, lines);
      } else {
        s += fmt::format("  {} = {}\n", k, SummarizeLayers(v));
      }
    }
    if (!full_layer_lists && r.metadata.count(std::string(engine::kKeyInt8Quantized))) {
      s += "  (every int8 and fp32 layer: campaign inspect --layers)\n";
    }
  }
  return s;
}

}  // namespace campaign::converter
