#include "graph/npy.h"

#include <cstring>
#include <regex>

#include "common/file_util.h"

namespace campaign::graph {

Result<HostTensor> ParseNpy(const std::string& bytes, const std::string& what) {
  auto bad = [&](const std::string& why) {
    return Status::Error(Reason::kInvalidArgument, what + " is not a supported .npy file: " + why);
  };
  if (bytes.size() < 10 || bytes.compare(0, 6, "\x93NUMPY") != 0) return bad("bad magic");
  int major = static_cast<unsigned char>(bytes[6]);
  size_t header_len = 0, start = 0;
  if (major == 1) {
    header_len = static_cast<unsigned char>(bytes[8]) | static_cast<unsigned char>(bytes[9]) << 8;
    start = 10;
  } else {
    if (bytes.size() < 12) return bad("truncated header");
    for (int i = 0; i < 4; ++i)
      header_len |= size_t{static_cast<unsigned char>(bytes[8 + i])} << (8 * i);
    start = 12;
  }
  if (start + header_len > bytes.size()) return bad("truncated header");
  std::string header = bytes.substr(start, header_len);
  std::smatch m;
  if (!std::regex_search(header, m, std::regex("'descr':\\s*'([^']*)'"))) return bad("no descr");
  std::string descr = m[1];
  if (!std::regex_search(header, m, std::regex("'fortran_order':\\s*(True|False)"))) {
    return bad("no fortran_order");
  }
  if (m[1] == "True") return bad("Fortran order");
  if (!std::regex_search(header, m, std::regex("'shape':\\s*\\(([^)]*)\\)")))
    return bad("no shape");
  Shape shape;
  std::string dims = m[1];
  std::regex num("\\d+");
  for (auto it = std::sregex_iterator(dims.begin(), dims.end(), num); it != std::sregex_iterator();
       ++it) {
    shape.push_back(std::stoll(it->str()));
  }
  DType dt;
  if (descr == "<f4") {
    dt = DType::kFloat32;
  } else if (descr == "<i8") {
    dt = DType::kInt64;
  } else if (descr == "<i4") {
    dt = DType::kInt32;
  } else if (descr == "|b1") {
    dt = DType::kBool;
  } else {
    return bad("dtype " + descr + " (supported: <f4, <i8, <i4, |b1)");
  }
  HostTensor t(dt, shape);
  size_t data = start + header_len;
  if (bytes.size() - data != t.bytes()) {
    return bad(std::to_string(bytes.size() - data) + " data bytes for shape " +
               ShapeToString(shape));
  }
  if (t.bytes() > 0) std::memcpy(t.raw(), bytes.data() + data, t.bytes());
  return t;
}

Result<HostTensor> ReadNpy(const std::filesystem::path& path) {
  ASSIGN_OR_RETURN(std::string bytes, ReadFile(path));
  return ParseNpy(bytes, path.string());
}

}  // namespace campaign::graph
