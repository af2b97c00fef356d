// Test helpers for store_test: a fresh temporary directory per test.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "common/testing/temp_dir.h"

namespace campaign::store {

// One TempDir for every test (common/testing/temp_dir.h).
using TempDir = ::campaign::test_support::TempDir;

}  // namespace campaign::store
