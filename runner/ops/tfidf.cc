// TfIdfVectorizer: the device class (one kernel per token type; one work item
// per (row, output column)).
#include "graph/ops/tfidf.h"

#include <algorithm>
#include <memory>

#include "runner/ops/families.h"
#include "runner/ops/op.h"

namespace campaign::runner::ops {
namespace {

class TfIdfDevice final : public graph::TfIdfOp, public DeviceOp {
 public:
  using TfIdfOp::TfIdfOp;

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    const graph::reference::TfIdfParams& p = params_;
    const Shape& s = in[0].shape;
    // N-grams grouped by output column (CSR).
    std::vector<int64_t> col_start(p.output_size + 1, 0), col_ngrams(p.column.size());
    for (int64_t c : p.column) ++col_start[c + 1];
    for (int64_t c = 0; c < p.output_size; ++c) col_start[c + 1] += col_start[c];
    std::vector<int64_t> next(col_start.begin(), col_start.end() - 1);
    for (size_t g = 0; g < p.column.size(); ++g)
      col_ngrams[next[p.column[g]]++] = static_cast<int64_t>(g);
    ASSIGN_OR_RETURN(col_start_, UploadInts(rt, col_start));
    ASSIGN_OR_RETURN(col_ngrams_, UploadInts(rt, col_ngrams));
    ASSIGN_OR_RETURN(ng_len_, UploadInts(rt, p.length));
    ASSIGN_OR_RETURN(ng_off_, UploadInts(rt, p.offset));
    ASSIGN_OR_RETURN(pool_, rt.CreateBuffer(p.pool.size() * sizeof(int64_t)));
    RETURN_IF_ERROR(rt.Write(pool_, p.pool.data(), p.pool.size() * sizeof(int64_t), true));
    ASSIGN_OR_RETURN(weights_, rt.CreateBuffer(p.weights.size() * sizeof(float)));
    RETURN_IF_ERROR(rt.Write(weights_, p.weights.data(), p.weights.size() * sizeof(float), true));

    ASSIGN_OR_RETURN(int items, graph::ToInt(graph::NumElements(out[0].shape), label_));
    ASSIGN_OR_RETURN(int cols, graph::ToInt(s.back(), label_));
    ASSIGN_OR_RETURN(int out_size, graph::ToInt(p.output_size, label_));
    // A distance of `cols` or more fits no n-gram of two or more tokens.
    int max_distance =
        static_cast<int>(std::min<int64_t>(p.max_skip + 1, std::max<int64_t>(s.back(), 1)));
    const int64_t longest =
        p.length.empty() ? 1 : *std::max_element(p.length.begin(), p.length.end());
    ASSIGN_OR_RETURN(int reach, graph::ToInt(s.back() + max_distance * longest, label_));
    (void)reach;  // the kernel's start + distance * (length - 1) stays in int
    ASSIGN_OR_RETURN(launch_.kernel,
                     rt.CreateKernel(in[0].dtype == DType::kInt32 ? "tfidf_i32" : "tfidf_i64"));
    launch_.items = static_cast<size_t>(items);
    launch_.what = label_;
    return cl::SetArgs(launch_.kernel, in[0].buffer->get(), out[0].buffer->get(), items, cols,
                       out_size, col_start_.get(), col_ngrams_.get(), ng_len_.get(), ng_off_.get(),
                       pool_.get(), max_distance, static_cast<int>(p.mode), weights_.get(),
                       p.weights.empty() ? 0 : 1);
  }

  Status Enqueue(cl::Runtime& rt) override {
    return rt.Launch1D(launch_.kernel, launch_.items, launch_.what);
  }

 private:
  Launch launch_;
  cl::Buffer col_start_, col_ngrams_, ng_len_, ng_off_, pool_, weights_;
};

}  // namespace

void RegisterTfIdfDeviceOps(graph::OpTable* table) {
  (*table)["TfIdfVectorizer"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<TfIdfDevice>(n);
  };
}

}  // namespace campaign::runner::ops
