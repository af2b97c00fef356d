// UTF-8 validity of text read from outside (campaign YAML, model names):
// reports, JSON (nlohmann throws on invalid UTF-8) and HTML need valid UTF-8,
// so invalid text is refused where it enters, with the offending byte named.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace campaign {

// The offset of the first byte that does not start or continue a valid UTF-8
// sequence (overlong forms, surrogates and code points above U+10FFFF count
// as invalid), or std::string_view::npos when `text` is valid.
size_t FirstInvalidUtf8(std::string_view text);

// "byte 0xff at offset 3" for the first invalid byte; "" when valid.
std::string DescribeInvalidUtf8(std::string_view text);

}  // namespace campaign
