// ScatterND, ScatterElements, Scatter: the device classes against the
// reference classes on random shapes, every reduction, data and index type
// (runner/ops/op_test_fixtures.h).
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "runner/ops/index_test_util.h"
#include "runner/ops/op_test_fixtures.h"

namespace campaign::runner {
namespace {

using testing::AddIntInitializer;
using testing::ExpectDeviceMatchesReference;
using testing::ModelBuilder;
using testing::OnnxType;
using testing::RandomIndices;
using testing::SetInt;
using testing::SetString;

const char* kReductions[] = {"none", "add", "mul", "max", "min"};
const DType kTypes[] = {DType::kFloat32, DType::kInt32, DType::kInt64};

TEST_F(CoverageOpsTest, ScatterNDEveryReductionAndType) {
  int id = 0;
  for (DType t : kTypes) {
    for (const char* red : kReductions) {
      for (bool i32 : {false, true}) {
        int rank = 1 + static_cast<int>(rng_() % 4);
        Shape ds = RandomShape(rank, 1, 5);
        int64_t k = 1 + static_cast<int64_t>(rng_() % rank);
        Shape is = RandomShape(1 + static_cast<int>(rng_() % 2), 1, 4);
        is.push_back(k);
        int64_t tuples = graph::NumElements(is) / k;
        std::vector<int64_t> idx;
        for (int64_t j = 0; j < tuples; ++j) {
          for (int64_t d = 0; d < k; ++d) idx.push_back(RandomIndices(rng_, 1, ds[d])[0]);
        }
        if (std::string(red) == "none") {  // distinct tuples: tuple j = j-th position
          idx.clear();
          int64_t cells = 1;
          for (int64_t d = 0; d < k; ++d) cells *= ds[d];
          is.assign({std::min<int64_t>(cells, 3), k});
          for (int64_t j = 0; j < is[0]; ++j) {
            int64_t rem = j;
            std::vector<int64_t> tuple(k);
            for (int64_t d = k - 1; d >= 0; --d) tuple[d] = rem % ds[d], rem /= ds[d];
            idx.insert(idx.end(), tuple.begin(), tuple.end());
          }
        }
        Shape us(is.begin(), is.end() - 1);
        us.insert(us.end(), ds.begin() + k, ds.end());
        ModelBuilder b;
        b.AddInput("data", ds, OnnxType(t));
        b.AddInput("updates", us, OnnxType(t));
        AddIntInitializer(b, "indices", is, idx, i32);
        SetString(b.AddNode("ScatterND", {"data", "indices", "updates"}, {"y"}), "reduction", red);
        b.AddOutput("y");
        ExpectDeviceMatchesReference(
            b.model(), "ScatterND " + std::string(red) + " #" + std::to_string(id++) + " data " +
                           graph::ShapeToString(ds) + " indices " + graph::ShapeToString(is));
      }
    }
  }
}

TEST_F(CoverageOpsTest, ScatterNDComputedIndicesAndHalf) {
  ModelBuilder b;  // computed indices (random in [0, 100)), duplicates added in order
  b.AddInput("data", {100, 3});
  b.AddInput("indices", {6, 1}, onnx::TensorProto::INT64);
  b.AddInput("updates", {6, 3});
  SetString(b.AddNode("ScatterND", {"data", "indices", "updates"}, {"y"}), "reduction", "add");
  b.AddOutput("y");
  ExpectDeviceMatchesReference(b.model(), "ScatterND computed indices");

  ModelBuilder h;  // float16 through the half adapter
  h.AddInput("data", {4, 5}, onnx::TensorProto::FLOAT16);
  h.AddInput("updates", {2, 5}, onnx::TensorProto::FLOAT16);
  AddIntInitializer(h, "indices", {2, 1}, {3, -4});
  h.AddNode("ScatterND", {"data", "indices", "updates"}, {"y"});
  h.AddOutput("y");
  ExpectDeviceMatchesReference(h.model(), "ScatterND float16", 1e-3);
}

TEST_F(CoverageOpsTest, ScatterElementsEveryReductionAndType) {
  int id = 0;
  for (DType t : kTypes) {
    for (const char* red : kReductions) {
      for (bool i32 : {false, true}) {
        int rank = 1 + static_cast<int>(rng_() % 4);
        Shape ds = RandomShape(rank, 1, 5);
        int64_t axis = static_cast<int64_t>(rng_() % rank);
        Shape is = ds;
        for (int d = 0; d < rank; ++d) is[d] = 1 + static_cast<int64_t>(rng_() % ds[d]);
        is[axis] = 1 + static_cast<int64_t>(rng_() % 4);  // may exceed ds[axis]: duplicates
        std::vector<int64_t> idx = RandomIndices(rng_, graph::NumElements(is), ds[axis]);
        ModelBuilder b;
        b.AddInput("data", ds, OnnxType(t));
        b.AddInput("updates", is, OnnxType(t));
        AddIntInitializer(b, "indices", is, idx, i32);
        auto* n = b.AddNode("ScatterElements", {"data", "indices", "updates"}, {"y"});
        SetString(n, "reduction", red);
        SetInt(n, "axis", rng_() % 2 ? axis : axis - rank);
        b.AddOutput("y");
        ExpectDeviceMatchesReference(b.model(), "ScatterElements " + std::string(red) + " #" +
                                                    std::to_string(id++) + " data " +
                                                    graph::ShapeToString(ds) + " indices " +
                                                    graph::ShapeToString(is));
      }
    }
  }
  ModelBuilder b;  // the deprecated Scatter
  b.AddInput("data", {3, 4});
  b.AddInput("updates", {2, 2});
  AddIntInitializer(b, "indices", {2, 2}, {3, 0, -1, 2});
  SetInt(b.AddNode("Scatter", {"data", "indices", "updates"}, {"y"}), "axis", 1);
  b.AddOutput("y");
  ExpectDeviceMatchesReference(b.model(), "Scatter");
}

TEST_F(CoverageOpsTest, ScatterRejectsOutOfRangeConstantIndices) {
  ModelBuilder b;
  b.AddInput("data", {3, 4});
  b.AddInput("updates", {1, 4});
  AddIntInitializer(b, "indices", {1, 1}, {3});
  b.AddNode("ScatterND", {"data", "indices", "updates"}, {"y"});
  b.AddOutput("y");
  auto ex = Executor::Create(b.model());
  ASSERT_FALSE(ex.ok());
  EXPECT_EQ(ex.status().reason(), Reason::kInvalidModel) << ex.status().ToString();
}

TEST_F(CoverageOpsTest, GatherNDBatchDims) {
  int id = 0;
  for (int64_t b_dims : {0, 1, 2}) {
    for (DType t : kTypes) {
      for (bool i32 : {false, true}) {
        int rank = static_cast<int>(b_dims) + 1 + static_cast<int>(rng_() % 3);
        Shape ds = RandomShape(rank, 1, 5);
        int64_t k = 1 + static_cast<int64_t>(rng_() % (rank - b_dims));
        Shape is(ds.begin(), ds.begin() + b_dims);
        Shape mid = RandomShape(static_cast<int>(rng_() % 2), 1, 3);
        is.insert(is.end(), mid.begin(), mid.end());
        is.push_back(k);
        int64_t tuples = graph::NumElements(is) / k;
        std::vector<int64_t> idx;
        for (int64_t j = 0; j < tuples; ++j) {
          for (int64_t d = 0; d < k; ++d) idx.push_back(RandomIndices(rng_, 1, ds[b_dims + d])[0]);
        }
        ModelBuilder b;
        b.AddInput("data", ds, OnnxType(t));
        AddIntInitializer(b, "indices", is, idx, i32);
        SetInt(b.AddNode("GatherND", {"data", "indices"}, {"y"}), "batch_dims", b_dims);
        b.AddOutput("y");
        ExpectDeviceMatchesReference(b.model(), "GatherND #" + std::to_string(id++) + " data " +
                                                    graph::ShapeToString(ds) + " indices " +
                                                    graph::ShapeToString(is));
      }
    }
  }
}

}  // namespace
}  // namespace campaign::runner
