// `campaign convert MODEL.onnx --batch N --precision P -o ENGINE`: one engine.
// The orchestrator also runs this as the isolated conversion stage of a job,
// with --report so it can read back how the conversion ended.
#include <cstdio>
#include <memory>

#include "common/engine_format.h"
#include "common/precision.h"
#include "converter/convert.h"
#include "converter/convert_outcome.h"
#include "graph/ops/registry.h"
#include "orchestrator/cli/commands.h"

namespace campaign {

namespace {

struct ConvertOptions {
  std::string model;
  int batch = 1;
  std::string precision = "fp32";
  std::string output;
  std::vector<std::string> inputs;  // NAME:D0,D1,... with N for the batch
  std::string report;
  int calibration_batches = 8;                // int8: random calibration batches
  uint32_t calibration_seed = 1;              // int8: seed of the first one
  std::vector<std::string> calibration_data;  // int8: .npy files instead
  double int8_tolerance =
      DefaultTolerance(Precision::kInt8);  // int8: tolerance the engine must pass
  std::string int8_plan_dir;               // int8: plans shared between batch sizes (empty: none)
  bool int8_flags_given = false;           // any of the int8-only flags above
};

// "input:N,3,224,224" -> {"input", [N,3,224,224]}.
Status ParseInputOverride(const std::string& text, InputOverrides* out) {
  const auto colon = text.rfind(':');
  const std::string usage =
      "--input expects NAME:DIMS with DIMS a comma list of positive integers or N, e.g. "
      "input:N,3,224,224; got '" +
      text + "'";
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) {
    return Status::Error(Reason::kInvalidArgument, usage);
  }
  std::vector<DimSpec> dims;
  size_t pos = colon + 1;
  while (pos <= text.size()) {
    size_t comma = text.find(',', pos);
    if (comma == std::string::npos) comma = text.size();
    const std::string tok = text.substr(pos, comma - pos);
    if (tok == "N") {
      dims.push_back({true, 0});
    } else {
      char* end = nullptr;
      const long long v = std::strtoll(tok.c_str(), &end, 10);
      if (tok.empty() || *end != '\0' || v <= 0)
        return Status::Error(Reason::kInvalidArgument, usage);
      dims.push_back({false, v});
    }
    pos = comma + 1;
  }
  (*out)[text.substr(0, colon)] = dims;
  return Status::Ok();
}

int Convert(const ConvertOptions& opt) {
  ConvertRequest req;
  req.model_path = opt.model;
  req.batch = opt.batch;
  req.output_path = opt.output;
  req.supported_ops = graph::SupportedOpTypes();
  req.calibration.batches = opt.calibration_batches;
  req.calibration.seed = opt.calibration_seed;
  for (const auto& f : opt.calibration_data) req.calibration.data.emplace_back(f);
  req.calibration.tolerance = opt.int8_tolerance;
  req.int8_plan_dir = opt.int8_plan_dir;
  Result<ConvertReport> result = Status::Error(Reason::kInvalidArgument, "");
  auto precision = PrecisionFromName(opt.precision);
  Status st = Status::Ok();
  if (!precision) {
    st = Status::Error(Reason::kInvalidArgument,
                       "unknown precision '" + opt.precision + "'; use fp32, fp16 or int8");
  } else {
    req.precision = *precision;
    if (opt.int8_flags_given && req.precision != Precision::kInt8) {
      std::fprintf(stderr,
                   "note: the --calibration-* and --int8-* options apply to --precision "
                   "int8 only; ignored for %s\n",
                   opt.precision.c_str());
    }
    for (const auto& in : opt.inputs) {
      st = ParseInputOverride(in, &req.overrides);
      if (!st.ok()) break;
    }
  }
  result = st.ok() ? campaign::Convert(req) : Result<ConvertReport>(st);
  if (!opt.report.empty()) {
    Status w = WriteConvertOutcome(opt.report, result);
    if (!w.ok()) PrintError("cannot write the report: " + w.message());
  }
  if (!result.ok()) {
    PrintError(result.status().ToString());
    const Reason r = result.status().reason();
    return r == Reason::kInvalidArgument || r == Reason::kNotFound ? kExitUsage : kExitFailure;
  }
  std::printf("engine: %s (batch %d, %s, %d -> %d nodes, cache key %s)\n", opt.output.c_str(),
              opt.batch, opt.precision.c_str(), result->nodes_before, result->nodes_after,
              result->cache_key.c_str());
  return kExitOk;
}

}  // namespace

void AddConvertCommand(CLI::App& app, const CommandEntry& self, int* exit_code) {
  auto opt = std::make_shared<ConvertOptions>();
  CLI::App* sub = app.add_subcommand(self.name, self.summary);
  sub->add_option("model", opt->model, "ONNX model file")->required();
  sub->add_option("--batch", opt->batch, "Batch size fixed into the engine")
      ->check(CLI::Range(1, 1000000));
  sub->add_option("--precision", opt->precision, "fp32 (default), fp16 or int8");
  sub->add_option("-o,--output", opt->output, "Engine file to write")->required();
  sub->add_option("--input", opt->inputs,
                  "Input shape override NAME:DIMS, e.g. input:N,3,224,224 (N = batch); "
                  "repeatable");
  sub->add_option("--report", opt->report, "Also write the outcome as JSON here");
  sub->add_option("--calibration-batches", opt->calibration_batches,
                  "int8: random calibration batches (default 8)")
      ->check(CLI::Range(1, 100000));
  sub->add_option("--calibration-seed", opt->calibration_seed,
                  "int8: seed of the first random calibration batch (default 1)");
  sub->add_option("--calibration-data", opt->calibration_data,
                  "int8: .npy file of float32 calibration samples [k, ...] for the model's "
                  "input, instead of random batches; repeatable");
  sub->add_option("--int8-tolerance", opt->int8_tolerance,
                  "int8: the validation tolerance the engine must pass (norm-relative error "
                  "against fp32, default 0.05); the most sensitive layers stay fp32 until the "
                  "converter's check is within 0.75 of it")
      ->check(CLI::Range(1e-6, 1.0));
  sub->add_option("--int8-plan-dir", opt->int8_plan_dir,
                  "int8: keep the model's calibration and accuracy check here and reuse them "
                  "for its other batch sizes (campaign run uses <engines>/int8-plans)");
  sub->callback([opt, exit_code, sub] {
    for (const char* flag : {"--calibration-batches", "--calibration-seed", "--calibration-data",
                             "--int8-tolerance", "--int8-plan-dir"}) {
      opt->int8_flags_given = opt->int8_flags_given || sub->count(flag) > 0;
    }
    *exit_code = Convert(*opt);
  });
}

}  // namespace campaign
