#include "model/oit_catalogue.h"

#include <algorithm>
#include <set>

#include "data/schema.h"
#include "data/toml_loader.h"

namespace oitgen::model {

using data::Node;

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

data::NodePtr load_year_file(const std::filesystem::path& reference_dir, const std::string& folder,
                             const std::string& what, int64_t year, const SourceLocation& asked_at,
                             const std::string& setting, Diagnostics& diags) {
  const auto dir = reference_dir / folder;
  const auto path = dir / (std::to_string(year) + ".toml");
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    diags.error(asked_at, "no " + what + " for assessment year " + std::to_string(year) + " (there is no data/" +
                              folder + "/" + std::to_string(year) + ".toml; have: " + available_years(dir) + "); '" +
                              setting + "' chooses the year");
    return nullptr;
  }
  return data::load_toml_file(path, path.string(), diags);
}

std::optional<Catalogue> load_oit_catalogue(const std::filesystem::path& reference_dir, int64_t year,
                                            const SourceLocation& asked_at, const std::string& setting,
                                            Diagnostics& diags) {
  auto tree = load_year_file(reference_dir, "oit", "OIT catalogue", year, asked_at, setting, diags);
  if (!tree) return std::nullopt;
  using namespace data;
  auto item = table_type({req("id", string_type()), req("name", string_type()), opt("was", array_of(string_type()))});
  auto group = table_type({req("number", string_type()), req("name", string_type()), req("items", array_of(item))});
  auto indicator =
      table_type({req("number", integer_type()), req("name", string_type()), req("groups", array_of(group))});
  auto schema = table_type({req("year", integer_type()), opt("status", string_type()), opt("source", string_type()),
                            opt("name", string_type()), opt("follows", integer_type()),
                            req("indicators", array_of(indicator))});
  const size_t before = diags.error_count();
  check(*tree, *schema, "", diags);
  if (diags.error_count() > before) return std::nullopt;
  Catalogue cat;
  cat.year = tree->get("year")->i;
  if (cat.year != year)
    diags.error(tree->get("year")->where, "this file is data/oit/" + std::to_string(year) + ".toml but says year = " +
                                              std::to_string(cat.year));
  if (const Node* status = tree->get("status")) {
    cat.provisional = status->s == "provisional";
    if (!cat.provisional && status->s != "official")
      diags.error(status->where, "status is \"official\" or \"provisional\", not \"" + status->s + "\"");
  }
  if (const Node* source = tree->get("source")) cat.source = source->s;
  if (const Node* follows = tree->get("follows")) {
    cat.follows = follows->i;
    if (cat.follows >= year)
      diags.error(follows->where, "a catalogue follows an earlier year's, not " + std::to_string(cat.follows));
  }
  int64_t last_indicator = 0;
  long expected = 1;
  std::set<std::string> group_numbers, was_seen;
  for (const auto& ind : tree->get("indicators")->array) {
    const Node* number = ind->get("number");
    if (number->i <= last_indicator)
      diags.error(number->where, "indicator " + std::to_string(number->i) + " comes after indicator " +
                                     std::to_string(last_indicator) + ": indicators are listed in order, each once");
    last_indicator = std::max(last_indicator, number->i);
    if (ind->get("groups")->array.empty()) diags.error(ind->where, "indicator " + std::to_string(number->i) + " has no group");
    for (const auto& grp : ind->get("groups")->array) {
      const Node* gn = grp->get("number");
      const std::string prefix = std::to_string(number->i) + ".";
      if (gn->s.rfind(prefix, 0) != 0 || gn->s.size() == prefix.size())
        diags.error(gn->where, "group '" + gn->s + "' is under indicator " + std::to_string(number->i) +
                                   ", so its number starts with " + prefix + " (" + prefix + "1, " + prefix + "2 …)");
      if (!group_numbers.insert(gn->s).second) diags.error(gn->where, "group '" + gn->s + "' is listed twice");
      if (grp->get("items")->array.empty())
        diags.error(grp->where, "group '" + gn->s + "' has no item: every group holds items, every item is in a group");
      for (const auto& it : grp->get("items")->array) {
        const Node* id = it->get("id");
        const std::string want = "O" + std::to_string(expected);
        if (id->s != want)
          diags.error(id->where, "item '" + id->s + "' where '" + want + "' comes: items are numbered O1, O2, O3 … in "
                                                                         "order, each once");
        ++expected;
        CatalogueItem c{id->s, it->get("name")->s, ind, grp, {}};
        if (const Node* was = it->get("was")) {
          if (!cat.follows)
            diags.error(was->where, "'was' names items of the catalogue this one follows: set 'follows' to its year");
          for (const auto& w : was->array) {
            if (!was_seen.insert(w->s).second)
              diags.error(w->where, "item '" + w->s + "' of " + std::to_string(cat.follows) +
                                        " is already continued by another item");
            c.was.push_back(w->s);
          }
        }
        cat.items.push_back(std::move(c));
      }
    }
  }
  if (cat.items.empty()) diags.error(tree->get("indicators")->where, "the catalogue lists no item");
  if (diags.error_count() > before) return std::nullopt;
  return cat;
}

std::vector<CatalogueItem> load_catalogue(const std::filesystem::path& reference_dir, int64_t year,
                                          const SourceLocation& asked_at, const std::string& setting,
                                          Diagnostics& diags) {
  auto cat = load_oit_catalogue(reference_dir, year, asked_at, setting, diags);
  return cat ? std::move(cat->items) : std::vector<CatalogueItem>{};
}

}  // namespace oitgen::model
