#include "graph/ops/rnn.h"

#include <memory>

#include "graph/attributes.h"
#include "graph/ops/families.h"

namespace campaign::graph {

using reference::RnnActivation;
using reference::RnnActivationFn;
using reference::RnnCell;

namespace {

const onnx::AttributeProto* FindAttribute(const onnx::NodeProto& node, const std::string& name) {
  for (const auto& a : node.attribute()) {
    if (a.name() == name) return &a;
  }
  return nullptr;
}

std::vector<float> Floats(const onnx::NodeProto& node, const std::string& name) {
  const auto* a = FindAttribute(node, name);
  if (!a) return {};
  return {a->floats().begin(), a->floats().end()};
}

// ONNX's default activations of one direction.
std::vector<RnnActivation> DefaultActivations(RnnCell cell) {
  switch (cell) {
    case RnnCell::kLstm:
      return {RnnActivation::kSigmoid, RnnActivation::kTanh, RnnActivation::kTanh};
    case RnnCell::kGru:
      return {RnnActivation::kSigmoid, RnnActivation::kTanh};
    case RnnCell::kRnn:
      break;
  }
  return {RnnActivation::kTanh};
}

// Checks that `t` has shape `want`.
Status ExpectShape(const std::string& label, const TensorInfo& t, const Shape& want,
                   const char* what) {
  if (t.shape == want) return Status::Ok();
  return Status::Error(
      Reason::kInvalidModel,
      label + ": " + what + " is " + ShapeToString(t.shape) + ", expected " + ShapeToString(want));
}

}  // namespace

RecurrentOp::RecurrentOp(const onnx::NodeProto& node, RnnCell cell)
    : node_(node), label_(NodeLabel(node)) {
  p_.cell = cell;
  int slot = 0;
  for (int k = 0; k < 3 && k < node.output_size(); ++k) {
    if (!node.output(k).empty()) out_slot_[k] = slot++;
  }
}

Status RecurrentOp::ParseAttributes(int64_t directions) {
  const int na = reference::RnnActivationCount(p_.cell);
  std::vector<RnnActivation> kinds;
  const auto* names = FindAttribute(node_, "activations");
  if (names && names->strings_size() > 0) {
    if (names->strings_size() != na * directions) {
      return Status::Error(Reason::kInvalidModel,
                           label_ + ": activations lists " + std::to_string(names->strings_size()) +
                               " functions, expected " + std::to_string(na * directions));
    }
    for (const auto& s : names->strings()) {
      auto kind = reference::RnnActivationFromName(s);
      if (!kind) {
        return Status::Error(Reason::kUnsupportedOp, label_ + ": activation '" + s +
                                                         "' is not supported (Sigmoid, Tanh, "
                                                         "Relu, Affine, LeakyRelu, "
                                                         "ThresholdedRelu, ScaledTanh, "
                                                         "HardSigmoid, Elu, Softsign, "
                                                         "Softplus are)");
      }
      kinds.push_back(*kind);
    }
  } else {
    for (int64_t d = 0; d < directions; ++d) {
      for (RnnActivation a : DefaultActivations(p_.cell)) kinds.push_back(a);
    }
  }
  // activation_alpha/beta: consumed in order by the functions that use them;
  // the operator's own default once a list runs out.
  const std::vector<float> alphas = Floats(node_, "activation_alpha");
  const std::vector<float> betas = Floats(node_, "activation_beta");
  size_t ai = 0, bi = 0;
  p_.activations.clear();
  for (RnnActivation k : kinds) {
    RnnActivationFn f{k, reference::RnnDefaultAlpha(k), reference::RnnDefaultBeta(k)};
    if (reference::RnnActivationUsesAlpha(k) && ai < alphas.size()) f.alpha = alphas[ai++];
    if (reference::RnnActivationUsesBeta(k) && bi < betas.size()) f.beta = betas[bi++];
    p_.activations.push_back(f);
  }
  p_.clip.reset();
  if (HasAttribute(node_, "clip")) {
    const float clip = GetFloat(node_, "clip", 0.0f);
    if (!(clip > 0.0f)) {
      return Status::Error(Reason::kInvalidModel,
                           label_ + ": clip must be positive, got " + std::to_string(clip));
    }
    p_.clip = clip;
  }
  p_.input_forget = p_.cell == RnnCell::kLstm && GetInt(node_, "input_forget", 0) != 0;
  p_.linear_before_reset = p_.cell == RnnCell::kGru && GetInt(node_, "linear_before_reset", 0) != 0;
  return Status::Ok();
}

Result<std::vector<TensorInfo>> RecurrentOp::Infer(const std::vector<TensorInfo>& in) {
  const bool lstm = p_.cell == RnnCell::kLstm;
  RETURN_IF_ERROR(RequireInputs(label_, in, 3, lstm ? 8 : 6));
  for (size_t i = 0; i < 8; ++i) has_[i] = i < in.size() && in[i].present;
  for (size_t i : {kX, kW, kR, kB, kH0, kC0, kP}) {
    if (!has_[i]) continue;
    static const char* kNames[] = {"X", "W", "R", "B", "", "initial_h", "initial_c", "P"};
    RETURN_IF_ERROR(RequireFloat(label_, in[i], kNames[i]));
  }
  const std::string direction = GetString(node_, "direction", "forward");
  if (direction != "forward" && direction != "reverse" && direction != "bidirectional") {
    return Status::Error(Reason::kInvalidModel, label_ + ": unknown direction '" + direction +
                                                    "' (forward, reverse or bidirectional)");
  }
  const int64_t D = direction == "bidirectional" ? 2 : 1;
  p_.directions = D;
  p_.reverse_only = direction == "reverse";
  p_.layout = GetInt(node_, "layout", 0);
  if (p_.layout != 0 && p_.layout != 1) {
    return Status::Error(Reason::kInvalidModel,
                         label_ + ": layout must be 0 or 1, got " + std::to_string(p_.layout));
  }
  const Shape& x = in[kX].shape;
  if (x.size() != 3) {
    return Status::Error(Reason::kInvalidModel,
                         label_ + ": X must be 3-D, got " + ShapeToString(x));
  }
  p_.seq = p_.layout == 0 ? x[0] : x[1];
  p_.batch = p_.layout == 0 ? x[1] : x[0];
  p_.input = x[2];
  const int64_t G = reference::RnnGateCount(p_.cell);
  const Shape& r = in[kR].shape;
  if (r.size() != 3) {
    return Status::Error(Reason::kInvalidModel,
                         label_ + ": R must be 3-D, got " + ShapeToString(r));
  }
  p_.hidden = GetInt(node_, "hidden_size", r[2]);
  const int64_t H = p_.hidden, B = p_.batch;
  if (p_.seq <= 0 || B <= 0 || p_.input <= 0 || H <= 0) {
    return Status::Error(Reason::kUnsupportedOp,
                         label_ +
                             ": empty sequences, batches or hidden states are not supported (X " +
                             ShapeToString(x) + ", hidden_size " + std::to_string(H) + ")");
  }
  RETURN_IF_ERROR(ExpectShape(label_, in[kW], {D, G * H, p_.input}, "W"));
  RETURN_IF_ERROR(ExpectShape(label_, in[kR], {D, G * H, H}, "R"));
  if (has_[kB]) RETURN_IF_ERROR(ExpectShape(label_, in[kB], {D, 2 * G * H}, "B"));
  const Shape state = p_.layout == 0 ? Shape{D, B, H} : Shape{B, D, H};
  if (has_[kH0]) RETURN_IF_ERROR(ExpectShape(label_, in[kH0], state, "initial_h"));
  if (lstm && has_[kC0]) RETURN_IF_ERROR(ExpectShape(label_, in[kC0], state, "initial_c"));
  if (lstm && has_[kP]) RETURN_IF_ERROR(ExpectShape(label_, in[kP], {D, 3 * H}, "P"));
  p_.seq_lens.clear();
  ASSIGN_OR_RETURN(auto lens, ConstIntsInput(label_, in, kSeqLens, node_, ""));
  if (lens) {
    if (static_cast<int64_t>(lens->size()) != B) {
      return Status::Error(Reason::kInvalidModel,
                           label_ + ": sequence_lens has " + std::to_string(lens->size()) +
                               " values for a batch of " + std::to_string(B));
    }
    bool all_full = true;
    for (int64_t len : *lens) {
      if (len < 0 || len > p_.seq) {
        return Status::Error(Reason::kInvalidModel, label_ + ": sequence length " +
                                                        std::to_string(len) + " outside [0, " +
                                                        std::to_string(p_.seq) + "]");
      }
      all_full = all_full && len == p_.seq;
    }
    if (!all_full) p_.seq_lens.assign(lens->begin(), lens->end());
  }
  RETURN_IF_ERROR(ParseAttributes(D));
  const Shape y = p_.layout == 0 ? Shape{p_.seq, D, B, H} : Shape{B, p_.seq, D, H};
  std::vector<TensorInfo> out = {{true, DType::kFloat32, y, nullptr},
                                 {true, DType::kFloat32, state, nullptr}};
  if (lstm) out.push_back({true, DType::kFloat32, state, nullptr});
  if (node_.output_size() > static_cast<int>(out.size())) {
    return Status::Error(Reason::kInvalidModel,
                         label_ + " has " + std::to_string(node_.output_size()) +
                             " outputs, at most " + std::to_string(out.size()) + " exist");
  }
  return out;
}

Status RecurrentOp::RunReference(const std::vector<const HostTensor*>& in,
                                 const std::vector<HostTensor*>& out) {
  auto input = [&](size_t i) { return has_[i] && i < in.size() ? in[i] : nullptr; };
  auto output = [&](int k) { return out_slot_[k] >= 0 ? out[out_slot_[k]] : nullptr; };
  reference::RnnInputs ri{input(kX),  input(kW),  input(kR), input(kB),
                          input(kH0), input(kC0), input(kP)};
  reference::Recurrence(p_, ri, {output(0), output(1), output(2)});
  return Status::Ok();
}

void RegisterRnnOps(OpTable* table) {
  (*table)["LSTM"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<RecurrentOp>(n, RnnCell::kLstm);
  };
  (*table)["GRU"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<RecurrentOp>(n, RnnCell::kGru);
  };
  (*table)["RNN"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<RecurrentOp>(n, RnnCell::kRnn);
  };
}

}  // namespace campaign::graph
