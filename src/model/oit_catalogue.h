#pragma once
// The OIT item catalogue of one assessment year (data/oit/<year>.toml): items in order, each
// with its indicator and sub-indicator group. Item lists change between years: they are data.
#include <filesystem>
#include <string>
#include <vector>

#include "data/node.h"

namespace oitgen::model {

struct CatalogueItem {
  std::string id, name;
  data::NodePtr indicator, group;  // tables of the catalogue file
};

// Loads the catalogue of `year`. When there is none, reports one error at `asked_at` that names
// `setting`, the data key that chose the year, and the years that do exist; returns empty.
std::vector<CatalogueItem> load_catalogue(const std::filesystem::path& reference_dir, int64_t year,
                                          const SourceLocation& asked_at, const std::string& setting,
                                          Diagnostics& diags);

// The years with a file `<dir>/<year>.toml`, ascending.
std::vector<int64_t> years_with_files(const std::filesystem::path& dir);
// The same for messages: "2564, 2565" (or "none").
std::string available_years(const std::filesystem::path& dir);

}  // namespace oitgen::model
