#include "runner/conformance/conformance.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <deque>
#include <set>

#include "common/file_util.h"
#include "graph/attributes.h"
#include "graph/half.h"
#include "graph/old_opsets.h"
#include "graph/reference/cast.h"
#include "graph/sequences.h"
#include "graph/static_lowering.h"
#include "runner/cl/device.h"
#include "runner/conformance/test_data.h"
#include "runner/executor.h"

namespace campaign::runner {
namespace fs = std::filesystem;

std::string_view CaseOutcomeName(CaseOutcome o) {
  switch (o) {
    case CaseOutcome::kPass:
      return "pass";
    case CaseOutcome::kFail:
      return "fail";
    case CaseOutcome::kUnsupported:
      return "unsupported";
  }
  return "?";
}

namespace {

bool IsUnsupported(const Status& st) {
  return st.reason() == Reason::kUnsupportedOp || st.reason() == Reason::kUnsupportedPrecision ||
         st.reason() == Reason::kDynamicShape;
}

double At(const HostTensor& t, int64_t i) { return graph::reference::ValueAsDouble(t, i); }

// Empty when `got` matches `want` within the tolerances, else why not.
std::string Mismatch(const std::vector<HostTensor>& got, const std::vector<HostTensor>& want,
                     const ConformanceOptions& o) {
  if (got.size() != want.size()) {
    return std::to_string(got.size()) + " outputs, expected " + std::to_string(want.size());
  }
  for (size_t k = 0; k < got.size(); ++k) {
    const HostTensor& g = got[k];
    const HostTensor& w = want[k];
    if (g.dtype() != w.dtype() || g.shape() != w.shape()) {
      return "output " + std::to_string(k) + " is " + std::string(graph::DTypeName(g.dtype())) +
             graph::ShapeToString(g.shape()) + ", expected " +
             std::string(graph::DTypeName(w.dtype())) + graph::ShapeToString(w.shape());
    }
    for (int64_t i = 0; i < w.size(); ++i) {
      if (static_cast<int64_t>(g.bytes()) !=
          w.size() * static_cast<int64_t>(graph::DTypeSize(w.dtype()))) {
        return "output " + std::to_string(k) + " has no data";
      }
      double a = At(g, i), b = At(w, i);
      if (std::isnan(a) && std::isnan(b)) continue;
      if (std::isinf(b) && a == b) continue;
      // bfloat16: one unit in the last place (2^-7 relative). ONNX 1.12's
      // test data truncates float to bfloat16; the spec rounds to nearest even.
      const double rtol = w.dtype() == DType::kBFloat16 ? std::max(o.rtol, 0x1p-7) : o.rtol;
      if (!(std::fabs(a - b) <= o.atol + rtol * std::fabs(b))) {
        return "output " + std::to_string(k) + " element " + std::to_string(i) + " is " +
               std::to_string(a) + ", expected " + std::to_string(b);
      }
    }
  }
  return "";
}

std::vector<fs::path> Sorted(const fs::path& dir, std::string_view prefix) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.path().filename().string().rfind(prefix, 0) == 0) out.push_back(e.path());
  }
  // input_10 after input_9: order by length, then name.
  std::sort(out.begin(), out.end(), [](const fs::path& a, const fs::path& b) {
    auto x = a.filename().string(), y = b.filename().string();
    return x.size() != y.size() ? x.size() < y.size() : x < y;
  });
  return out;
}

struct DataSet {
  std::vector<HostTensor> inputs, outputs;
};

// ONNX test data before 1.14 stores bfloat16 tensors as UINT16 bit patterns:
// retags them as bfloat16 where the model declares BFLOAT16.
void RetagBFloat16(const google::protobuf::RepeatedPtrField<onnx::ValueInfoProto>& declared,
                   std::vector<HostTensor>* data) {
  for (int i = 0; i < declared.size() && i < static_cast<int>(data->size()); ++i) {
    HostTensor& t = (*data)[i];
    if (t.dtype() != DType::kUInt16 ||
        declared.Get(i).type().tensor_type().elem_type() != onnx::TensorProto::BFLOAT16) {
      continue;
    }
    HostTensor b(DType::kBFloat16, t.shape());
    std::copy(t.values<uint16_t>().begin(), t.values<uint16_t>().end(),
              b.values<uint16_t>().begin());
    t = std::move(b);
  }
}

// Graph inputs that are not initializers, in order.
std::vector<onnx::ValueInfoProto*> FedInputs(onnx::ModelProto* model) {
  std::set<std::string> inits;
  for (const auto& t : model->graph().initializer()) inits.insert(t.name());
  std::vector<onnx::ValueInfoProto*> out;
  for (auto& v : *model->mutable_graph()->mutable_input()) {
    if (!inits.count(v.name())) out.push_back(&v);
  }
  return out;
}

void FixInputShapes(onnx::ModelProto* model, const std::vector<HostTensor>& data) {
  auto fed = FedInputs(model);
  for (size_t i = 0; i < fed.size() && i < data.size(); ++i) {
    auto* shape = fed[i]->mutable_type()->mutable_tensor_type()->mutable_shape();
    shape->clear_dim();
    for (int64_t d : data[i].shape()) shape->add_dim()->set_dim_value(d);
  }
  model->mutable_graph()->clear_value_info();
}

// Turns integer and single-element inputs (or, with all_but_first, every
// input after the first) into initializers holding the data; returns which
// data inputs were bound.
std::vector<bool> BindConstantInputs(onnx::ModelProto* model, const std::vector<HostTensor>& data,
                                     bool all_but_first) {
  auto fed = FedInputs(model);
  std::vector<bool> bound(data.size(), false);
  std::set<std::string> names;
  for (size_t i = 0; i < fed.size() && i < data.size(); ++i) {
    const HostTensor& t = data[i];
    if (all_but_first
            ? i == 0
            : (t.size() != 1 && (t.dtype() == DType::kBool || t.dtype() == DType::kFloat32))) {
      continue;
    }
    onnx::TensorProto* init = model->mutable_graph()->add_initializer();
    init->set_name(fed[i]->name());
    init->set_data_type(graph::DTypeToOnnx(t.dtype()));
    for (int64_t d : t.shape()) init->add_dims(d);
    init->set_raw_data(std::string(static_cast<const char*>(t.raw()), t.bytes()));
    names.insert(fed[i]->name());
    bound[i] = true;
  }
  auto* inputs = model->mutable_graph()->mutable_input();
  for (int i = inputs->size() - 1; i >= 0; --i) {
    if (names.count(inputs->Get(i).name())) inputs->DeleteSubrange(i, 1);
  }
  return bound;
}

// Runs one case; sets the outcomes and the first error.
void RunCase(const fs::path& dir, cl::Runtime& rt, const ConformanceOptions& o,
             ConformanceCase* c) {
  auto set_detail = [&](const std::string& d) {
    if (c->detail.empty()) c->detail = d;
  };
  auto bytes = ReadFile(dir / "model.onnx");
  if (!bytes.ok()) {
    c->reference = c->opencl = CaseOutcome::kFail;
    set_detail(bytes.status().ToString());
    return;
  }
  onnx::ModelProto model;
  if (!model.ParseFromString(*bytes)) {
    c->reference = c->opencl = CaseOutcome::kFail;
    set_detail("model.onnx does not parse");
    return;
  }
  std::set<std::string> types;
  for (const auto& n : model.graph().node()) types.insert(n.op_type());
  for (const auto& t : types) c->op_types += (c->op_types.empty() ? "" : "+") + t;
  auto classify = [&](const Status& st, CaseOutcome* out) {
    *out = IsUnsupported(st) ? CaseOutcome::kUnsupported : CaseOutcome::kFail;
    set_detail(st.ToString());
  };
  // Data files are read as the model declares its inputs and outputs;
  // sequences and optionals are flattened into tensors, and the sequence
  // inputs specialised to the first data set's lengths and shapes
  // (graph/sequences.h).
  std::vector<onnx::TypeProto> input_types;
  for (const onnx::ValueInfoProto* v : FedInputs(&model)) input_types.push_back(v->type());
  graph::SequenceShapes known;
  std::vector<DataSet> sets;
  for (const fs::path& d : Sorted(dir, "test_data_set_")) {
    DataSet s;
    google::protobuf::RepeatedPtrField<onnx::ValueInfoProto> flat_outputs;
    for (int which = 0; which < 2; ++which) {
      std::vector<HostTensor>& list = which == 0 ? s.inputs : s.outputs;
      int k = 0;
      for (const fs::path& p : Sorted(d, which == 0 ? "input_" : "output_")) {
        onnx::TypeProto tensor;
        tensor.mutable_tensor_type();
        const onnx::ValueInfoProto* out =
            which == 1 && k < model.graph().output_size() ? &model.graph().output(k) : nullptr;
        const onnx::TypeProto& type =
            which == 0 ? (k < static_cast<int>(input_types.size()) ? input_types[k] : tensor)
                       : (out ? out->type() : tensor);
        auto t = ReadValuePb(p, type);
        if (!t.ok()) {
          classify(t.status(), &c->reference);
          c->opencl = c->reference;
          return;
        }
        if (which == 0 && t->holds && sets.empty()) known[FedInputs(&model)[k]->name()] = *t->holds;
        for (HostTensor& h : t->tensors) {
          if (which == 1 && out) {
            onnx::ValueInfoProto* flat = flat_outputs.Add();
            *flat = *out;
            if (!out->type().has_tensor_type()) {
              flat->mutable_type()->mutable_tensor_type()->set_elem_type(
                  graph::DTypeToOnnx(h.dtype()));
            }
          }
          list.push_back(std::move(h));
        }
        ++k;
      }
    }
    RetagBFloat16(flat_outputs, &s.outputs);
    sets.push_back(std::move(s));
  }
  if (Status st = graph::ExpandSequenceInputs(&model, known); !st.ok()) {
    classify(st, &c->reference);
    c->opencl = c->reference;
    return;
  }
  if (!known.empty()) c->note += "sequence/optional inputs specialised to the data; ";
  for (DataSet& s : sets) {
    google::protobuf::RepeatedPtrField<onnx::ValueInfoProto> fed;
    for (const onnx::ValueInfoProto* v : FedInputs(&model)) *fed.Add() = *v;
    RetagBFloat16(fed, &s.inputs);
  }
  // What an engine build would do: old opsets' semantics kept (a PRelu slope
  // per channel), static input shapes from the data, and integer or scalar
  // inputs (shapes, axes, bounds) bound as constants.
  if (graph::ReshapeOldPReluSlopes(model) > 0) c->note += "old PRelu slope per channel; ";
  // Some cases declare input shapes their data do not have (ONNX 1.12's
  // castlike bfloat16 ones: 'like' declared [3,4], fed [1]); ONNX's runner
  // does not enforce declared shapes, so take the data's.
  if (!sets.empty()) {
    auto fed = FedInputs(&model);
    for (size_t i = 0; i < fed.size() && i < sets[0].inputs.size(); ++i) {
      const auto& t = fed[i]->type().tensor_type();
      if (!t.has_shape() || t.shape().dim_size() == 0) continue;
      bool same = t.shape().dim_size() == static_cast<int>(sets[0].inputs[i].shape().size());
      for (int d = 0; same && d < t.shape().dim_size(); ++d) {
        same = !t.shape().dim(d).has_dim_value() ||
               t.shape().dim(d).dim_value() == sets[0].inputs[i].shape()[d];
      }
      if (!same) {
        FixInputShapes(&model, sets[0].inputs);
        c->note += "declared input shapes differ from the data's: shapes from data; ";
        break;
      }
    }
  }
  // Control flow and sequences are lowered (graph/static_lowering.h) on a
  // copy each time, after shapes are fixed or inputs bound: unrolling needs
  // static shapes and constant trip counts/conditions, as an engine build
  // does. Each executor's model stays alive with it.
  std::deque<onnx::ModelProto> lowered;
  auto create = [&]() -> Result<std::unique_ptr<Executor>> {
    if (!graph::HasControlFlowOrSequences(model)) return Executor::Create(model);
    lowered.push_back(model);
    RETURN_IF_ERROR(graph::LowerControlFlowAndSequences(&lowered.back()));
    return Executor::Create(lowered.back());
  };
  auto ex = create();
  if (!ex.ok() && !sets.empty() && ex.status().reason() == Reason::kDynamicShape) {
    FixInputShapes(&model, sets[0].inputs);
    ex = create();
    c->note += "shapes from data; ";
  }
  if (!ex.ok() && sets.size() == 1 && ex.status().reason() == Reason::kUnsupportedOp &&
      (ex.status().message().find("constant") != std::string::npos ||
       ex.status().message().find("initializer") != std::string::npos)) {
    onnx::ModelProto original = model;
    std::vector<HostTensor> all = sets[0].inputs;
    auto bind = [&](bool all_but_first) {
      model = original;
      std::vector<bool> bound = BindConstantInputs(&model, all, all_but_first);
      sets[0].inputs.clear();
      for (size_t i = 0; i < all.size(); ++i) {
        if (!bound[i]) sets[0].inputs.push_back(all[i]);
      }
      ex = create();
    };
    bind(false);
    c->note += "integer/scalar inputs bound as constants; ";
    if (!ex.ok() && ex.status().message().find("constant") != std::string::npos && all.size() > 1) {
      bind(true);
      c->note += "all inputs but the first bound as constants; ";
    }
  }
  if (!ex.ok()) {
    classify(ex.status(), &c->reference);
    c->opencl = c->reference;
    return;
  }
  auto inputs_match = [&](const DataSet& s) -> Status {
    const auto& specs = (*ex)->inputs();
    if (s.inputs.size() != specs.size()) {
      return Status::Error(Reason::kUnsupportedOp,
                           "the case feeds " + std::to_string(s.inputs.size()) +
                               " inputs; the runner expects " + std::to_string(specs.size()) +
                               " (optional graph inputs are not supported)");
    }
    for (size_t i = 0; i < specs.size(); ++i) {
      if (specs[i].dtype != s.inputs[i].dtype() || specs[i].shape != s.inputs[i].shape()) {
        return Status::Error(Reason::kInvalidModel, "input " + specs[i].name + " mismatch");
      }
    }
    return Status::Ok();
  };
  // Reference.
  c->reference = CaseOutcome::kPass;
  for (const DataSet& s : sets) {
    Status st = inputs_match(s);
    if (!st.ok()) {
      classify(st, &c->reference);
      break;
    }
    auto got = (*ex)->RunReference(s.inputs);
    if (!got.ok()) {
      classify(got.status(), &c->reference);
      break;
    }
    std::string why = Mismatch(*got, s.outputs, o);
    if (!why.empty()) {
      c->reference = CaseOutcome::kFail;
      set_detail("reference: " + why);
      break;
    }
  }
  // OpenCL.
  Status st = (*ex)->PrepareDevice(rt);
  if (!st.ok()) {
    classify(st, &c->opencl);
    return;
  }
  c->opencl = CaseOutcome::kPass;
  for (const DataSet& s : sets) {
    st = inputs_match(s);
    if (!st.ok()) {
      classify(st, &c->opencl);
      return;
    }
    std::vector<HostTensor> got;
    st = (*ex)->Run(s.inputs, &got);
    if (!st.ok()) {
      classify(st, &c->opencl);
      return;
    }
    std::string why = Mismatch(got, s.outputs, o);
    if (!why.empty()) {
      c->opencl = CaseOutcome::kFail;
      set_detail("opencl: " + why);
      return;
    }
  }
}

}  // namespace

Result<std::vector<ConformanceCase>> RunConformance(const fs::path& dir,
                                                    const ConformanceOptions& options) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return Status::Error(Reason::kNotFound,
                         dir.string() +
                             " is not a directory of ONNX test cases (install "
                             "libonnx-testdata: /usr/share/libonnx-testdata/data/node)");
  }
  std::unique_ptr<cl::Runtime> own;
  cl::Runtime* rt = options.runtime;
  if (!rt) {
    ASSIGN_OR_RETURN(auto devices, cl::ListDevices());
    ASSIGN_OR_RETURN(auto device, cl::SelectDevice(devices, options.device));
    ASSIGN_OR_RETURN(own, cl::Runtime::Create(device));
    rt = own.get();
  }
  std::vector<fs::path> dirs;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (!e.is_directory() || !fs::exists(e.path() / "model.onnx")) continue;
    if (!options.filter.empty() &&
        e.path().filename().string().find(options.filter) == std::string::npos) {
      continue;
    }
    dirs.push_back(e.path());
  }
  std::sort(dirs.begin(), dirs.end());
  std::vector<ConformanceCase> cases;
  auto level = spdlog::get_level();
  spdlog::set_level(spdlog::level::warn);  // the executor logs every plan at info
  for (const fs::path& d : dirs) {
    ConformanceCase c;
    c.name = d.filename().string();
    auto t0 = std::chrono::steady_clock::now();
    try {
      RunCase(d, *rt, options, &c);
    } catch (const std::exception& e) {
      c.reference = c.opencl = CaseOutcome::kFail;
      c.detail = std::string("exception: ") + e.what();
    } catch (...) {
      c.reference = c.opencl = CaseOutcome::kFail;
      c.detail = "unknown exception";
    }
    // A device error can leave the queue unusable for the next case.
    Status fin = rt->Finish();
    if (!fin.ok() && c.detail.empty()) c.detail = fin.ToString();
    c.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    cases.push_back(std::move(c));
  }
  spdlog::set_level(level);
  return cases;
}

ConformanceTotals Summarize(const std::vector<ConformanceCase>& cases) {
  ConformanceTotals t;
  for (const auto& c : cases) {
    ++t.cases;
    t.reference_pass += c.reference == CaseOutcome::kPass;
    t.reference_fail += c.reference == CaseOutcome::kFail;
    t.reference_unsupported += c.reference == CaseOutcome::kUnsupported;
    t.opencl_pass += c.opencl == CaseOutcome::kPass;
    t.opencl_fail += c.opencl == CaseOutcome::kFail;
    t.opencl_unsupported += c.opencl == CaseOutcome::kUnsupported;
  }
  return t;
}

namespace {

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char ch : s) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + "\"";
}

}  // namespace

std::string ConformanceCsv(const std::vector<ConformanceCase>& cases) {
  std::string out = "case,ops,reference,opencl,ms,note,detail\n";
  char ms[32];
  for (const auto& c : cases) {
    std::snprintf(ms, sizeof(ms), "%.1f", c.ms);
    out += CsvField(c.name) + "," + CsvField(c.op_types) + "," +
           std::string(CaseOutcomeName(c.reference)) + "," +
           std::string(CaseOutcomeName(c.opencl)) + "," + ms + "," + CsvField(c.note) + "," +
           CsvField(c.detail) + "\n";
  }
  return out;
}

Status WriteConformanceCsv(const fs::path& path, const std::vector<ConformanceCase>& cases) {
  return WriteFileAtomic(path, ConformanceCsv(cases));
}

}  // namespace campaign::runner
