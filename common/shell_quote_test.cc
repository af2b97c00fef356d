#include "common/shell_quote.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

namespace campaign {
namespace {

TEST(ShellQuoteTest, QuotesOnlyWhatNeedsIt) {
  EXPECT_EQ(ShellQuote("/models/resnet50.onnx"), "/models/resnet50.onnx");
  EXPECT_EQ(ShellQuote(""), "''");
  EXPECT_EQ(ShellQuote("my models/x;echo INJECTED.onnx"), "'my models/x;echo INJECTED.onnx'");
  EXPECT_EQ(ShellQuote("it's"), "'it'\\''s'");
  EXPECT_EQ(ShellJoin({"tool", "--onnx=a b", "$HOME"}), "tool '--onnx=a b' '$HOME'");
}

// The real test: /bin/sh reads the quoted text back as the original.
TEST(ShellQuoteTest, ShellReadsItBackUnchanged) {
  for (const std::string s :
       {"x;echo INJECTED", "a'b\"c", "$(touch /tmp/nope)`id`", "\\ \t*?[]", "-n", "~user"}) {
    FILE* p = ::popen(("printf '%s' " + ShellQuote(s)).c_str(), "r");
    ASSERT_NE(p, nullptr);
    std::string got;
    char buf[256];
    while (size_t n = std::fread(buf, 1, sizeof buf, p)) got.append(buf, n);
    ::pclose(p);
    EXPECT_EQ(got, s);
  }
}

}  // namespace
}  // namespace campaign
