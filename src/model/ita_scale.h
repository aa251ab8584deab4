#pragma once
// The ITA grade scale of one assessment year (data/ita/<year>.toml): grades by minimum score and
// the pass mark. A new year's scale is a data change, not a code change.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "util/diagnostics.h"

namespace oitgen::model {

struct ItaGrade {
  std::string grade, description;  // "A", "Very Good"
  double min = 0;
};

struct ItaScale {
  double pass_mark = 0;
  std::vector<ItaGrade> grades;  // highest first

  // The grade a score earns (the highest whose minimum it reaches).
  const ItaGrade& grade_of(double score) const;
  bool passes(double score) const { return score >= pass_mark; }
};

// Loads the scale of `year`; without one, one error at `asked_at` naming `setting`.
std::optional<ItaScale> load_ita_scale(const std::filesystem::path& reference_dir, int64_t year,
                                       const SourceLocation& asked_at, const std::string& setting,
                                       Diagnostics& diags);

}  // namespace oitgen::model
