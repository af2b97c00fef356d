#include "common/status.h"

#include <gtest/gtest.h>

#include "common/precision.h"
#include "common/sha256.h"

namespace campaign {
namespace {

Result<int> Half(int x) {
  if (x % 2) return Status::Error(Reason::kInvalidArgument, std::to_string(x) + " is odd");
  return x / 2;
}

Result<int> Quarter(int x) {
  ASSIGN_OR_RETURN(int h, Half(x));
  return Half(h);
}

TEST(StatusTest, OkAndErrorCarryReasonAndMessage) {
  EXPECT_TRUE(Status::Ok().ok());
  Status s = Status::Error(Reason::kUnsupportedOp, "Einsum");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.ToString(), "unsupported_op: Einsum");
  EXPECT_EQ(s.WithContext("model m").message(), "model m: Einsum");
  EXPECT_EQ(s.WithContext("model m").reason(), Reason::kUnsupportedOp);
}

TEST(StatusTest, ReasonNamesRoundTrip) {
  for (Reason r : {Reason::kCrash, Reason::kTimeout, Reason::kDynamicShape, Reason::kAccuracy}) {
    EXPECT_EQ(ReasonFromName(ReasonName(r)), r);
  }
  EXPECT_EQ(ReasonName(Reason::kTimeout), "timeout");
  EXPECT_FALSE(ReasonFromName("no_such_reason").has_value());
}

TEST(StatusTest, AssignOrReturnPropagatesTheFirstError) {
  EXPECT_EQ(*Quarter(8), 2);
  Result<int> r = Quarter(6);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "3 is odd");
}

TEST(PrecisionTest, NamesRoundTripAndAreCaseSensitive) {
  EXPECT_EQ(PrecisionFromName("fp16"), Precision::kFp16);
  EXPECT_EQ(PrecisionName(Precision::kInt8), "int8");
  EXPECT_FALSE(PrecisionFromName("FP16").has_value());
}

TEST(Sha256Test, KnownVector) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_FALSE(Sha256File("/nonexistent/file").ok());
}

}  // namespace
}  // namespace campaign
