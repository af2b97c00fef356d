#include "converter/engine_cache.h"

#include <gtest/gtest.h>

#include "common/file_util.h"
#include "common/sha256.h"
#include "converter/convert.h"
#include "converter/test_models.h"

namespace campaign {
namespace {

namespace fs = std::filesystem;
namespace tm = converter::testing;

const std::string kSha(64, 'a');
const InputOverrides kNoOverrides;

TEST(EngineCacheKeyTest, StableForSameInputs) {
  InputOverrides o{{"input", {{true, 0}, {false, 3}}}};
  EXPECT_EQ(EngineCacheKey(kSha, o, 4, Precision::kFp32),
            EngineCacheKey(kSha, o, 4, Precision::kFp32));
  EXPECT_EQ(EngineCacheKey(kSha, kNoOverrides, 1, Precision::kFp32).size(), 64u);
}

TEST(EngineCacheKeyTest, ChangesWithEachInput) {
  const std::string base = EngineCacheKey(kSha, kNoOverrides, 4, Precision::kFp32);
  EXPECT_NE(base, EngineCacheKey(kSha, kNoOverrides, 8, Precision::kFp32));
  EXPECT_NE(base, EngineCacheKey(kSha, kNoOverrides, 4, Precision::kFp16));
  EXPECT_NE(base, EngineCacheKey(std::string(64, 'b'), kNoOverrides, 4, Precision::kFp32));
  InputOverrides o{{"input", {{true, 0}, {false, 3}, {false, 16}, {false, 16}}}};
  const std::string with = EngineCacheKey(kSha, o, 4, Precision::kFp32);
  EXPECT_NE(base, with);
  o["input"][2].value = 32;
  EXPECT_NE(with, EngineCacheKey(kSha, o, 4, Precision::kFp32));
}

TEST(EngineCacheKeyTest, ChangesWithModelBytes) {
  tm::TempDir dir;
  auto convert = [&](const onnx::ModelProto& m) {
    ConvertRequest req;
    req.model_path = tm::WriteModel(m, dir / "m.onnx");
    req.output_path = dir / "e.onnx";
    Result<ConvertReport> r = Convert(req);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->cache_key : std::string();
  };
  onnx::ModelProto m = tm::ConvModel();
  const std::string a = convert(m);
  EXPECT_EQ(a, convert(m));
  m.mutable_graph()->mutable_initializer(0)->set_float_data(0, 0.25f);
  EXPECT_NE(a, convert(m));
}

class EngineCacheTest : public ::testing::Test {
 protected:
  // Converts ConvModel into the cache; returns its key.
  std::string Populate() {
    ConvertRequest req;
    req.model_path = tm::WriteModel(tm::ConvModel(), dir_ / "m.onnx");
    req.batch = 2;
    Result<std::string> sha = Sha256File(req.model_path);
    const std::string key = EngineCacheKey(*sha, {}, 2, Precision::kFp32);
    req.output_path = cache_.PathFor(key);
    Result<ConvertReport> r = Convert(req);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->cache_key, key);
    return key;
  }
  tm::TempDir dir_;
  EngineCache cache_{dir_ / "engines"};
};

TEST_F(EngineCacheTest, PathForIsKeyDotOnnx) {
  EXPECT_EQ(cache_.PathFor("abc"), dir_ / "engines" / "abc.onnx");
}

TEST_F(EngineCacheTest, HitAfterConvert) {
  const std::string key = Populate();
  EXPECT_TRUE(cache_.Contains(key));
  EXPECT_FALSE(cache_.Contains(std::string(64, '0')));
}

TEST_F(EngineCacheTest, TruncatedFileIsAMiss) {
  const std::string key = Populate();
  Result<std::string> bytes = ReadFile(cache_.PathFor(key));
  ASSERT_TRUE(bytes.ok());
  for (size_t keep : {bytes->size() - 1, bytes->size() / 2, size_t{10}, size_t{0}}) {
    ASSERT_TRUE(WriteFileAtomic(cache_.PathFor(key), bytes->substr(0, keep)).ok());
    EXPECT_FALSE(cache_.Contains(key)) << "kept " << keep << " of " << bytes->size();
  }
}

TEST_F(EngineCacheTest, FileWithOtherKeyIsAMiss) {
  const std::string key = Populate();
  const std::string other(64, 'f');
  fs::copy_file(cache_.PathFor(key), cache_.PathFor(other));
  EXPECT_FALSE(cache_.Contains(other));
}

}  // namespace
}  // namespace campaign
