#include "converter/passes/fold_constants.h"

#include <map>
#include <memory>
#include <set>

#include "converter/passes/graph_util.h"
#include "graph/attributes.h"
#include "graph/ops/registry.h"

namespace campaign::converter {
namespace {

using graph::HostTensor;
using graph::TensorInfo;

bool HasSubgraph(const onnx::NodeProto& n) {
  for (const auto& a : n.attribute()) {
    if (a.has_g() || a.graphs_size() > 0) return true;
  }
  return false;
}

// What the folder knows about tensors: constant values (loaded lazily from
// initializers) and static dtypes/shapes from value_info.
class Constants {
 public:
  explicit Constants(const onnx::GraphProto& g) : g_(g) {
    for (const auto& t : g.initializer()) initializers_.insert(t.name());
    for (const auto* list : {&g.input(), &g.value_info(), &g.output()}) {
      for (const auto& v : *list) infos_[v.name()] = &v;
    }
  }

  bool IsConstant(const std::string& name) const {
    return values_.count(name) || initializers_.count(name);
  }

  // The value of a constant tensor; null when its type cannot be read.
  const HostTensor* Value(const std::string& name) {
    if (auto it = values_.find(name); it != values_.end()) return it->second.get();
    auto v = InitializerValue(g_, name);
    if (!v) return nullptr;
    auto& slot = values_[name];
    slot = std::make_unique<HostTensor>(std::move(*v));
    return slot.get();
  }

  // TensorInfo of `name`: constant, or static type/shape; nullopt if unknown.
  std::optional<TensorInfo> Info(const std::string& name) {
    if (IsConstant(name)) {
      const HostTensor* v = Value(name);
      if (v == nullptr) return std::nullopt;
      return TensorInfo{true, v->dtype(), v->shape(), v};
    }
    if (auto inf = inferred_.find(name); inf != inferred_.end()) return inf->second;
    auto it = infos_.find(name);
    if (it == infos_.end()) return std::nullopt;
    auto shape = StaticShapeOf(g_, name);
    if (!shape) return std::nullopt;
    auto dtype = graph::DTypeFromOnnx(it->second->type().tensor_type().elem_type(), name);
    if (!dtype.ok()) return std::nullopt;
    return TensorInfo{true, *dtype, *shape, nullptr};
  }

  void Add(const std::string& name, HostTensor value) {
    values_[name] = std::make_unique<HostTensor>(std::move(value));
  }

  // Records the dtype/shape the runner's op computed for a tensor ONNX shape
  // inference left without a static shape, so that Shape of it folds too.
  void AddInferred(const std::string& name, const TensorInfo& info) {
    if (IsConstant(name) || StaticShapeOf(g_, name)) return;
    TensorInfo i = info;
    i.constant = nullptr;
    inferred_[name] = i;
  }

 private:
  const onnx::GraphProto& g_;
  std::set<std::string> initializers_;
  std::map<std::string, const onnx::ValueInfoProto*> infos_;
  std::map<std::string, std::unique_ptr<HostTensor>> values_;
  std::map<std::string, TensorInfo> inferred_;
};

// The node's outputs when it can be folded, else nullopt (or an error).
Result<std::optional<std::vector<HostTensor>>> TryEvaluate(const onnx::NodeProto& n,
                                                           Constants& consts, size_t max_bytes) {
  const std::optional<std::vector<HostTensor>> no;
  bool all_const = true;
  for (const auto& in : n.input()) all_const = all_const && (in.empty() || consts.IsConstant(in));
  const bool shape_op = IsOp(n, "Shape") || IsOp(n, "Size");
  if (n.output_size() == 0 || HasSubgraph(n)) return no;
  auto op = graph::CreateOp(graph::ReferenceOps(), n);
  if (!op.ok()) return no;
  std::vector<TensorInfo> in;
  std::vector<const HostTensor*> values;
  for (const auto& name : n.input()) {
    TensorInfo absent;
    absent.present = false;
    std::optional<TensorInfo> info =
        name.empty() ? std::optional<TensorInfo>(absent) : consts.Info(name);
    if (!info) return no;
    in.push_back(*info);
    values.push_back(info->constant);
  }
  auto out = (*op)->Infer(in);
  if (!out.ok() || out->size() < static_cast<size_t>(n.output_size())) return no;
  for (int i = 0; i < n.output_size(); ++i) {
    if (!n.output(i).empty()) consts.AddInferred(n.output(i), (*out)[i]);
  }
  if (!all_const && !shape_op) return no;
  std::vector<HostTensor> results;
  bool from_infer = true;
  for (int i = 0; i < n.output_size(); ++i) {
    const TensorInfo& o = (*out)[i];
    if (graph::NumElements(o.shape) * graph::DTypeSize(o.dtype) > max_bytes) return no;
    from_infer = from_infer && o.constant != nullptr;
    results.push_back(o.constant ? *o.constant : HostTensor(o.dtype, o.shape));
  }
  if (!from_infer) {
    if (!all_const) return no;
    std::vector<HostTensor*> ptrs;
    for (auto& r : results) ptrs.push_back(&r);
    Status st = (*op)->RunReference(values, ptrs);
    if (!st.ok()) {
      return Status::Error(Reason::kInvalidModel,
                           "folding constant " + graph::NodeLabel(n) + ": " + st.message());
    }
  }
  return std::optional<std::vector<HostTensor>>(std::move(results));
}

}  // namespace

Result<int> FoldConstants(onnx::GraphProto& g, size_t max_bytes) {
  Constants consts(g);
  std::set<int> folded;
  std::vector<onnx::TensorProto> new_inits;
  for (int i = 0; i < g.node_size(); ++i) {
    const onnx::NodeProto& n = g.node(i);
    bool feeds_output = false;
    for (const auto& o : n.output()) feeds_output = feeds_output || IsGraphOutput(g, o);
    if (feeds_output) continue;
    ASSIGN_OR_RETURN(auto results, TryEvaluate(n, consts, max_bytes));
    if (!results) continue;
    for (int k = 0; k < n.output_size(); ++k) {
      if (n.output(k).empty()) continue;
      new_inits.push_back(ToTensorProto((*results)[k], n.output(k)));
      consts.Add(n.output(k), std::move((*results)[k]));
    }
    folded.insert(i);
  }
  std::set<std::string> now_constant;
  for (auto& t : new_inits) {
    now_constant.insert(t.name());
    SetInitializer(g, std::move(t));
  }
  // Their shapes are in the initializers now; a stale (maybe dynamic)
  // value_info entry would contradict them.
  auto* vi = g.mutable_value_info();
  for (int i = vi->size() - 1; i >= 0; --i) {
    if (now_constant.count(vi->Get(i).name())) vi->DeleteSubrange(i, 1);
  }
  RemoveNodes(g, folded);
  return static_cast<int>(folded.size());
}

}  // namespace campaign::converter
