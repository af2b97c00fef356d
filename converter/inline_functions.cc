#include "converter/inline_functions.h"

#include <google/protobuf/unknown_field_set.h>

#include <map>
#include <set>
#include <utility>
#include <vector>

namespace campaign::converter {
namespace {

using FunctionKey = std::pair<std::string, std::string>;  // domain, name

// FunctionProto.attribute_proto (field 11, IR 9: attributes with default
// values) is newer than the ONNX the converter links, whose generated class
// keeps it as an unknown field.
constexpr int kAttributeProtoField = 11;

struct Function {
  const onnx::FunctionProto* proto = nullptr;
  std::map<std::string, onnx::AttributeProto> defaults;
};

std::map<std::string, onnx::AttributeProto> Defaults(const onnx::FunctionProto& f) {
  std::map<std::string, onnx::AttributeProto> out;
  const auto& unknown = f.GetReflection()->GetUnknownFields(f);
  for (int i = 0; i < unknown.field_count(); ++i) {
    const auto& field = unknown.field(i);
    if (field.number() != kAttributeProtoField ||
        field.type() != google::protobuf::UnknownField::TYPE_LENGTH_DELIMITED) {
      continue;
    }
    onnx::AttributeProto a;
    if (a.ParseFromString(field.length_delimited()) && !a.name().empty()) out[a.name()] = a;
  }
  return out;
}

// Every value name a graph (and its subgraphs) defines or reads.
void CollectNames(const onnx::GraphProto& g, std::set<std::string>* names) {
  for (const auto& v : g.input()) names->insert(v.name());
  for (const auto& t : g.initializer()) names->insert(t.name());
  for (const auto& n : g.node()) {
    for (const auto& s : n.input()) names->insert(s);
    for (const auto& s : n.output()) names->insert(s);
    for (const auto& a : n.attribute()) {
      if (a.has_g()) CollectNames(a.g(), names);
      for (const auto& sg : a.graphs()) CollectNames(sg, names);
    }
  }
}

// Renames values of a subgraph in a function body that the function scope
// renamed, except those the subgraph itself defines (which shadow them).
void RenameOuterReads(onnx::GraphProto* g, const std::map<std::string, std::string>& scope) {
  std::set<std::string> local;
  for (const auto& v : g->input()) local.insert(v.name());
  for (const auto& t : g->initializer()) local.insert(t.name());
  for (const auto& n : g->node()) local.insert(n.output().begin(), n.output().end());
  auto rename = [&](std::string* s) {
    if (local.count(*s)) return;
    auto it = scope.find(*s);
    if (it != scope.end()) *s = it->second;
  };
  for (auto& n : *g->mutable_node()) {
    for (auto& s : *n.mutable_input()) rename(&s);
    for (auto& a : *n.mutable_attribute()) {
      if (a.has_g()) RenameOuterReads(a.mutable_g(), scope);
      for (auto& sg : *a.mutable_graphs()) RenameOuterReads(&sg, scope);
    }
  }
  for (auto& o : *g->mutable_output()) rename(o.mutable_name());
}

class Inliner {
 public:
  explicit Inliner(onnx::ModelProto& model) : model_(model) {
    for (const auto& f : model.functions()) {
      functions_[{f.domain(), f.name()}] = Function{&f, Defaults(f)};
    }
    CollectNames(model.graph(), &names_);
  }

  int calls() const { return calls_; }
  const std::set<FunctionKey>& used() const { return used_; }

  Status InlineGraph(onnx::GraphProto* g) {
    google::protobuf::RepeatedPtrField<onnx::NodeProto> out;
    for (auto& n : *g->mutable_node()) {
      RETURN_IF_ERROR(Expand(std::move(n), 0, &out));
    }
    g->mutable_node()->Swap(&out);
    return Status::Ok();
  }

 private:
  std::string Fresh(const std::string& base) {
    std::string name = base;
    for (int i = 1; names_.count(name); ++i) name = base + "_" + std::to_string(i);
    names_.insert(name);
    return name;
  }

  // Appends `node` to `out`, or the body of the function it calls
  // (recursively); subgraphs of the appended nodes are inlined too.
  Status Expand(onnx::NodeProto node, int depth,
                google::protobuf::RepeatedPtrField<onnx::NodeProto>* out) {
    auto it = functions_.find({node.domain(), node.op_type()});
    if (it == functions_.end()) {
      for (auto& a : *node.mutable_attribute()) {
        if (a.has_g()) RETURN_IF_ERROR(InlineGraph(a.mutable_g()));
        for (auto& sg : *a.mutable_graphs()) RETURN_IF_ERROR(InlineGraph(&sg));
      }
      *out->Add() = std::move(node);
      return Status::Ok();
    }
    const onnx::FunctionProto& f = *it->second.proto;
    const std::string what = "node '" + node.name() + "' calls local function " +
                             (f.domain().empty() ? "" : f.domain() + ".") + f.name();
    if (depth >= kMaxInlineDepth) {
      return Status::Error(Reason::kInvalidModel,
                           what + " nested deeper than " + std::to_string(kMaxInlineDepth) +
                               " calls: the function is recursive, which ONNX does not allow");
    }
    if (node.input_size() > f.input_size() || node.output_size() > f.output_size()) {
      return Status::Error(Reason::kInvalidModel,
                           what + " with " + std::to_string(node.input_size()) + " inputs and " +
                               std::to_string(node.output_size()) + " outputs; it declares " +
                               std::to_string(f.input_size()) + " and " +
                               std::to_string(f.output_size()));
    }
    RETURN_IF_ERROR(CheckOutputsComputed(f));
    used_.insert(it->first);
    ++calls_;
    const std::string prefix =
        (node.name().empty() ? f.name() : node.name()) + "/" + f.name() + "/";
    std::map<std::string, std::string> scope;
    for (int i = 0; i < f.input_size(); ++i) {
      scope[f.input(i)] = i < node.input_size() ? node.input(i) : "";
    }
    for (int i = 0; i < f.output_size(); ++i) {
      scope[f.output(i)] = i < node.output_size() && !node.output(i).empty()
                               ? node.output(i)
                               : Fresh(prefix + f.output(i));
    }
    std::map<std::string, const onnx::AttributeProto*> given;
    for (const auto& a : node.attribute()) given[a.name()] = &a;
    for (const auto& body_node : f.node()) {
      onnx::NodeProto n = body_node;
      for (const auto& o : n.output()) {
        if (!o.empty() && !scope.count(o)) scope[o] = Fresh(prefix + o);
      }
      for (auto& s : *n.mutable_input()) {
        if (s.empty()) continue;
        auto found = scope.find(s);
        // A name the function neither declares nor defines: ONNX forbids
        // it; keep it so the checker names it.
        if (found != scope.end()) s = found->second;
      }
      for (auto& s : *n.mutable_output()) {
        if (!s.empty()) s = scope[s];
      }
      n.set_name(
          Fresh(prefix + (body_node.name().empty() ? body_node.op_type() : body_node.name())));
      RETURN_IF_ERROR(BindAttributes(it->second, given, &n));
      for (auto& a : *n.mutable_attribute()) {
        if (a.has_g()) RenameOuterReads(a.mutable_g(), scope);
        for (auto& sg : *a.mutable_graphs()) RenameOuterReads(&sg, scope);
      }
      RETURN_IF_ERROR(Expand(std::move(n), depth + 1, out));
    }
    return Status::Ok();
  }

  // An output no node of the function computes (PyTorch 1.13's
  // export_modules_as_functions writes some for Swin) would leave the
  // caller's value undefined, which the checker reports confusingly.
  static Status CheckOutputsComputed(const onnx::FunctionProto& f) {
    std::set<std::string> defined(f.input().begin(), f.input().end());
    for (const auto& n : f.node()) defined.insert(n.output().begin(), n.output().end());
    for (const auto& o : f.output()) {
      if (!defined.count(o)) {
        return Status::Error(Reason::kInvalidModel,
                             "local function " + f.name() + " declares output '" + o +
                                 "' that none of its nodes computes (an exporter bug): "
                                 "re-export the model without module functions "
                                 "(torch.onnx.export's export_modules_as_functions=False)");
      }
    }
    return Status::Ok();
  }

  // Attributes referring to the caller's (ref_attr_name): the call's value,
  // else the function's default, else none.
  static Status BindAttributes(const Function& f,
                               const std::map<std::string, const onnx::AttributeProto*>& given,
                               onnx::NodeProto* n) {
    google::protobuf::RepeatedPtrField<onnx::AttributeProto> attrs;
    for (auto& a : *n->mutable_attribute()) {
      if (a.ref_attr_name().empty()) {
        *attrs.Add() = std::move(a);
        continue;
      }
      const onnx::AttributeProto* value = nullptr;
      if (auto g = given.find(a.ref_attr_name()); g != given.end()) {
        value = g->second;
      } else if (auto d = f.defaults.find(a.ref_attr_name()); d != f.defaults.end()) {
        value = &d->second;
      }
      if (value == nullptr) continue;
      onnx::AttributeProto bound = *value;
      bound.set_name(a.name());
      bound.clear_ref_attr_name();
      *attrs.Add() = std::move(bound);
    }
    n->mutable_attribute()->Swap(&attrs);
    return Status::Ok();
  }

  onnx::ModelProto& model_;
  std::map<FunctionKey, Function> functions_;
  std::set<std::string> names_;
  std::set<FunctionKey> used_;
  int calls_ = 0;
};

// The opsets the inlined bodies use, merged into the model's.
Status MergeOpsets(onnx::ModelProto& model, const std::set<FunctionKey>& used) {
  std::map<std::string, int64_t> have;
  for (const auto& o : model.opset_import())
    have[o.domain() == "ai.onnx" ? "" : o.domain()] = o.version();
  for (const auto& f : model.functions()) {
    if (!used.count({f.domain(), f.name()})) continue;
    for (const auto& o : f.opset_import()) {
      const std::string domain = o.domain() == "ai.onnx" ? "" : o.domain();
      auto it = have.find(domain);
      if (it == have.end()) {
        auto* add = model.add_opset_import();
        add->set_domain(domain);
        add->set_version(o.version());
        have[domain] = o.version();
      } else if (it->second != o.version()) {
        return Status::Error(
            Reason::kInvalidModel,
            "local function " + f.name() + " imports opset " + std::to_string(o.version()) +
                " of domain '" + (domain.empty() ? "ai.onnx" : domain) + "', the model opset " +
                std::to_string(it->second) +
                ": re-export the model with one opset version (or inline its functions with "
                "onnx.inliner and set the model's opset)");
      }
    }
  }
  return Status::Ok();
}

}  // namespace

Result<std::string> InlineLocalFunctions(onnx::ModelProto& model) {
  if (model.functions_size() == 0) return std::string("no local functions");
  Inliner inliner(model);
  RETURN_IF_ERROR(inliner.InlineGraph(model.mutable_graph()));
  RETURN_IF_ERROR(MergeOpsets(model, inliner.used()));
  const int functions = model.functions_size();
  // Domains only the functions defined (their call sites are gone).
  std::set<std::string> function_domains;
  for (const auto& f : model.functions()) function_domains.insert(f.domain());
  model.clear_functions();
  std::set<std::string> used_domains;
  std::vector<const onnx::GraphProto*> graphs = {&model.graph()};
  while (!graphs.empty()) {
    const onnx::GraphProto* g = graphs.back();
    graphs.pop_back();
    for (const auto& n : g->node()) {
      used_domains.insert(n.domain() == "ai.onnx" ? "" : n.domain());
      for (const auto& a : n.attribute()) {
        if (a.has_g()) graphs.push_back(&a.g());
        for (const auto& sg : a.graphs()) graphs.push_back(&sg);
      }
    }
  }
  auto* imports = model.mutable_opset_import();
  for (int i = imports->size() - 1; i >= 0; --i) {
    const std::string& d = imports->Get(i).domain();
    if (function_domains.count(d) && !used_domains.count(d)) imports->DeleteSubrange(i, 1);
  }
  return std::to_string(inliner.calls()) + " calls of " + std::to_string(functions) +
         " local functions inlined";
}

}  // namespace campaign::converter
