#pragma once
// What a folder holds, recursively: each entry's path relative to it, with a file's content, a
// folder as "<dir>" and a link as "-> target". Tests compare a folder before and after.
#include <filesystem>
#include <map>
#include <string>

#include "util/files.h"

namespace oitgen::testing {

inline std::map<std::string, std::string> folder_snapshot(const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  std::map<std::string, std::string> out;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const auto& e = *it;
    const std::string name = e.path().lexically_relative(dir).string();
    if (e.is_symlink(ec)) out[name] = "-> " + fs::read_symlink(e.path(), ec).string();
    else if (e.is_directory(ec)) out[name] = "<dir>";
    else out[name] = read_file(e.path()).value_or("?");
  }
  return out;
}

}  // namespace oitgen::testing
