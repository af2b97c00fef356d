#include "orchestrator/config/command_template.h"

#include <gtest/gtest.h>

#include "orchestrator/config/named_regex.h"

namespace campaign {
namespace {

using Argv = std::vector<std::string>;

TEST(SplitCommandLineTest, SplitsLikeAShellWithoutExpanding) {
  EXPECT_EQ(SplitCommandLine("  a  b\tc ").value(), (Argv{"a", "b", "c"}));
  EXPECT_EQ(SplitCommandLine("tool 'a b' \"c d\" e\\ f").value(),
            (Argv{"tool", "a b", "c d", "e f"}));
  EXPECT_EQ(SplitCommandLine("x 'it''s' \"say \\\"hi\\\" \\n\"").value(),
            (Argv{"x", "its", "say \"hi\" \\n"}));
  EXPECT_EQ(SplitCommandLine("a --shapes=in:'1 2' ''").value(), (Argv{"a", "--shapes=in:1 2", ""}));
  // Shell syntax is just text: no pipes, globs or variables.
  EXPECT_EQ(SplitCommandLine("echo $HOME * | wc > f").value(),
            (Argv{"echo", "$HOME", "*", "|", "wc", ">", "f"}));
  EXPECT_EQ(SplitCommandLine("sh -c 'a | b'").value(), (Argv{"sh", "-c", "a | b"}));
}

TEST(SplitCommandLineTest, RejectsUnbalancedQuotesAndEmptyCommands) {
  EXPECT_NE(SplitCommandLine("a 'b").status().message().find("unterminated ' quote"),
            std::string::npos);
  EXPECT_NE(SplitCommandLine("a \"b").status().message().find("unterminated \" quote"),
            std::string::npos);
  EXPECT_FALSE(SplitCommandLine("a \\").ok());
  EXPECT_FALSE(SplitCommandLine("   ").ok());
}

TEST(PlaceholderTest, ExpandsKnownNamesAndBraces) {
  std::map<std::string, std::string> v = {{"model", "/m dir/r.onnx"}, {"batch", "8"}};
  EXPECT_EQ(ExpandPlaceholders("--onnx={model}", v).value(), "--onnx=/m dir/r.onnx");
  EXPECT_EQ(ExpandPlaceholders("{batch}x{batch}", v).value(), "8x8");
  EXPECT_EQ(ExpandPlaceholders("{{json}}", v).value(), "{json}");
  EXPECT_EQ(PlaceholdersIn("a{model}b{{x}}{batch}"), (Argv{"model", "batch"}));
  auto bad = ExpandPlaceholders("{modle}", v);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("unknown placeholder {modle}"), std::string::npos);
  EXPECT_NE(bad.status().message().find("{model_name}"), std::string::npos);
  EXPECT_FALSE(ExpandPlaceholders("{model", v).ok());
}

// Issue 16 item 11: {name:q} is shell-quoted for use inside `sh -c '...'`.
TEST(PlaceholderTest, QuotedFormIsSafeInsideAShellString) {
  std::map<std::string, std::string> v = {{"model", "/m/x;echo INJECTED.onnx"}, {"batch", "8"}};
  EXPECT_EQ(ExpandPlaceholders("tool {model:q} -b {batch:q}", v).value(),
            "tool '/m/x;echo INJECTED.onnx' -b 8");
  EXPECT_EQ(PlaceholdersIn("{model:q} {engine:q}"), (Argv{"model", "engine"}));
  auto bad = ExpandPlaceholders("{model:x}", v);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("{model:q}"), std::string::npos);
}

TEST(NamedRegexTest, NamedGroupsGetTheirNumbers) {
  auto re = CompileNamedRegex(R"((?:x)(a)(?<median_ms>[0-9.]+)[(](?P<throughput>\d+)\((y))");
  ASSERT_TRUE(re.ok()) << re.status().message();
  EXPECT_EQ(re->groups.at("median_ms"), 2);
  EXPECT_EQ(re->groups.at("throughput"), 3);
  std::smatch m;
  const std::string s = "xa1.5(42(y)";
  ASSERT_TRUE(std::regex_search(s, m, re->re));
  EXPECT_EQ(m[2].str(), "1.5");
  EXPECT_EQ(m[3].str(), "42");
  EXPECT_FALSE(CompileNamedRegex("(?<a>x)(?<a>y)").ok());
  EXPECT_FALSE(CompileNamedRegex("(?<a").ok());
  EXPECT_FALSE(CompileNamedRegex("([").ok());
}

}  // namespace
}  // namespace campaign
