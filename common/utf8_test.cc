#include "common/utf8.h"

#include <gtest/gtest.h>

namespace campaign {
namespace {

TEST(Utf8Test, ValidAndInvalidSequences) {
  EXPECT_EQ(FirstInvalidUtf8("nightly"), std::string_view::npos);
  EXPECT_EQ(FirstInvalidUtf8("基准 Ωmega 😀"), std::string_view::npos);
  EXPECT_EQ(FirstInvalidUtf8("ab\xff"), 2u);
  EXPECT_EQ(FirstInvalidUtf8("\xc3"), 0u);              // truncated
  EXPECT_EQ(FirstInvalidUtf8("\xc0\xaf"), 0u);          // overlong '/'
  EXPECT_EQ(FirstInvalidUtf8("\xed\xa0\x80"), 0u);      // surrogate
  EXPECT_EQ(FirstInvalidUtf8("\xf4\x90\x80\x80"), 0u);  // > U+10FFFF
  EXPECT_EQ(DescribeInvalidUtf8("ab\xff"), "byte 0xff at offset 2");
}

}  // namespace
}  // namespace campaign
