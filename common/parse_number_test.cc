#include "common/parse_number.h"

#include <gtest/gtest.h>

namespace campaign {
namespace {

TEST(ParseNumberTest, AcceptsDecimalsInRange) {
  EXPECT_DOUBLE_EQ(ParseDouble("1.5", "x").value(), 1.5);
  EXPECT_DOUBLE_EQ(ParseDouble(" 2e3 ", "x").value(), 2000);
  EXPECT_DOUBLE_EQ(ParseDouble("+0.25", "x", kPositive).value(), 0.25);
  EXPECT_EQ(ParseInt("42", "b", 1, 100).value(), 42);
}

TEST(ParseNumberTest, RefusesWhatStodWouldThrowOnOrAcceptWrongly) {
  for (const char* bad : {"-", "", "abc", "1.5ms", "1e999", "-1e999", "nan", "inf", "0x10"}) {
    Result<double> r = ParseDouble(bad, "latency median");
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_NE(r.status().message().find("latency median"), std::string::npos);
  }
  EXPECT_NE(ParseDouble("1e999", "x").status().message().find("not a finite number"),
            std::string::npos);
  EXPECT_NE(ParseDouble("0", "x", kPositive).status().message().find("out of range (must be > 0)"),
            std::string::npos);
  EXPECT_FALSE(ParseInt("2147483648", "batch", 1, 1 << 20).ok());
  EXPECT_FALSE(ParseInt("99999999999999999999999", "batch", 1, 10).ok());
  EXPECT_NE(ParseInt("0", "batch", 1, 10).status().message().find("out of range [1, 10]"),
            std::string::npos);
}

}  // namespace
}  // namespace campaign
