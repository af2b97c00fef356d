#include "converter/opset_lower.h"

#include <onnx/defs/schema.h>

#include <algorithm>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "converter/opset_lower_rewriter.h"
#include "converter/opset_upgrade.h"

namespace campaign::converter {
namespace {

using lowering::GraphFacts;
using lowering::IsDefaultDomain;
using lowering::NodeList;
using lowering::Rewriter;

const std::set<int32_t> kIrTypesAfter8 = {
    17, 18, 19, 20,  // FLOAT8E4M3FN, FLOAT8E4M3FNUZ, FLOAT8E5M2, FLOAT8E5M2FNUZ (IR 9)
    21, 22,          // UINT4, INT4 (IR 10)
};

Status CheckElementTypes(const onnx::GraphProto& g) {
  auto check = [](int32_t elem, const std::string& name) -> Status {
    if (!kIrTypesAfter8.count(elem)) return Status::Ok();
    return Status::Error(Reason::kUnsupportedPrecision,
                         "tensor '" + name + "' has a float8 or 4-bit element type (ONNX type " +
                             std::to_string(elem) +
                             "); the runner supports float32, float16, int8 and the integer "
                             "types of shapes and indices");
  };
  for (const auto& t : g.initializer()) RETURN_IF_ERROR(check(t.data_type(), t.name()));
  for (const auto* list : {&g.input(), &g.output(), &g.value_info()}) {
    for (const auto& v : *list)
      RETURN_IF_ERROR(check(v.type().tensor_type().elem_type(), v.name()));
  }
  return Status::Ok();
}

// Rewrites the nodes `pick` selects; returns how many changed.
Result<int> LowerNodes(onnx::ModelProto& model, int64_t opset, int batch,
                       const InputOverrides& overrides,
                       const std::function<bool(const onnx::NodeProto&)>& pick) {
  const GraphFacts facts(model, batch, overrides);
  onnx::GraphProto& g = *model.mutable_graph();
  std::vector<onnx::NodeProto> nodes(g.node().begin(), g.node().end());
  NodeList out;
  int changed = 0;
  for (onnx::NodeProto& n : nodes) {
    if (!IsDefaultDomain(n) || !pick(n)) {
      out.push_back(std::move(n));
      continue;
    }
    const std::string before = n.SerializeAsString();
    Rewriter rw(g, n);
    ASSIGN_OR_RETURN(std::optional<NodeList> replaced, lowering::LowerNode(n, facts, rw, opset));
    if (replaced) {
      for (auto& r : *replaced) out.push_back(std::move(r));
      ++changed;
    } else {
      changed += n.SerializeAsString() != before;
      out.push_back(std::move(n));
    }
  }
  g.clear_node();
  for (auto& n : out) *g.add_node() = std::move(n);
  return changed;
}

}  // namespace

Result<std::string> LowerOpset(onnx::ModelProto& model, int batch,
                               const InputOverrides& overrides) {
  const int64_t opset = DefaultOpset(model);
  const int64_t ir = model.ir_version();
  if (opset > kNewestLoweredOpset) {
    return Status::Error(
        Reason::kInvalidModel,
        "the model uses opset " + std::to_string(opset) + ", newer than the converter knows (" +
            std::to_string(kNewestLoweredOpset) + "); re-export it with opset_version=" +
            std::to_string(kNewestLoweredOpset) + " or lower");
  }
  if (opset <= kOnnxLibraryOpset && ir <= kOnnxLibraryIrVersion) {
    return "opset " + std::to_string(opset) + ", IR " + std::to_string(ir) + ", kept";
  }
  RETURN_IF_ERROR(CheckElementTypes(model.graph()));
  int changed = 0;
  if (opset > kOnnxLibraryOpset) {
    ASSIGN_OR_RETURN(int first,
                     LowerNodes(model, opset, batch, overrides, [](const onnx::NodeProto& n) {
                       return !lowering::NeedsShapes(n.op_type());
                     }));
    ASSIGN_OR_RETURN(int second,
                     LowerNodes(model, opset, batch, overrides, [](const onnx::NodeProto& n) {
                       return lowering::NeedsShapes(n.op_type());
                     }));
    changed = first + second;
    std::set<std::string> missing;
    for (const auto& n : model.graph().node()) {
      if (IsDefaultDomain(n) &&
          onnx::OpSchemaRegistry::Schema(n.op_type(), kOnnxLibraryOpset, "") == nullptr) {
        missing.insert(n.op_type());
      }
    }
    if (!missing.empty()) {
      std::string list;
      for (const auto& op : missing) list += (list.empty() ? "" : ", ") + op;
      return Status::Error(Reason::kUnsupportedOp,
                           "the model uses operators of opsets 18-" +
                               std::to_string(kNewestLoweredOpset) +
                               " that the runner does not support: " + list);
    }
    for (auto& op : *model.mutable_opset_import()) {
      if (op.domain().empty() || op.domain() == "ai.onnx") op.set_version(kOnnxLibraryOpset);
    }
  }
  model.set_ir_version(std::min<int64_t>(ir, kOnnxLibraryIrVersion));
  return "opset " + std::to_string(opset) + " -> " +
         std::to_string(std::min(opset, kOnnxLibraryOpset)) + ", IR " + std::to_string(ir) +
         " -> " + std::to_string(model.ir_version()) + ", " + std::to_string(changed) +
         " nodes rewritten";
}

}  // namespace campaign::converter
