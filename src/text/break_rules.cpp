#include "text/break_rules.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/utypes.h>

#include <algorithm>
#include <sstream>

#include "data/schema.h"
#include "data/toml_loader.h"
#include "util/files.h"
#include "util/utf.h"

namespace oitgen::text {
namespace {

WordList strings_of(const data::Node* n) {
  std::vector<std::u32string> out;
  if (n)
    for (const auto& v : n->array) out.push_back(to_u32(v->s));
  return WordList(std::move(out));
}

}  // namespace

WordList::WordList(std::vector<std::u32string> words) : words_(std::move(words)) {
  // Longest first, so "นางสาว" wins over "นาง".
  std::stable_sort(words_.begin(), words_.end(), [](auto& a, auto& b) { return a.size() > b.size(); });
  for (size_t i = 0; i < words_.size(); ++i)
    if (!words_[i].empty()) by_first_[words_[i][0]].push_back(i);
}

const std::u32string* WordList::match(std::u32string_view text, size_t at) const {
  const std::u32string* found = nullptr;
  each_match(text, at, [&](const std::u32string& w) {
    if (!found) found = &w;
  });
  return found;
}

std::unique_ptr<IcuPrototypes> IcuPrototypes::create(Diagnostics& diags) {
  std::unique_ptr<IcuPrototypes> p(new IcuPrototypes());
  UErrorCode status = U_ZERO_ERROR;
  p->line_.reset(icu::BreakIterator::createLineInstance(icu::Locale("th"), status));
  if (U_SUCCESS(status)) p->chars_.reset(icu::BreakIterator::createCharacterInstance(icu::Locale("th"), status));
  if (U_FAILURE(status) || !p->line_ || !p->chars_) {
    diags.error({}, std::string("ICU's Thai break iterators are unavailable (") + u_errorName(status) + ")");
    return nullptr;
  }
  return p;
}

IcuPrototypes::~IcuPrototypes() = default;

std::unique_ptr<icu::BreakIterator> IcuPrototypes::line_clone() const {
  std::lock_guard lock(clone_mutex_);
  return std::unique_ptr<icu::BreakIterator>(line_->clone());
}

std::unique_ptr<icu::BreakIterator> IcuPrototypes::chars_clone() const {
  std::lock_guard lock(clone_mutex_);
  return std::unique_ptr<icu::BreakIterator>(chars_->clone());
}

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
  std::vector<std::u32string> compounds;
  for (std::string line; std::getline(in, line);) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    compounds.push_back(to_u32(line));
  }
  rules->compounds = WordList(std::move(compounds));
  rules->languages = ShapingLanguages::make();
  rules->icu = IcuPrototypes::create(diags);
  if (!rules->icu) return nullptr;
  return rules;
}

}  // namespace oitgen::text
