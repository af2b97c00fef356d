#include "converter/passes/fp16_pass.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "converter/passes/graph_util.h"
#include "graph/attributes.h"
#include "graph/half.h"

namespace campaign::converter {
namespace {

using onnx::TensorProto;

// Input slots that ONNX types as tensor(float) whatever T is.
bool KeepsFloatInput(const onnx::NodeProto& n, int slot) {
  return (IsOp(n, "Resize") && slot == 2) || (IsOp(n, "Upsample") && slot == 1);
}

bool HasSubgraph(const onnx::NodeProto& n) {
  for (const auto& a : n.attribute()) {
    if (a.has_g() || a.graphs_size() > 0) return true;
  }
  return false;
}

// Names in use, for fresh names of inserted tensors and nodes.
class Names {
 public:
  explicit Names(const onnx::GraphProto& g) {
    for (const auto& v : g.input()) used_.insert(v.name());
    for (const auto& v : g.output()) used_.insert(v.name());
    for (const auto& v : g.value_info()) used_.insert(v.name());
    for (const auto& t : g.initializer()) used_.insert(t.name());
    for (const auto& n : g.node()) {
      used_.insert(n.name());
      for (const auto& o : n.output()) used_.insert(o);
    }
  }
  std::string Fresh(const std::string& base) {
    std::string name = base;
    for (int i = 1; used_.count(name); ++i) name = base + "_" + std::to_string(i);
    used_.insert(name);
    return name;
  }

 private:
  std::set<std::string> used_;
};

class Fp16Converter {
 public:
  Fp16Converter(onnx::ModelProto& model, const Fp16Options& options)
      : g_(*model.mutable_graph()), names_(g_), options_(options) {}

  Result<Fp16Result> Run() {
    CollectTypes();
    RETURN_IF_ERROR(ChooseNodePrecision());
    RenameFp16GraphOutputs();
    RewireInputs();
    ConvertInitializers();
    UpdateValueInfo();
    return result_;
  }

 private:
  void CollectTypes() {
    for (const auto& v : g_.input()) type_[v.name()] = v.type().tensor_type().elem_type();
    for (const auto& v : g_.value_info()) type_[v.name()] = v.type().tensor_type().elem_type();
    for (const auto& v : g_.output()) type_[v.name()] = v.type().tensor_type().elem_type();
    for (const auto& t : g_.initializer()) type_[t.name()] = t.data_type();
    for (const auto& v : g_.input()) graph_inputs_.insert(v.name());
    for (const auto& v : g_.output()) graph_outputs_.insert(v.name());
    for (const auto& v : g_.value_info()) info_[v.name()] = v;
    for (const auto& v : g_.output()) info_[v.name()] = v;
    if (!options_.range_check) return;
    ranges_ = options_.ranges;
    for (const auto& t : g_.initializer()) {
      if (t.data_type() != TensorProto::FLOAT) continue;
      auto value = graph::TensorFromProto(t);
      if (!value.ok()) continue;
      ValueRange& r = ranges_[t.name()];
      for (float v : value->values<float>()) {
        r.min = std::min(r.min, v);
        r.max = std::max(r.max, v);
      }
    }
  }

  // Why `n` cannot be half: a float tensor it touches out of half's range
  // (empty when all fit or the range check is off).
  std::string OutOfRange(const onnx::NodeProto& n) const {
    if (!options_.range_check) return "";
    auto check = [&](const std::string& t) -> std::string {
      auto it = ranges_.find(t);
      if (t.empty() || !IsFloat(t) || it == ranges_.end()) return "";
      const float r = it->second.MaxAbs();
      char buf[160];
      if (!(r <= options_.max_range)) {
        std::snprintf(buf, sizeof buf, "max|%s| %.2g > %.3g", t.c_str(), r, options_.max_range);
      } else if (r > 0.0f && r < options_.min_range) {
        std::snprintf(buf, sizeof buf, "max|%s| %.2g < %.3g", t.c_str(), r, options_.min_range);
      } else {
        return "";
      }
      return buf;
    };
    for (const auto& t : n.output()) {
      if (std::string why = check(t); !why.empty()) return why;
    }
    for (const auto& t : n.input()) {
      if (std::string why = check(t); !why.empty()) return why;
    }
    return "";
  }

  bool IsFloat(const std::string& name) const {
    auto it = type_.find(name);
    return it != type_.end() && it->second == TensorProto::FLOAT;
  }

  Status ChooseNodePrecision() {
    for (int i = 0; i < g_.node_size(); ++i) {
      const onnx::NodeProto& n = g_.node(i);
      bool touches_float = false;
      for (const auto& t : n.input()) touches_float = touches_float || IsFloat(t);
      for (const auto& t : n.output()) touches_float = touches_float || IsFloat(t);
      const bool known_domain =
          n.domain().empty() || n.domain() == "ai.onnx" || n.domain() == kCampaignDomain;
      bool half =
          touches_float && known_domain && !Fp16BlockedOps().count(n.op_type()) && !HasSubgraph(n);
      if (half) {
        if (std::string why = OutOfRange(n); !why.empty()) {
          half = false;
          const std::string entry =
              (n.name().empty() ? graph::NodeLabel(n) : n.name()) + " (" + why + ")";
          result_.range_fp32_nodes.push_back(entry);
          result_.fp32_nodes.push_back(entry);
          fp16_.push_back(false);
          continue;
        }
      }
      fp16_.push_back(half);
      if (half) {
        ++result_.fp16_nodes;
        for (const auto& o : n.output()) {
          if (!o.empty() && !type_.count(o)) {
            return Status::Error(Reason::kConversionError,
                                 "fp16: output '" + o + "' of " + graph::NodeLabel(n) +
                                     " has no type in value_info (a converter bug; please "
                                     "report it)");
          }
          if (IsFloat(o)) half_tensors_.insert(o);
        }
      } else if (touches_float) {
        result_.fp32_nodes.push_back(n.name().empty() ? graph::NodeLabel(n) : n.name());
      }
    }
    return Status::Ok();
  }

  // A graph output computed in half keeps its name and FLOAT type: the node
  // writes NAME_fp16 and a Cast at the end of the graph writes NAME.
  void RenameFp16GraphOutputs() {
    for (auto& n : *g_.mutable_node()) {
      for (auto& o : *n.mutable_output()) {
        if (!half_tensors_.count(o) || !graph_outputs_.count(o)) continue;
        const std::string inner = names_.Fresh(o + "_fp16");
        renamed_[o] = inner;
        half_tensors_.insert(inner);
        type_[inner] = TensorProto::FLOAT;
        if (info_.count(o)) info_[inner] = info_[o];
        info_[inner].set_name(inner);
        output_casts_.push_back(MakeCast(inner, o, TensorProto::FLOAT));
        o = inner;
      }
    }
    for (auto& n : *g_.mutable_node()) {
      for (auto& in : *n.mutable_input()) {
        if (auto it = renamed_.find(in); it != renamed_.end()) in = it->second;
      }
    }
  }

  // Float initializers read by a half node become FLOAT16 (unless they are
  // graph inputs or outputs too).
  bool InitializerGoesHalf(const std::string& name) const {
    return initializer_readers_half_.count(name) && !graph_inputs_.count(name) &&
           !graph_outputs_.count(name);
  }

  // The type a tensor is stored in after the pass.
  int32_t StoredType(const std::string& name) const {
    if (half_tensors_.count(name)) return TensorProto::FLOAT16;
    if (FindInitializer(g_, name) && InitializerGoesHalf(name)) return TensorProto::FLOAT16;
    return TensorProto::FLOAT;
  }

  void RewireInputs() {
    for (int i = 0; i < g_.node_size(); ++i) {
      const auto& n = g_.node(i);
      for (int s = 0; s < n.input_size(); ++s) {
        if (fp16_[i] && !KeepsFloatInput(n, s) && FindInitializer(g_, n.input(s)) &&
            IsFloat(n.input(s))) {
          initializer_readers_half_.insert(n.input(s));
        }
      }
    }
    std::vector<onnx::NodeProto> nodes;
    std::map<std::pair<std::string, int32_t>, std::string> casts;
    for (int i = 0; i < g_.node_size(); ++i) {
      onnx::NodeProto n = g_.node(i);
      for (int s = 0; s < n.input_size(); ++s) {
        const std::string& name = n.input(s);
        if (name.empty() || !IsFloat(name)) continue;
        const int32_t want =
            fp16_[i] && !KeepsFloatInput(n, s) ? TensorProto::FLOAT16 : TensorProto::FLOAT;
        if (StoredType(name) == want) continue;
        auto key = std::make_pair(name, want);
        if (!casts.count(key)) {
          const std::string out =
              names_.Fresh(name + (want == TensorProto::FLOAT16 ? "_to_fp16" : "_to_fp32"));
          nodes.push_back(MakeCast(name, out, want));
          info_[out] = info_.count(name) ? info_[name] : ShapeOnly(name);
          info_[out].set_name(out);
          cast_types_[out] = want;
          casts[key] = out;
        }
        n.set_input(s, casts[key]);
      }
      nodes.push_back(std::move(n));
    }
    for (auto& c : output_casts_) nodes.push_back(std::move(c));
    g_.clear_node();
    for (auto& n : nodes) *g_.add_node() = std::move(n);
  }

  onnx::ValueInfoProto ShapeOnly(const std::string& name) const {
    onnx::ValueInfoProto v;
    v.set_name(name);
    auto* tt = v.mutable_type()->mutable_tensor_type();
    tt->set_elem_type(TensorProto::FLOAT);
    if (auto shape = StaticShapeOf(g_, name)) {
      for (int64_t d : *shape) tt->mutable_shape()->add_dim()->set_dim_value(d);
    }
    return v;
  }

  onnx::NodeProto MakeCast(const std::string& in, const std::string& out, int32_t to) {
    onnx::NodeProto c;
    c.set_op_type("Cast");
    c.set_name(names_.Fresh(out + "_cast"));
    c.add_input(in);
    c.add_output(out);
    auto* a = c.add_attribute();
    a->set_name("to");
    a->set_type(onnx::AttributeProto::INT);
    a->set_i(to);
    ++result_.casts_added;
    return c;
  }

  void ConvertInitializers() {
    for (auto& t : *g_.mutable_initializer()) {
      if (t.data_type() != TensorProto::FLOAT || !InitializerGoesHalf(t.name())) continue;
      auto value = graph::TensorFromProto(t);
      if (!value.ok()) continue;  // external data etc.: left as it is, read through a Cast
      t = ToTensorProto(graph::ToFloat16(*value), t.name());
      ++result_.initializers_converted;
    }
  }

  void UpdateValueInfo() {
    std::vector<onnx::ValueInfoProto> infos;
    std::set<std::string> seen;
    for (const auto& v : g_.value_info()) {
      onnx::ValueInfoProto copy = v;
      if (half_tensors_.count(v.name())) {
        copy.mutable_type()->mutable_tensor_type()->set_elem_type(TensorProto::FLOAT16);
      }
      seen.insert(v.name());
      infos.push_back(std::move(copy));
    }
    auto add = [&](const std::string& name, int32_t type) {
      if (seen.count(name) || !info_.count(name)) return;
      onnx::ValueInfoProto v = info_[name];
      v.mutable_type()->mutable_tensor_type()->set_elem_type(type);
      seen.insert(name);
      infos.push_back(std::move(v));
    };
    for (const auto& [orig, inner] : renamed_) add(inner, TensorProto::FLOAT16);
    for (const auto& [name, type] : cast_types_) add(name, type);
    g_.clear_value_info();
    for (auto& v : infos) *g_.add_value_info() = std::move(v);
  }

  onnx::GraphProto& g_;
  Names names_;
  Fp16Options options_;
  ActivationRanges ranges_;  // activations and float initializers (range check only)
  Fp16Result result_;
  std::map<std::string, int32_t> type_;  // elem type before the pass
  std::map<std::string, onnx::ValueInfoProto> info_;
  std::set<std::string> graph_inputs_, graph_outputs_;
  std::vector<bool> fp16_;              // per node
  std::set<std::string> half_tensors_;  // node outputs stored as FLOAT16
  std::set<std::string> initializer_readers_half_;
  std::map<std::string, std::string> renamed_;  // graph output -> its half producer's output
  std::vector<onnx::NodeProto> output_casts_;
  std::map<std::string, int32_t> cast_types_;  // inserted Cast outputs
};

}  // namespace

const std::set<std::string>& Fp16BlockedOps() {
  static const auto* ops = new std::set<std::string>{
      "Cast",
      "CastLike",
      "Constant",
      "ConstantOfShape",
      "Range",
      "EyeLike",
      "RandomNormal",
      "RandomUniform",
      "RandomNormalLike",
      "RandomUniformLike",
      "Multinomial",
      "Bernoulli",
      "TopK",
      "NonMaxSuppression",
      "RoiAlign",
      "CumSum",
      "SoftmaxCrossEntropyLoss",
      "NegativeLogLikelihoodLoss",
  };
  return *ops;
}

std::string Fp16Result::ToString() const {
  return std::to_string(fp16_nodes) + " nodes in float16, " + std::to_string(fp32_nodes.size()) +
         " kept in float32" +
         (range_fp32_nodes.empty()
              ? std::string()
              : " (" + std::to_string(range_fp32_nodes.size()) + " for range)") +
         ", " + std::to_string(casts_added) + " casts, " + std::to_string(initializers_converted) +
         " initializers converted";
}

Result<Fp16Result> ConvertToFp16(onnx::ModelProto& model, const Fp16Options& options) {
  return Fp16Converter(model, options).Run();
}

}  // namespace campaign::converter
