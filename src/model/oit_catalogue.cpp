#include "model/oit_catalogue.h"

#include <algorithm>

#include "data/schema.h"
#include "data/toml_loader.h"

namespace oitgen::model {

std::vector<int64_t> years_with_files(const std::filesystem::path& dir) {
  std::vector<int64_t> years;
  std::error_code ec;
  // Stepped with an error code: a range-for's increment throws on a folder that fails midway.
  std::filesystem::directory_iterator it(dir, ec);
  for (; !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
    const std::string stem = it->path().stem().string();
    if (it->path().extension() == ".toml" && !stem.empty() && stem.find_first_not_of("0123456789") == std::string::npos &&
        stem.size() == 4)
      years.push_back(std::stoll(stem));
  }
  std::sort(years.begin(), years.end());
  return years;
}

std::string available_years(const std::filesystem::path& dir) {
  std::string out;
  for (const auto y : years_with_files(dir)) out += (out.empty() ? "" : ", ") + std::to_string(y);
  return out.empty() ? "none" : out;
}

std::vector<CatalogueItem> load_catalogue(const std::filesystem::path& reference_dir, int64_t year,
                                          const SourceLocation& asked_at, const std::string& setting,
                                          Diagnostics& diags) {
  std::vector<CatalogueItem> items;
  const auto dir = reference_dir / "oit";
  const auto path = dir / (std::to_string(year) + ".toml");
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    diags.error(asked_at, "no OIT catalogue for assessment year " + std::to_string(year) + " (there is no data/oit/" +
                              std::to_string(year) + ".toml; have: " + available_years(dir) + "); '" + setting +
                              "' chooses the year");
    return items;
  }
  auto tree = data::load_toml_file(path, path.string(), diags);
  if (!tree) return items;
  using namespace data;
  auto item = table_type({req("id", string_type()), req("name", string_type())});
  auto group = table_type({req("number", string_type()), req("name", string_type()), req("items", array_of(item))});
  auto indicator =
      table_type({req("number", integer_type()), req("name", string_type()), req("groups", array_of(group))});
  auto schema = table_type({req("year", integer_type()), opt("name", string_type()), req("indicators", array_of(indicator))});
  const size_t before = diags.error_count();
  check(*tree, *schema, "", diags);
  if (diags.error_count() > before) return items;
  for (const auto& ind : tree->get("indicators")->array)
    for (const auto& grp : ind->get("groups")->array)
      for (const auto& it : grp->get("items")->array) items.push_back({it->get("id")->s, it->get("name")->s, ind, grp});
  return items;
}

}  // namespace oitgen::model
