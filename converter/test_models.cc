#include "converter/test_models.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cctype>
#include <fstream>
#include <stdexcept>

#include "converter/convert.h"
#include "converter/model_io.h"
#include "graph/plan.h"
#include "graph/testing/model_builder.h"

namespace campaign::converter::testing {
namespace fs = std::filesystem;

onnx::ModelProto NewModel() {
  onnx::ModelProto m;
  m.set_ir_version(7);
  m.set_producer_name("converter_test");
  auto* opset = m.add_opset_import();
  opset->set_domain("");
  opset->set_version(13);
  m.mutable_graph()->set_name("test");
  return m;
}

namespace {

void SetType(onnx::ValueInfoProto* v, const std::string& name,
             const std::vector<std::string>& dims) {
  v->set_name(name);
  auto* tt = v->mutable_type()->mutable_tensor_type();
  tt->set_elem_type(onnx::TensorProto::FLOAT);
  auto* shape = tt->mutable_shape();
  for (const auto& d : dims) {
    if (!d.empty() && std::isdigit(static_cast<unsigned char>(d[0]))) {
      shape->add_dim()->set_dim_value(std::stoll(d));
    } else {
      shape->add_dim()->set_dim_param(d);
    }
  }
}

}  // namespace

void AddInput(onnx::GraphProto& g, const std::string& name, const std::vector<std::string>& dims) {
  SetType(g.add_input(), name, dims);
}

void AddOutput(onnx::GraphProto& g, const std::string& name, const std::vector<std::string>& dims) {
  SetType(g.add_output(), name, dims);
}

onnx::NodeProto& AddNode(onnx::GraphProto& g, const std::string& op,
                         const std::vector<std::string>& inputs,
                         const std::vector<std::string>& outputs) {
  auto* n = g.add_node();
  n->set_op_type(op);
  n->set_name(op + "_" + std::to_string(g.node_size()));
  for (const auto& i : inputs) n->add_input(i);
  for (const auto& o : outputs) n->add_output(o);
  return *n;
}

void AddInitializer(onnx::GraphProto& g, const std::string& name, const std::vector<int64_t>& dims,
                    float value) {
  auto* t = g.add_initializer();
  t->set_name(name);
  t->set_data_type(onnx::TensorProto::FLOAT);
  int64_t n = 1;
  for (int64_t d : dims) {
    t->add_dims(d);
    n *= d;
  }
  for (int64_t i = 0; i < n; ++i) t->add_float_data(value);
}

onnx::ModelProto ConvModel() {
  onnx::ModelProto m = NewModel();
  auto& g = *m.mutable_graph();
  AddInput(g, "input", {"N", "3", "8", "8"});
  AddInitializer(g, "W", {4, 3, 3, 3}, 0.1f);
  AddInitializer(g, "B", {4}, 0.0f);
  auto& conv = AddNode(g, "Conv", {"input", "W", "B"}, {"conv_out"});
  auto* pads = conv.add_attribute();
  pads->set_name("pads");
  pads->set_type(onnx::AttributeProto::INTS);
  for (int i = 0; i < 4; ++i) pads->add_ints(1);
  AddNode(g, "Relu", {"conv_out"}, {"relu_out"});
  AddNode(g, "Identity", {"relu_out"}, {"id_out"});
  AddNode(g, "Flatten", {"id_out"}, {"output"});
  AddOutput(g, "output", {"N", "256"});
  return m;
}

onnx::ModelProto TwoDynamicDimsModel() {
  onnx::ModelProto m = NewModel();
  auto& g = *m.mutable_graph();
  AddInput(g, "input", {"N", "3", "H", "8"});
  AddNode(g, "Relu", {"input"}, {"output"});
  AddOutput(g, "output", {"N", "3", "H", "8"});
  return m;
}

onnx::ModelProto UnsupportedOpsModel() {
  onnx::ModelProto m = NewModel();
  auto& g = *m.mutable_graph();
  AddInput(g, "x", {"N", "4"});
  AddInitializer(g, "W", {4, 4}, 0.5f);
  for (const auto& [in, out] : {std::pair{"x", "e1"}, std::pair{"e1", "e2"}}) {
    AddNode(g, "RandomNormalLike", {in}, {out});
  }
  AddNode(g, "Softplus", {"e2"}, {"y"});
  AddOutput(g, "y", {"N", "4"});
  return m;
}

onnx::ModelProto PassThroughModel() {
  onnx::ModelProto m = NewModel();
  auto& g = *m.mutable_graph();
  AddInput(g, "input", {"N", "3"});
  AddNode(g, "Identity", {"input"}, {"t1"});
  AddInitializer(g, "ratio", {}, 0.5f);
  AddNode(g, "Dropout", {"t1", "ratio"}, {"t2", "mask"});
  auto& constant = AddNode(g, "Constant", {}, {"c"});
  auto* value = constant.add_attribute();
  value->set_name("value_floats");
  value->set_type(onnx::AttributeProto::FLOATS);
  for (float f : {1.0f, 2.0f, 3.0f}) value->add_floats(f);
  AddNode(g, "Add", {"t2", "c"}, {"t3"});
  AddNode(g, "Identity", {"t3"}, {"output"});
  AddOutput(g, "output", {"N", "3"});
  return m;
}

onnx::ModelProto PadPoolConcatBatchNormModel() {
  onnx::ModelProto m = NewModel();
  auto& g = *m.mutable_graph();
  AddInput(g, "input", {"N", "3", "8", "8"});
  AddInitializer(g, "W", {4, 3, 3, 3}, 0.1f);
  AddInitializer(g, "B", {4}, 0.5f);
  auto& conv = AddNode(g, "Conv", {"input", "W", "B"}, {"c"});
  auto* conv_pads = conv.add_attribute();
  conv_pads->set_name("pads");
  conv_pads->set_type(onnx::AttributeProto::INTS);
  for (int i = 0; i < 4; ++i) conv_pads->add_ints(1);
  auto* pads = g.add_initializer();
  pads->set_name("pads");
  pads->set_data_type(onnx::TensorProto::INT64);
  pads->add_dims(8);
  for (int64_t v : {0, 0, 1, 1, 0, 0, 1, 1}) pads->add_int64_data(v);
  auto& pad = AddNode(g, "Pad", {"c", "pads"}, {"padded"});
  auto* mode = pad.add_attribute();
  mode->set_name("mode");
  mode->set_type(onnx::AttributeProto::STRING);
  mode->set_s("reflect");
  auto& pool = AddNode(g, "AveragePool", {"padded"}, {"p"});
  auto* kernel = pool.add_attribute();
  kernel->set_name("kernel_shape");
  kernel->set_type(onnx::AttributeProto::INTS);
  kernel->add_ints(3);
  kernel->add_ints(3);
  auto& concat = AddNode(g, "Concat", {"c", "p"}, {"cat"});
  auto* axis = concat.add_attribute();
  axis->set_name("axis");
  axis->set_type(onnx::AttributeProto::INT);
  axis->set_i(1);
  AddInitializer(g, "scale", {8}, 1.5f);
  AddInitializer(g, "beta", {8}, 0.25f);
  AddInitializer(g, "mean", {8}, 0.1f);
  AddInitializer(g, "var", {8}, 2.0f);
  AddNode(g, "BatchNormalization", {"cat", "scale", "beta", "mean", "var"}, {"output"});
  AddOutput(g, "output", {"N", "8", "8", "8"});
  return m;
}

fs::path WriteModel(const onnx::ModelProto& model, const fs::path& path) {
  std::ofstream out(path, std::ios::binary);
  if (!model.SerializeToOstream(&out)) throw std::runtime_error("cannot write " + path.string());
  return path;
}

onnx::ModelProto WithFloatOutputs(onnx::ModelProto m) {
  for (auto& o : *m.mutable_graph()->mutable_output()) {
    o.mutable_type()->mutable_tensor_type()->set_elem_type(onnx::TensorProto::FLOAT);
    o.mutable_type()->mutable_tensor_type()->mutable_shape();
  }
  return m;
}

onnx::ModelProto PadConvBnReluModel(const std::vector<int64_t>& x, int64_t m,
                                    const std::vector<int64_t>& kernel) {
  using graph::testing::SetFloat;
  using graph::testing::SetInts;
  const size_t k = kernel.size();
  graph::testing::ModelBuilder b;
  b.AddInput("x", x);
  std::vector<int64_t> pad(2 * x.size(), 0);
  pad[2] = 1;                     // first spatial dim, start
  pad[x.size() + 2 + k - 1] = 1;  // last spatial dim, end
  b.AddInt64Initializer("pads", pad);
  b.AddNode("Pad", {"x", "pads"}, {"xp"});
  std::vector<int64_t> w{m, x[1]};
  w.insert(w.end(), kernel.begin(), kernel.end());
  b.AddInitializer("w", w);
  b.AddInitializer("b", {m});
  auto* conv = b.AddNode("Conv", {"xp", "w", "b"}, {"c"});
  SetInts(conv, "pads", std::vector<int64_t>(2 * k, 1));
  b.AddInitializer("scale", {m}, {}, 11);
  b.AddInitializer("beta", {m}, {}, 12);
  b.AddInitializer("mean", {m}, {}, 13);
  std::vector<float> var(static_cast<size_t>(m));
  for (size_t i = 0; i < var.size(); ++i) var[i] = 0.5f + 0.25f * static_cast<float>(i);
  b.AddInitializer("var", {m}, var);
  auto* bn = b.AddNode("BatchNormalization", {"c", "scale", "beta", "mean", "var"}, {"bn"});
  SetFloat(bn, "epsilon", 1e-3f);
  b.AddNode("Relu", {"bn"}, {"y"});
  b.AddOutput("y");
  onnx::ModelProto model = b.model();
  // The output's shape (the ONNX checker wants it): padded extent + 2 - k + 1.
  auto* shape = model.mutable_graph()
                    ->mutable_output(0)
                    ->mutable_type()
                    ->mutable_tensor_type()
                    ->mutable_shape();
  shape->add_dim()->set_dim_value(x[0]);
  shape->add_dim()->set_dim_value(m);
  for (size_t d = 0; d < k; ++d) {
    const int64_t padded = x[2 + d] + pad[2 + d] + pad[x.size() + 2 + d];
    shape->add_dim()->set_dim_value(padded + 2 - kernel[d] + 1);
  }
  return model;
}

Status ConvertStatus(const onnx::ModelProto& model, const fs::path& dir, const std::string& name,
                     int batch) {
  ConvertRequest req;
  req.model_path = WriteModel(model, dir / (name + ".onnx"));
  req.batch = batch;
  req.output_path = dir / (name + ".engine.onnx");
  Result<ConvertReport> report = Convert(req);
  return report.ok() ? Status::Ok() : report.status();
}

ConvertedRun ConvertAndRun(const onnx::ModelProto& model, const fs::path& dir,
                           const std::string& name, int batch,
                           std::vector<graph::HostTensor> inputs) {
  ConvertedRun run;
  ConvertRequest req;
  req.model_path = WriteModel(model, dir / (name + ".onnx"));
  req.batch = batch;
  req.output_path = dir / (name + ".engine.onnx");
  Result<ConvertReport> report = Convert(req);
  EXPECT_TRUE(report.ok()) << name << ": " << report.status().ToString();
  if (!report.ok()) return run;
  auto engine = LoadModel(req.output_path);
  EXPECT_TRUE(engine.ok()) << engine.status().ToString();
  if (!engine.ok()) return run;
  run.engine = std::move(engine->model);
  auto plan = graph::Plan::Create(run.engine);
  EXPECT_TRUE(plan.ok()) << plan.status().ToString();
  if (!plan.ok()) return run;
  if (inputs.empty()) inputs = (*plan)->MakeRandomInputs(7);
  auto out = (*plan)->RunReference(inputs);
  EXPECT_TRUE(out.ok()) << out.status().ToString();
  if (out.ok()) run.outputs = std::move(out).value();
  return run;
}

}  // namespace campaign::converter::testing
