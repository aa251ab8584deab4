#pragma once
// A pass over TOML text before toml++ sees it, bounding what toml++ (and the conversion to
// Nodes after it) handles by recursion: the parts of a dotted key or table header, and how deep
// the tree gets, where tables, arrays, inline tables and each part of a dotted key are a level.
// Twenty thousand of either overflow the stack inside toml++; 64 × 64 (a 64-part key in each
// of 64 inline tables) overflowed it in the conversion under ASan. Here they are an error at
// the line and column where the limit (data/limits.h) is passed. The pass knows TOML's strings
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
