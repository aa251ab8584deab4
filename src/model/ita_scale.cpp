#include "model/ita_scale.h"

#include <algorithm>

#include "data/schema.h"
#include "data/toml_loader.h"
#include "model/oit_catalogue.h"

namespace oitgen::model {

const ItaGrade& ItaScale::grade_of(double score) const {
  for (const auto& g : grades)
    if (score >= g.min) return g;
  return grades.back();
}

std::optional<ItaScale> load_ita_scale(const std::filesystem::path& reference_dir, int64_t year,
                                       const SourceLocation& asked_at, const std::string& setting,
                                       Diagnostics& diags) {
  const auto dir = reference_dir / "ita";
  const auto path = dir / (std::to_string(year) + ".toml");
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    diags.error(asked_at, "no ITA grade scale for assessment year " + std::to_string(year) + " (there is no data/ita/" +
                              std::to_string(year) + ".toml; have: " + available_years(dir) + "); '" + setting +
                              "' chooses the year");
    return std::nullopt;
  }
  auto tree = data::load_toml_file(path, path.string(), diags);
  if (!tree) return std::nullopt;
  using namespace data;
  auto grade = table_type({req("grade", string_type()), req("min", number_type()), opt("description", string_type())});
  auto schema = table_type({req("year", integer_type()), req("pass_mark", number_type()), req("grades", array_of(grade))});
  const size_t before = diags.error_count();
  check(*tree, *schema, "", diags);
  if (diags.error_count() > before) return std::nullopt;
  ItaScale scale;
  scale.pass_mark = tree->get("pass_mark")->number();
  for (const auto& g : tree->get("grades")->array) {
    const Node* d = g->get("description");
    scale.grades.push_back({g->get("grade")->s, d ? d->s : "", g->get("min")->number()});
  }
  std::stable_sort(scale.grades.begin(), scale.grades.end(), [](auto& a, auto& b) { return a.min > b.min; });
  if (scale.grades.empty() || scale.grades.back().min > 0) {
    diags.error(tree->get("grades")->where, "the grade scale must start at 0 so that every score has a grade");
    return std::nullopt;
  }
  return scale;
}

}  // namespace oitgen::model
