#pragma once
#include <filesystem>
#include <optional>
#include <string>

namespace oitgen {

// Whole file as bytes; nullopt when it cannot be read.
std::optional<std::string> read_file(const std::filesystem::path& path);

// Writes to "<path>.tmp-<pid>" and renames over `path`, so a failure never leaves a
// half-written file where the user expects a finished one. Returns an error message or "".
std::string write_file_atomically(const std::filesystem::path& path, const std::string& bytes);

// Directory holding the shipped fonts/, layouts/ and data/: $OITGEN_HOME, else the source tree
// the binary was built from.
std::filesystem::path resource_root();

}  // namespace oitgen
