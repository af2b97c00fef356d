// Einsum: the device class against the reference class for the forms
// exports use (batch matmul, attention scores, transposes, reductions,
// inner and outer products, diagonals, "..." broadcasting, implicit output,
// three operands) on random extents; and the reference against hand values.
#include "graph/reference/einsum.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "runner/ops/op_test_fixtures.h"

namespace campaign::runner {
namespace {

using testing::ExpectDeviceMatchesReference;
using testing::ModelBuilder;

void SetString(onnx::NodeProto* n, const std::string& name, const std::string& value) {
  auto* a = n->add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::STRING);
  a->set_s(value);
}

TEST_F(CoverageOpsTest, EinsumForms) {
  // Each case: equation and its operands' labels for shapes ('.' = two
  // batch dims, the first of the second operand broadcast as 1).
  struct Case {
    std::string eq;
    std::vector<std::string> dims;
  };
  const std::vector<Case> cases = {{"bij,bjk->bik", {"bij", "bjk"}},
                                   {"bhid,bhjd->bhij", {"bhid", "bhjd"}},
                                   {"ij->ji", {"ij"}},
                                   {"ijk->kij", {"ijk"}},
                                   {"ij->", {"ij"}},
                                   {"ijk->ki", {"ijk"}},
                                   {"i,i", {"i", "i"}},
                                   {"i,j->ij", {"i", "j"}},
                                   {"ii->i", {"ii"}},
                                   {"bii->bi", {"bii"}},
                                   {"ii", {"ii"}},
                                   {"ij,jk", {"ij", "jk"}},
                                   {"...ij,...jk->...ik", {"xyij", "1yjk"}},
                                   {"ij,jk,kl->il", {"ij", "jk", "kl"}},
                                   {"b i j , b j k -> b k i", {"bij", "bjk"}}};
  for (const Case& c : cases) {
    std::map<char, int64_t> ext;
    for (char l : std::string("bhijkldxy")) ext[l] = 1 + static_cast<int64_t>(rng_() % 6);
    ext['1'] = 1;
    ModelBuilder b;
    std::vector<std::string> names;
    for (size_t k = 0; k < c.dims.size(); ++k) {
      Shape s;
      for (char l : c.dims[k]) s.push_back(ext[l]);
      names.push_back("x" + std::to_string(k));
      b.AddInput(names.back(), s);
    }
    auto* n = b.AddNode("Einsum", names, {"y"});
    SetString(n, "equation", c.eq);
    b.AddOutput("y");
    ExpectDeviceMatchesReference(b.model(), "Einsum " + c.eq);
  }
}

TEST(EinsumReferenceTest, HandValues) {
  using graph::reference::Einsum;
  using graph::reference::PlanEinsum;
  HostTensor a(DType::kFloat32, {2, 2});
  auto pa = a.values<float>();
  for (int i = 0; i < 4; ++i) pa[i] = static_cast<float>(i + 1);  // [[1, 2], [3, 4]]
  struct Case {
    std::string eq;
    Shape out;
    std::vector<float> want;
  };
  for (const Case& c : std::vector<Case>{{"ii->i", {2}, {1, 4}},
                                         {"ii", {}, {5}},
                                         {"ij->j", {2}, {4, 6}},
                                         {"ij", {2, 2}, {1, 2, 3, 4}},
                                         {"ji", {2, 2}, {1, 3, 2, 4}},
                                         {"ij,jk->ik", {2, 2}, {7, 10, 15, 22}}}) {
    const bool two = c.eq.find(',') != std::string::npos;
    std::vector<Shape> shapes = {a.shape()};
    std::vector<const HostTensor*> in = {&a};
    if (two) {
      shapes.push_back(a.shape());
      in.push_back(&a);
    }
    auto plan = PlanEinsum(c.eq, shapes);
    ASSERT_TRUE(plan.ok()) << c.eq << ": " << plan.status().ToString();
    ASSERT_EQ(plan->out_shape, c.out) << c.eq;
    HostTensor y(DType::kFloat32, plan->out_shape);
    Einsum(in, *plan, &y);
    auto py = y.values<float>();
    EXPECT_EQ(std::vector<float>(py.begin(), py.end()), c.want) << c.eq;
  }
  EXPECT_FALSE(PlanEinsum("ij,jk->ik", {{2, 3}, {4, 2}}).ok());
  EXPECT_FALSE(PlanEinsum("ij->ii", {{2, 2}}).ok());
}

}  // namespace
}  // namespace campaign::runner
