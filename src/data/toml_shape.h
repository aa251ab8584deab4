#pragma once
// A pass over TOML text before toml++ sees it, bounding what toml++ parses by recursion:
// arrays and inline tables inside one another, and the parts of a dotted key or table header.
// Twenty thousand of either overflow the stack inside toml++; here they are an error at the
// line and column where the limit (data/limits.h) is passed. The pass knows TOML's strings
// (basic, literal, multi-line) and comments, so a '[' or '.' inside them counts for nothing.
#include <string>
#include <string_view>

#include "util/diagnostics.h"

namespace oitgen::data {

// True when `text` stays within the limits; otherwise reports one error and returns false.
// Linear in the text; says nothing about anything else toml++ would refuse.
bool check_toml_shape(std::string_view text, const std::string& display_path, int max_nesting, int max_key_parts,
                      Diagnostics& diags);

}  // namespace oitgen::data
