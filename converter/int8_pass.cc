#include "converter/int8_pass.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "common/engine_format.h"
#include "converter/engine_metadata.h"
#include "converter/int8_accuracy.h"
#include "converter/int8_plan_cache.h"
#include "converter/passes/graph_util.h"
#include "graph/reference/quantize.h"

namespace campaign::converter {
namespace {

using graph::DType;
using graph::HostTensor;

bool IsCampaignOp(const onnx::NodeProto& n, const std::string& type) {
  return n.domain() == kCampaignDomain && n.op_type() == type;
}

// The weight's output-channel axis for a quantizable op type, or -1.
int64_t WeightAxis(const onnx::NodeProto& n, int64_t weight_rank) {
  if (IsOp(n, "Conv") || IsCampaignOp(n, "FusedConv")) return 0;
  if (IsOp(n, "Gemm") || IsCampaignOp(n, "FusedGemm")) return AttrInt(n, "transB", 0) ? 0 : 1;
  if (IsOp(n, "MatMul") || IsCampaignOp(n, "FusedMatMul")) {
    return weight_rank >= 2 ? weight_rank - 1 : -1;
  }
  return -1;
}

bool IsComputeOp(const onnx::NodeProto& n) {
  for (const char* t : {"Conv", "Gemm", "MatMul"}) {
    if (IsOp(n, t) || IsCampaignOp(n, std::string("Fused") + t)) return true;
  }
  return false;
}

std::string Label(const onnx::NodeProto& n, const std::string& why = "") {
  std::string name = n.name().empty() && n.output_size() > 0 ? n.output(0) : n.name();
  return name + " (" + n.op_type() + (why.empty() ? "" : ": " + why) + ")";
}

// Why a compute node is left in fp32, or "" when it is quantizable.
std::string SkipReason(const onnx::GraphProto& g, const onnx::NodeProto& n) {
  if (n.input_size() < 2) return "no weight input";
  const onnx::TensorProto* w = FindInitializer(g, n.input(1));
  if (!w) return "weight is computed";
  if (w->data_type() != onnx::TensorProto::FLOAT) return "weight is not float32";
  if (FindInitializer(g, n.input(0))) return "activation is constant";
  if (WeightAxis(n, w->dims_size()) < 0) return "1-D weight";
  return "";
}

float ScaleFor(float max_abs) { return max_abs > 0.0f ? max_abs / 127.0f : 1.0f; }

}  // namespace

ActivationQuant ChooseActivationQuant(const ValueRange& range) {
  const float lo = std::min(range.min, 0.0f), hi = std::max(range.max, 0.0f);
  const float symmetric = ScaleFor(std::max(-lo, hi));
  const float asymmetric = (hi - lo) / 255.0f;
  if (!(asymmetric > 0.0f) || asymmetric > kAsymmetricGain * symmetric) {
    return {DType::kInt8, symmetric, 0};
  }
  const int zp = static_cast<int>(std::lround(-lo / asymmetric));
  return {DType::kUInt8, asymmetric, std::clamp(zp, 0, 255)};
}

namespace {

void AddValueInfo(onnx::GraphProto& g, const std::string& name, int32_t elem,
                  const std::optional<graph::Shape>& shape) {
  if (!shape) return;
  onnx::ValueInfoProto* v = g.add_value_info();
  v->set_name(name);
  v->mutable_type()->mutable_tensor_type()->set_elem_type(elem);
  auto* s = v->mutable_type()->mutable_tensor_type()->mutable_shape();
  for (int64_t d : *shape) s->add_dim()->set_dim_value(d);
}

// Builds the QDQ nodes and initializers; nodes go to `out` in order.
class QdqBuilder {
 public:
  explicit QdqBuilder(onnx::GraphProto& g) : g_(g) {}

  // Name of the dequantized per-channel int8 copy of float weight `w`.
  std::string Weight(const std::string& w, int64_t axis, std::vector<onnx::NodeProto>* out) {
    auto it = done_.find(w);
    if (it != done_.end()) return it->second;
    HostTensor value = *InitializerValue(g_, w);
    const graph::Shape& shape = value.shape();
    const int64_t channels = shape[axis];
    int64_t inner = 1;
    for (size_t d = static_cast<size_t>(axis) + 1; d < shape.size(); ++d) inner *= shape[d];
    HostTensor scale(DType::kFloat32, {channels});
    auto v = value.values<float>();
    auto s = scale.values<float>();
    for (size_t i = 0; i < v.size(); ++i) {
      int64_t k = (static_cast<int64_t>(i) / inner) % channels;
      s[k] = std::max(s[k], std::fabs(v[i]));
    }
    for (float& x : s) x = ScaleFor(x);
    HostTensor q(DType::kInt8, shape);
    graph::reference::QuantizeLinear(value, scale, nullptr, {channels, inner}, &q);
    const std::string name =
        Emit(w, "DequantizeLinear", q, scale, HostTensor(DType::kInt8, {channels}), axis, out);
    AddValueInfo(g_, name, onnx::TensorProto::FLOAT, shape);
    return done_[w] = name;
  }

  // Name of QuantizeLinear -> DequantizeLinear of activation `x`, in the
  // scheme ActivationScheme picks for its calibrated range.
  std::string Activation(const std::string& x, const ValueRange& range,
                         std::vector<onnx::NodeProto>* out) {
    auto it = done_.find(x);
    if (it != done_.end()) return it->second;
    const ActivationQuant aq = ChooseActivationQuant(range);
    HostTensor scale(DType::kFloat32, {});
    scale.values<float>()[0] = aq.scale;
    HostTensor zero_point(aq.type, {});
    if (aq.type == DType::kUInt8) {
      zero_point.values<uint8_t>()[0] = static_cast<uint8_t>(aq.zero_point);
    } else {
      zero_point.values<int8_t>()[0] = static_cast<int8_t>(aq.zero_point);
    }
    const std::string base = FreshName(g_, x + "_int8");
    const std::string scale_name = base + "_scale", zp_name = base + "_zero_point";
    SetInitializer(g_, ToTensorProto(scale, scale_name));
    SetInitializer(g_, ToTensorProto(zero_point, zp_name));
    onnx::NodeProto& qn = out->emplace_back();
    qn.set_op_type("QuantizeLinear");
    qn.set_name(FreshName(g_, base + "_quantize"));
    for (const auto& in : {x, scale_name, zp_name}) qn.add_input(in);
    qn.add_output(base);
    onnx::NodeProto& dq = out->emplace_back();
    dq.set_op_type("DequantizeLinear");
    dq.set_name(FreshName(g_, base + "_dequantize"));
    for (const auto& in : {base, scale_name, zp_name}) dq.add_input(in);
    dq.add_output(base + "_dq");
    const auto shape = StaticShapeOf(g_, x);
    AddValueInfo(g_, base,
                 aq.type == DType::kUInt8 ? onnx::TensorProto::UINT8 : onnx::TensorProto::INT8,
                 shape);
    AddValueInfo(g_, base + "_dq", onnx::TensorProto::FLOAT, shape);
    return done_[x] = base + "_dq";
  }

 private:
  // DequantizeLinear(int8 initializer `q`, scale, zero point) named after `w`.
  std::string Emit(const std::string& w, const std::string& op, const HostTensor& q,
                   const HostTensor& scale, const HostTensor& zp, int64_t axis,
                   std::vector<onnx::NodeProto>* out) {
    const std::string base = FreshName(g_, w + "_int8");
    SetInitializer(g_, ToTensorProto(q, base));
    SetInitializer(g_, ToTensorProto(scale, base + "_scale"));
    SetInitializer(g_, ToTensorProto(zp, base + "_zero_point"));
    onnx::NodeProto& dq = out->emplace_back();
    dq.set_op_type(op);
    dq.set_name(FreshName(g_, base + "_dequantize"));
    for (const auto& in : {base, base + "_scale", base + "_zero_point"}) dq.add_input(in);
    dq.add_output(base + "_dq");
    SetAttr(dq, "axis", axis);
    return base + "_dq";
  }

  onnx::GraphProto& g_;
  std::map<std::string, std::string> done_;  // float tensor -> its QDQ output
};

// Removes float initializers (and their graph.input entries) nothing reads.
void DropUnreadInitializers(onnx::GraphProto& g) {
  const auto reads = CountReads(g);
  auto unread = [&](const std::string& name) {
    auto it = reads.find(name);
    return it == reads.end() || it->second == 0;
  };
  auto* inits = g.mutable_initializer();
  inits->erase(std::remove_if(inits->begin(), inits->end(),
                              [&](const onnx::TensorProto& t) { return unread(t.name()); }),
               inits->end());
  std::set<std::string> kept;
  for (const auto& t : g.initializer()) kept.insert(t.name());
  auto* inputs = g.mutable_input();
  inputs->erase(std::remove_if(inputs->begin(), inputs->end(),
                               [&](const onnx::ValueInfoProto& v) {
                                 return unread(v.name()) && !kept.count(v.name());
                               }),
                inputs->end());
}

std::string JoinList(const std::vector<std::string>& items) {
  std::string s;
  for (const auto& i : items) s += (s.empty() ? "" : ";") + i;
  return s;
}

}  // namespace

std::vector<Int8Candidate> FindInt8Candidates(const onnx::GraphProto& g) {
  std::vector<Int8Candidate> out;
  for (int i = 0; i < g.node_size(); ++i) {
    const onnx::NodeProto& n = g.node(i);
    if (!IsComputeOp(n) || !SkipReason(g, n).empty()) continue;
    const onnx::TensorProto* w = FindInitializer(g, n.input(1));
    out.push_back({i, n.output(0), n.input(0), n.input(1), WeightAxis(n, w->dims_size())});
  }
  return out;
}

std::vector<std::string> CalibrationTensors(const std::vector<Int8Candidate>& candidates) {
  std::set<std::string> names;
  for (const auto& c : candidates) names.insert(c.activation);
  return {names.begin(), names.end()};
}

std::string Int8Report::ToString() const {
  return std::to_string(quantized.size()) + " layers quantized to int8 (QDQ), " +
         std::to_string(fp32_layers.size()) + " left in fp32";
}

Result<Int8Report> QuantizeInt8(onnx::ModelProto& model, const ActivationRanges& ranges,
                                const std::map<std::string, std::string>& keep_fp32) {
  onnx::GraphProto& g = *model.mutable_graph();
  const std::vector<Int8Candidate> candidates = FindInt8Candidates(g);
  std::map<int, const Int8Candidate*> by_node;
  for (const auto& c : candidates) {
    if (keep_fp32.count(c.output)) continue;
    if (!ranges.count(c.activation)) {
      return Status::Error(Reason::kInternal,
                           "int8: no calibrated range for tensor '" + c.activation + "'");
    }
    by_node[c.node] = &c;
  }
  Int8Report report;
  QdqBuilder qdq(g);
  std::vector<onnx::NodeProto> nodes;
  for (int i = 0; i < g.node_size(); ++i) {
    onnx::NodeProto n = g.node(i);
    auto it = by_node.find(i);
    if (it == by_node.end()) {
      std::string why = IsComputeOp(n) ? SkipReason(g, n) : "";
      if (auto kept = keep_fp32.find(n.output_size() > 0 ? n.output(0) : "");
          why.empty() && kept != keep_fp32.end()) {
        why = kept->second;
      }
      report.fp32_layers.push_back(Label(n, why));
      nodes.push_back(std::move(n));
      continue;
    }
    const Int8Candidate& c = *it->second;
    n.set_input(0, qdq.Activation(c.activation, ranges.at(c.activation), &nodes));
    n.set_input(1, qdq.Weight(c.weight, c.axis, &nodes));
    report.quantized.push_back(Label(n));
    nodes.push_back(std::move(n));
  }
  g.clear_node();
  for (auto& n : nodes) *g.add_node() = std::move(n);
  DropUnreadInitializers(g);
  return report;
}

Result<std::string> ApplyInt8(onnx::ModelProto& model, const onnx::ModelProto* calibration_model,
                              const CalibrationConfig& config,
                              const std::filesystem::path& plan_path) {
  const std::vector<std::string> tensors = CalibrationTensors(FindInt8Candidates(model.graph()));
  const onnx::ModelProto* calib =
      &ChooseCalibrationGraph(model, calibration_model, tensors, "int8");
  ASSIGN_OR_RETURN(std::string key, CalibrationKey(config));
  auto compute = [&]() -> Result<Int8Plan> {
    ASSIGN_OR_RETURN(CalibrationResult cal, Calibrate(*calib, tensors, config));
    Int8AccuracyConfig check;
    check.target_error = kInt8TargetFraction * config.tolerance;
    ASSIGN_OR_RETURN(Int8Accuracy accuracy, ChooseInt8Fallback(*calib, cal.ranges, check));
    spdlog::info("int8: accuracy check: {}", accuracy.ToString());
    return Int8Plan{std::move(cal.ranges), std::move(accuracy.keep_fp32),
                    accuracy.ToString(),   cal.runs,
                    cal.samples,           cal.elapsed_ms};
  };
  auto usable = [&](const Int8Plan& plan) {
    for (const auto& t : tensors) {
      if (!plan.ranges.count(t)) return false;
    }
    return true;
  };
  bool hit = false;
  ASSIGN_OR_RETURN(Int8Plan plan, LoadOrComputeInt8Plan(plan_path, usable, compute, &hit));
  if (hit) {
    spdlog::info("int8: plan cache hit {}: calibration and accuracy check reused ({})",
                 plan_path.string(), plan.accuracy);
  }
  ASSIGN_OR_RETURN(Int8Report report, QuantizeInt8(model, plan.ranges, plan.keep_fp32));
  SetMetadata(model, engine::kKeyInt8Quantized, JoinList(report.quantized));
  SetMetadata(model, engine::kKeyInt8Fp32Layers, JoinList(report.fp32_layers));
  SetMetadata(
      model, engine::kKeyInt8Calibration,
      key + " runs=" + std::to_string(plan.runs) + " samples=" + std::to_string(plan.samples));
  SetMetadata(model, engine::kKeyInt8Accuracy, plan.accuracy);
  SetMetadata(model, engine::kKeyInt8Compute, engine::kInt8Compute);
  spdlog::info("int8: quantized: {}", JoinList(report.quantized));
  spdlog::info("int8: left in fp32: {}", JoinList(report.fp32_layers));
  return report.ToString() + "; calibration " + key + ", " + std::to_string(plan.runs) +
         " runs in " + std::to_string(static_cast<int>(plan.calibration_ms)) + " ms" +
         (hit ? " (plan cache hit)" : "") + "; accuracy check: " + plan.accuracy + "; " +
         std::string(engine::kInt8Compute);
}

}  // namespace campaign::converter
