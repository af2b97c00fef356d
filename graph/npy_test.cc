#include "graph/npy.h"

#include <gtest/gtest.h>

namespace campaign::graph {
namespace {

std::string Npy(const std::string& descr, const std::string& shape, const std::string& data) {
  std::string header =
      "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
  while ((10 + header.size() + 1) % 64 != 0) header += ' ';
  header += '\n';
  std::string out = "\x93NUMPY";
  out += '\x01';
  out += '\x00';
  out += static_cast<char>(header.size() & 0xff);
  out += static_cast<char>(header.size() >> 8);
  return out + header + data;
}

TEST(NpyTest, ParsesFloatAndInt64) {
  float f[6] = {1, 2, 3, 4, 5, -6.5f};
  auto t = ParseNpy(Npy("<f4", "(2, 3)", std::string(reinterpret_cast<char*>(f), sizeof(f))), "f");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->shape(), (Shape{2, 3}));
  EXPECT_EQ(t->values<float>()[5], -6.5f);
  int64_t i[2] = {7, 30521};
  auto u = ParseNpy(Npy("<i8", "(2,)", std::string(reinterpret_cast<char*>(i), sizeof(i))), "i");
  ASSERT_TRUE(u.ok()) << u.status().ToString();
  EXPECT_EQ(u->dtype(), DType::kInt64);
  EXPECT_EQ(u->values<int64_t>()[1], 30521);
}

TEST(NpyTest, RejectsOtherDtypesAndTruncation) {
  auto d = ParseNpy(Npy("<f8", "(1,)", std::string(8, '\0')), "d.npy");
  ASSERT_FALSE(d.ok());
  EXPECT_NE(d.status().message().find("d.npy"), std::string::npos);
  EXPECT_NE(d.status().message().find("<f8"), std::string::npos);
  auto t = ParseNpy(Npy("<f4", "(4,)", std::string(8, '\0')), "t.npy");
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.status().message().find("data bytes"), std::string::npos);
  EXPECT_FALSE(ParseNpy("not numpy", "x").ok());
}

}  // namespace
}  // namespace campaign::graph
