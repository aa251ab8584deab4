#pragma once
// The ITA assessment framework of one year (data/ita/<year>.toml): its tools (IIT, EIT, OIT) and
// their weights in the total, its indicators and the tool each belongs to, its levels (AA–F, or
// the pass levels of 2566 on, whose upper levels also need every tool at a minimum) and its pass
// mark, with the status of the file (official or provisional) and its source. A new year is a
// data change, not a code change; the loader refuses a file that contradicts itself.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "util/diagnostics.h"

namespace oitgen::model {

struct Tool {
  std::string id, name;  // "IIT"
  double weight = 0;     // percent of the total
};

struct FrameworkIndicator {
  int64_t number = 0;
  std::string name, tool;
};

struct Level {
  std::string label, description;  // "A", "Very Good"; "ผ่านดี", ""
  double min = 0;
  std::vector<std::pair<std::string, double>> tool_min;  // every named tool at least this
  // "A (Very Good)", or the label alone.
  std::string text() const { return description.empty() ? label : label + " (" + description + ")"; }
};

struct Framework {
  int64_t year = 0;
  bool provisional = false;
  std::string source;
  double pass_mark = 0;
  std::vector<Tool> tools;
  std::vector<FrameworkIndicator> indicators;  // in order
  std::vector<Level> levels;                   // highest first; the last starts at 0
  SourceLocation where;                        // the file

  // The level of a total whose tools scored `tool_scores`: the first whose minimums it meets.
  const Level& level_of(double total, const std::map<std::string, double>& tool_scores) const;
  // The level of one score with no tool scores behind it (an indicator, a national average):
  // levels that set tool minimums are passed over.
  const Level& level_of(double score) const;
  bool passes(double score) const { return score >= pass_mark; }
  const FrameworkIndicator* indicator(int64_t number) const;
};

// Loads and validates `<reference_dir>/ita/<year>.toml`: tool ids unique, weights summing to 100,
// indicator numbers unique and rising, each on a known tool and every tool with one, levels
// ordered from the highest with the last at 0 and none unreachable. Without the file, one error
// at `asked_at` naming `setting`, the data key that chose the year.
std::optional<Framework> load_framework(const std::filesystem::path& reference_dir, int64_t year,
                                        const SourceLocation& asked_at, const std::string& setting,
                                        Diagnostics& diags);

}  // namespace oitgen::model
