#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace oitgen {

// Whole file as bytes; nullopt when it cannot be read.
std::optional<std::string> read_file(const std::filesystem::path& path);

struct FileToWrite {
  std::filesystem::path path;
  const std::string* bytes = nullptr;
};

// All or nothing, through one OutputTransaction (util/output_transaction.h): after a failure the
// targets hold what they held before, and the message says why and what was left; "" on success.
std::string write_files_atomically(const std::vector<FileToWrite>& files);
std::string write_file_atomically(const std::filesystem::path& path, const std::string& bytes);

// Directory holding the shipped fonts/, layouts/ and data/: $OITGEN_HOME, else the source tree
// the binary was built from.
std::filesystem::path resource_root();

}  // namespace oitgen
