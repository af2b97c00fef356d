#include "tests/tiny_models.h"

#include <fstream>
#include <random>

namespace campaign::testing {

namespace {

void SetShape(onnx::ValueInfoProto* v, const std::string& name,
              const std::vector<std::string>& dims) {
  v->set_name(name);
  v->mutable_type()->mutable_tensor_type()->set_elem_type(onnx::TensorProto::FLOAT);
  auto* shape = v->mutable_type()->mutable_tensor_type()->mutable_shape();
  for (const auto& d : dims) {
    auto* dim = shape->add_dim();
    if (!d.empty() && std::isdigit(static_cast<unsigned char>(d[0]))) {
      dim->set_dim_value(std::stoll(d));
    } else {
      dim->set_dim_param(d);
    }
  }
}

void AddWeights(onnx::GraphProto* g, const std::string& name, std::vector<int64_t> dims,
                std::mt19937* rng) {
  auto* t = g->add_initializer();
  t->set_name(name);
  t->set_data_type(onnx::TensorProto::FLOAT);
  int64_t n = 1;
  for (auto d : dims) {
    t->add_dims(d);
    n *= d;
  }
  std::uniform_real_distribution<float> dist(-0.5f, 0.5f);
  for (int64_t i = 0; i < n; ++i) t->add_float_data(dist(*rng));
}

onnx::NodeProto* AddNode(onnx::GraphProto* g, const std::string& op, std::vector<std::string> in,
                         std::vector<std::string> out) {
  auto* n = g->add_node();
  n->set_op_type(op);
  n->set_name(op + "_" + out[0]);
  for (auto& i : in) n->add_input(i);
  for (auto& o : out) n->add_output(o);
  return n;
}

onnx::ModelProto Build(const std::vector<std::string>& in_dims, const std::string& batch,
                       const std::string& act_op, const std::string& act_domain) {
  onnx::ModelProto m;
  m.set_ir_version(7);
  m.set_producer_name("campaign-tests");
  auto* op = m.add_opset_import();
  op->set_domain("");
  op->set_version(13);
  if (!act_domain.empty()) {
    auto* custom = m.add_opset_import();
    custom->set_domain(act_domain);
    custom->set_version(1);
  }
  auto* g = m.mutable_graph();
  g->set_name("tiny_cnn");
  std::mt19937 rng(42);
  SetShape(g->add_input(), "input", in_dims);
  AddWeights(g, "w", {4, 3, 3, 3}, &rng);
  AddWeights(g, "b", {4}, &rng);
  auto* conv = AddNode(g, "Conv", {"input", "w", "b"}, {"conv"});
  auto* pads = conv->add_attribute();
  pads->set_name("pads");
  pads->set_type(onnx::AttributeProto::INTS);
  for (int i = 0; i < 4; ++i) pads->add_ints(1);
  auto* act = AddNode(g, act_op, {"conv"}, {"act"});
  if (!act_domain.empty()) act->set_domain(act_domain);
  AddNode(g, "GlobalAveragePool", {"act"}, {"pool"});
  AddNode(g, "Flatten", {"pool"}, {"output"});
  SetShape(g->add_output(), "output", {batch, "4"});
  return m;
}

}  // namespace

onnx::ModelProto TinyCnn(const std::string& batch_dim) {
  const std::string b = batch_dim.empty() ? "1" : batch_dim;
  return Build({b, "3", "8", "8"}, b, "Relu", "");
}

onnx::ModelProto TinyCnnWithOp(const std::string& op_type) {
  return Build({"N", "3", "8", "8"}, "N", op_type, "com.example");
}

onnx::ModelProto TinyCnnDynamicHW() { return Build({"N", "3", "H", "W"}, "N", "Relu", ""); }

Status SaveModel(const onnx::ModelProto& model, const std::filesystem::path& path) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out || !model.SerializeToOstream(&out)) {
    return Status::Error(Reason::kIoError, "cannot write " + path.string());
  }
  return Status::Ok();
}

}  // namespace campaign::testing
