// Test fixture: a store like a hold-out nightly. `history` earlier nights
// (small jitter, the driver changes half-way), last night, and tonight with
// successes, three failure reasons (unsupported_op twice, timeout after two
// attempts, accuracy), a regression against last night, an improvement, a
// change within the noise, an unstable and a disturbed (pre-flight) result,
// one case below the YAML's published baseline and one meeting it, and a
// command backend "trt" beside our engine.
#pragma once

#include <cmath>
#include <memory>

#include "orchestrator/report/campaign_baselines.h"
#include "orchestrator/report/test_jobs.h"
#include "orchestrator/report/test_store.h"
#include "orchestrator/store/sqlite_job_store.h"

namespace campaign::testing {

inline constexpr const char* kVendorCsv =
    "model,batch,precision,latency_ms,throughput,device,source,transfers,cuda_graph\n"
    "resnet50,8,fp32,20.0,400,NVIDIA H100 80GB HBM3,vendor page,included,no\n"
    "mobilenet_v2,8,fp32,14.0,571.4,NVIDIA H100 80GB HBM3,vendor page,included,no\n";

// A night's median of a case (`jitter` scales it).
inline double NightMs(const std::string& model, int batch, Precision p, double jitter = 1) {
  double base = model == "resnet50"          ? 10
                : model == "mobilenet_v2"    ? 3
                : model == "vit_b_16"        ? 20
                : model == "efficientnet_b0" ? 6
                                             : 2;
  return base * (batch == 8 ? 4 : 1) * (p == Precision::kFp16 ? 0.6 : 1) * jitter;
}

inline std::vector<StoredJob> Night(double jitter) {
  std::vector<StoredJob> jobs;
  for (const char* m :
       {"resnet50", "mobilenet_v2", "vit_b_16", "efficientnet_b0", "squeezenet1_1"}) {
    for (int b : {1, 8}) {
      for (Precision p : {Precision::kFp32, Precision::kFp16}) {
        StoredJob j;
        j.model = m;
        j.batch = b;
        j.precision = p;
        j.median = NightMs(m, b, p, jitter);
        jobs.push_back(j);
      }
    }
  }
  for (int b : {1, 8}) {
    StoredJob j;
    j.model = "resnet50";
    j.batch = b;
    j.backend = "trt";
    j.median = NightMs("resnet50", b, Precision::kFp32, jitter) * 0.4;
    jobs.push_back(j);
  }
  return jobs;
}

inline StoredJob* Find(std::vector<StoredJob>& jobs, const std::string& model, int batch,
                       Precision p, const std::string& backend = kOpenclBackend) {
  for (auto& j : jobs) {
    if (j.model == model && j.batch == batch && j.precision == p && j.backend == backend) return &j;
  }
  ADD_FAILURE() << "no case " << model << " b" << batch;
  return &jobs.front();
}

struct HoldOutStore {
  TempDir dir;
  std::unique_ptr<SqliteJobStore> store;
  int64_t previous = 0, tonight = 0;
  CampaignRecord campaign;  // tonight
  std::vector<JobView> jobs;
  std::filesystem::path logs() const { return dir.path() / "logs"; }
};

inline std::string VendorBaselines() {
  BaselineSpec spec;
  spec.source = "vendor.csv";
  spec.name = "vendor page";
  spec.path = "/baselines/vendor.csv";
  spec.text = kVendorCsv;
  spec.target_ratio = 0.8;
  return BaselineSpecsToJson({spec});
}

inline void WriteHoldOutStore(HoldOutStore& h, int history) {
  auto store = SqliteJobStore::Open(h.dir.path() / "campaign.db");
  ASSERT_TRUE(store.ok()) << store.status().message();
  h.store = std::move(*store);
  for (int i = 0; i < history; ++i) {
    StoredCampaignSpec night{"nightly", Night(1 + 0.015 * std::sin(i * 1.7)), "", "", ""};
    night.device = "NVIDIA H100 80GB HBM3";
    night.driver = i < history / 2 ? "535.129.03" : "550.54.15";
    WriteStoredCampaign(*h.store, night, h.logs());
  }
  StoredCampaignSpec last{"nightly", Night(1), "NVIDIA H100 80GB HBM3", "550.54.15", ""};
  Find(last.jobs, "efficientnet_b0", 1, Precision::kFp32)->stddev = 0.5;
  h.previous = WriteStoredCampaign(*h.store, last, h.logs());
  // Another campaign name in between: never "last night", never in a trend.
  WriteStoredCampaign(*h.store, {"adhoc", Night(3), "other device", "1.0", ""}, h.logs());

  StoredCampaignSpec now = last;
  now.baselines = VendorBaselines();
  auto& j = now.jobs;
  Find(j, "resnet50", 1, Precision::kFp32)->median = 11.0;  // +10 %, tight: regression
  Find(j, "resnet50", 8, Precision::kFp16)->unstable = true;
  Find(j, "mobilenet_v2", 1, Precision::kFp16)->preflight = "other processes use the GPU: 4242";
  Find(j, "squeezenet1_1", 8, Precision::kFp32)->median = 6.0;    // -25 %: improvement
  Find(j, "efficientnet_b0", 1, Precision::kFp32)->median = 6.6;  // +10 %, noisy
  for (int b : {1, 8}) {
    StoredJob* v = Find(j, "vit_b_16", b, Precision::kFp16);
    v->median.reset();
    v->reason = Reason::kUnsupportedOp;
    v->message = "node /blocks.0/attn/Pad: Pad mode 'reflect' is not supported";
  }
  StoredJob* t = Find(j, "efficientnet_b0", 8, Precision::kFp32);
  t->median.reset();
  t->reason = Reason::kTimeout;
  t->message = "runner killed after the job's timeout (600 s)";
  t->attempts = 2;
  StoredJob* a = Find(j, "squeezenet1_1", 1, Precision::kFp16);
  a->median.reset();
  a->reason = Reason::kAccuracy;
  a->message = "norm_rel_error 0.31 > tolerance 0.01 against the CPU reference";
  h.tonight = WriteStoredCampaign(*h.store, now, h.logs());
  auto c = h.store->FindCampaign(std::to_string(h.tonight));
  ASSERT_TRUE(c.ok());
  h.campaign = *c;
  auto jobs = h.store->ListJobs(h.tonight);
  ASSERT_TRUE(jobs.ok());
  h.jobs = *jobs;
}

}  // namespace campaign::testing
