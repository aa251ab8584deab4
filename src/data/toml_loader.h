#pragma once
#include <filesystem>
#include <string>

#include "data/node.h"

namespace oitgen::data {

// Parses a TOML file into a Node tree. On a syntax error or unreadable file returns nullptr and
// adds an error at file:line:col. `display_path` is what messages call the file.
NodePtr load_toml_file(const std::filesystem::path& path, const std::string& display_path,
                       Diagnostics& diags);
NodePtr parse_toml(std::string_view text, const std::string& display_path, Diagnostics& diags);

}  // namespace oitgen::data
