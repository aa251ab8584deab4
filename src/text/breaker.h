#pragma once
// Where a line may break, and where grapheme clusters begin, for one paragraph of text.
// ICU's iterators are not thread-safe: every thread makes its own Breaker (cheap clones of
// prototypes built once).
#include <memory>
#include <string>
#include <vector>

#include "text/break_rules.h"
#include "text/kept_phrases.h"

#include <unicode/uversion.h>
U_NAMESPACE_BEGIN
class BreakIterator;
U_NAMESPACE_END

namespace oitgen::text {

class Breaker {
 public:
  explicit Breaker(std::shared_ptr<const BreakRules> rules);
  ~Breaker();
  Breaker(const Breaker&) = delete;
  Breaker& operator=(const Breaker&) = delete;

  // result[i] is true when a line may start at text[i] (i in 1..size-1; [0] and [size] false).
  // `keep_whole` holds extra phrases that must not be broken inside (the data's people names).
  std::vector<bool> line_opportunities(std::u32string_view text, const KeptPhrases* keep_whole = nullptr) const;
  // The same, for a caller that already has the text's cluster starts. Without `keep_names`
  // the spaces inside people's names (and `keep_whole` is then null) are opportunities too:
  // the fallback before a break inside a word.
  std::vector<bool> line_opportunities(std::u32string_view text, const std::vector<bool>& clusters,
                                       const KeptPhrases* keep_whole, bool keep_names = true) const;
  // result[i] is true when a grapheme cluster starts at text[i]; [size] is true.
  std::vector<bool> cluster_starts(std::u32string_view text) const;

  const BreakRules& rules() const { return *rules_; }

 private:
  std::shared_ptr<const BreakRules> rules_;
  std::unique_ptr<icu::BreakIterator> line_;
  std::unique_ptr<icu::BreakIterator> chars_;
};

}  // namespace oitgen::text
