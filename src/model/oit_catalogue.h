#pragma once
// The OIT item catalogue of one assessment year (data/oit/<year>.toml): items in order, each
// with its indicator and sub-indicator group, of any size (26 items or 43). Item lists change
// between years: they are data. `follows` and each item's `was` say which items of the year
// before an item continues where its number or name changed, so a data set can be moved on.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "data/node.h"

namespace oitgen::model {

struct CatalogueItem {
  std::string id, name;
  data::NodePtr indicator, group;  // tables of the catalogue file
  std::vector<std::string> was;    // ids in the catalogue of `Catalogue::follows`
};

struct Catalogue {
  int64_t year = 0, follows = 0;  // follows: 0 when the file names no earlier year
  bool provisional = false;
  std::string source;
  std::vector<CatalogueItem> items;
};

// Loads and validates the catalogue of `year`: ids O1, O2, … unique and in order, every group
// numbered under its indicator and holding items, `was` naming items once. When there is no
// file, one error at `asked_at` that names `setting`, the data key that chose the year, and the
// years that do exist.
std::optional<Catalogue> load_oit_catalogue(const std::filesystem::path& reference_dir, int64_t year,
                                            const SourceLocation& asked_at, const std::string& setting,
                                            Diagnostics& diags);
// The same, its items only (empty when there is none).
std::vector<CatalogueItem> load_catalogue(const std::filesystem::path& reference_dir, int64_t year,
                                          const SourceLocation& asked_at, const std::string& setting,
                                          Diagnostics& diags);

// The years with a file `<dir>/<year>.toml`, ascending.
std::vector<int64_t> years_with_files(const std::filesystem::path& dir);
// The same for messages: "2564, 2565" (or "none").
std::string available_years(const std::filesystem::path& dir);

// The tree of `<reference_dir>/<folder>/<year>.toml` ("ita" or "oit"). When there is none,
// reports one error at `asked_at` naming `what` ("ITA framework"), the `setting` that chose the
// year and the years that do exist; nullptr then, or when the file does not load.
data::NodePtr load_year_file(const std::filesystem::path& reference_dir, const std::string& folder,
                             const std::string& what, int64_t year, const SourceLocation& asked_at,
                             const std::string& setting, Diagnostics& diags);

}  // namespace oitgen::model
