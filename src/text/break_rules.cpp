#include "text/break_rules.h"

#include <algorithm>
#include <sstream>

#include "data/schema.h"
#include "data/toml_loader.h"
#include "util/files.h"
#include "util/utf.h"

namespace oitgen::text {
namespace {

std::vector<std::u32string> strings_of(const data::Node* n) {
  std::vector<std::u32string> out;
  if (n)
    for (const auto& v : n->array) out.push_back(to_u32(v->s));
  // Longest first, so "นางสาว" wins over "นาง".
  std::stable_sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.size() > b.size(); });
  return out;
}

}  // namespace

std::shared_ptr<const BreakRules> BreakRules::load(const std::filesystem::path& data_dir,
                                                   Diagnostics& diags) {
  auto rules = std::make_shared<BreakRules>();
  const auto rules_path = data_dir / "thai-break-rules.toml";
  auto tree = data::load_toml_file(rules_path, rules_path.string(), diags);
  if (!tree) return nullptr;
  using namespace data;
  auto strings = array_of(string_type());
  auto schema = table_type({req("no_break_before", strings), req("no_break_after", strings), req("person_titles", strings),
                            req("before_number", strings), req("after_number", strings),
                            req("months", strings)});
  const size_t before = diags.error_count();
  check(*tree, *schema, "", diags);
  if (diags.error_count() > before) return nullptr;
  rules->no_break_before = strings_of(tree->get("no_break_before"));
  rules->no_break_after = strings_of(tree->get("no_break_after"));
  rules->person_titles = strings_of(tree->get("person_titles"));
  rules->before_number = strings_of(tree->get("before_number"));
  rules->after_number = strings_of(tree->get("after_number"));
  rules->months = strings_of(tree->get("months"));

  const auto words_path = data_dir / "thai-words.txt";
  auto words = read_file(words_path);
  if (!words) {
    diags.error({words_path.string(), 0, 0}, "cannot read the word list");
    return nullptr;
  }
  std::istringstream in(*words);
  for (std::string line; std::getline(in, line);) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    rules->compounds.push_back(to_u32(line));
  }
  return rules;
}

}  // namespace oitgen::text
