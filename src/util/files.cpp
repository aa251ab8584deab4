#include "util/files.h"

#include "util/output_transaction.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <system_error>

namespace oitgen {

std::optional<std::string> read_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return ss.str();
}

std::string write_files_atomically(const std::vector<FileToWrite>& files) {
  OutputTransaction transaction;
  for (const auto& f : files)
    if (auto problem = transaction.stage(f.path, *f.bytes); !problem.empty()) break;
  return transaction.commit().message();
}

std::string write_file_atomically(const std::filesystem::path& path, const std::string& bytes) {
  return write_files_atomically({{path, &bytes}});
}

std::filesystem::path resource_root() {
  if (const char* home = std::getenv("OITGEN_HOME"); home && *home) return home;
  return OITGEN_SOURCE_ROOT;
}

}  // namespace oitgen
