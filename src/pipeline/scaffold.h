#pragma once
// New data sets (`oitgen init`): a fresh one with a placeholder for every value, or last year's
// carried forward — office, people and the order's assignments kept; years, dates and document
// numbers one year on; scores, spending, activities and photos emptied. Every value staff must
// look at carries a "# TODO" comment, which `check` and `build` report as a warning.
#include <filesystem>
#include <string>
#include <vector>

#include "data/dataset.h"

namespace oitgen::pipeline {

struct ScaffoldFile {
  std::string name;   // relative to the data set folder ("office.toml", "images/emblem.png")
  std::string bytes;
};

// A data set for `office` whose every document builds with the shipped reference data.
std::vector<ScaffoldFile> fresh_dataset(const std::string& office, const std::filesystem::path& reference_dir,
                                        Diagnostics& diags);

// Last year's data set (already loaded and checked) moved on one year; `office` renames it when
// not empty.
std::vector<ScaffoldFile> carried_forward(const data::Dataset& old, const std::string& office,
                                          const std::filesystem::path& reference_dir, Diagnostics& diags);

}  // namespace oitgen::pipeline
