#pragma once
// The Thai line-breaking rules of data/thai-break-rules.toml and data/thai-words.txt.
// Loaded once, immutable, shared by every thread.
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "text/shaper.h"
#include "util/diagnostics.h"

#include <unicode/uversion.h>
U_NAMESPACE_BEGIN
class BreakIterator;
U_NAMESPACE_END

namespace oitgen::text {

// Words looked up at a position of a text, by their first character (longest first).
class WordList {
 public:
  WordList() = default;
  explicit WordList(std::vector<std::u32string> words);
  const std::vector<std::u32string>& words() const { return words_; }
  // The longest word starting at `text[at]`, or nullptr.
  const std::u32string* match(std::u32string_view text, size_t at) const;
  // Every word starting at `text[at]`.
  template <typename Fn>
  void each_match(std::u32string_view text, size_t at, Fn fn) const {
    if (at >= text.size()) return;
    auto it = by_first_.find(text[at]);
    if (it == by_first_.end()) return;
    for (size_t i : it->second)
      if (text.compare(at, std::min(words_[i].size(), text.size() - at), words_[i]) == 0 &&
          at + words_[i].size() <= text.size())
        fn(words_[i]);
  }

 private:
  std::vector<std::u32string> words_;
  std::unordered_map<char32_t, std::vector<size_t>> by_first_;
};

// ICU's line and character break iterators for Thai, built once (loading the dictionary);
// every text setter clones them.
class IcuPrototypes {
 public:
  // nullptr (and an error) when ICU has no Thai break data.
  static std::unique_ptr<IcuPrototypes> create(Diagnostics& diags);
  ~IcuPrototypes();
  // Clones for one thread's Breaker; ICU's clone of a shared prototype is serialised.
  std::unique_ptr<icu::BreakIterator> line_clone() const;
  std::unique_ptr<icu::BreakIterator> chars_clone() const;

 private:
  IcuPrototypes() = default;
  std::unique_ptr<icu::BreakIterator> line_, chars_;
  mutable std::mutex clone_mutex_;
};

// The text resources every thread shares, loaded once per process and read-only afterwards:
// the Thai break rules, the word list and the ICU prototypes.
struct BreakRules {
  WordList compounds;        // never broken inside
  WordList no_break_before;  // never at a line start
  WordList no_break_after;   // never at a line end before a word
  WordList person_titles;
  WordList before_number;
  WordList after_number;
  WordList months;
  std::shared_ptr<const IcuPrototypes> icu;
  ShapingLanguages languages;  // HarfBuzz's, made while loading

  // Reads `<data_dir>/thai-break-rules.toml` and `<data_dir>/thai-words.txt` and prepares ICU.
  static std::shared_ptr<const BreakRules> load(const std::filesystem::path& data_dir,
                                                Diagnostics& diags);
};

}  // namespace oitgen::text
