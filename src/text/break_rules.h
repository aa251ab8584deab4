#pragma once
// The Thai line-breaking rules of data/thai-break-rules.toml and data/thai-words.txt.
// Loaded once, immutable, shared by every thread.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "util/diagnostics.h"

namespace oitgen::text {

struct BreakRules {
  std::vector<std::u32string> compounds;        // never broken inside
  std::vector<std::u32string> no_break_before;  // never at a line start
  std::vector<std::u32string> no_break_after;   // never at a line end before a word
  std::vector<std::u32string> person_titles;
  std::vector<std::u32string> before_number;
  std::vector<std::u32string> after_number;
  std::vector<std::u32string> months;

  // Reads `<data_dir>/thai-break-rules.toml` and `<data_dir>/thai-words.txt`.
  static std::shared_ptr<const BreakRules> load(const std::filesystem::path& data_dir,
                                                Diagnostics& diags);
};

}  // namespace oitgen::text
