#pragma once
// Templates bind layout text to the data: "{office.name}", "{announcement.date|date}",
// "{n}" (1-based position in the enclosing `each`), "{.}" (the element itself), "{../n}",
// "{./caption?}" (optional: nothing when the data leaves it out). Filters: date, date-short,
// year, amount, baht-words, fixed, count, list / list(<template per element>) (joined
// "a, b และ c"), and after any of them thai-digits (Thai digits even inside codes like O14).
// "**...**" in the template (never in the data) marks bold.
#include <string>
#include <vector>

#include "data/node.h"
#include "layout/layout_spec.h"
#include "text/paragraph.h"

namespace oitgen::layout {

// How one document prints amounts: one format for all of them. With `decimals` < 0 ("auto")
// whole amounts print bare until an amount with satang is seen; the engine then lays the
// document out again with two decimals everywhere.
struct AmountFormat {
  int decimals = -1;  // -1 auto, 0 or 2
  mutable bool saw_satang = false, saw_whole = false;
};

// The chain of `each` scopes a block is evaluated in. The root scope carries the document's
// amount format.
struct Scope {
  const data::Node* node = nullptr;
  int index = 0;  // 1-based position in its array, 0 at the root
  const Scope* parent = nullptr;
  const AmountFormat* amounts = nullptr;  // set on the root scope
};

struct TextSegment {
  std::string text;
  bool bold = false;
};

// Resolves a path ("office.name", "n", "../n", ".") against the scope chain; a name that is not
// in the innermost scope is looked up in the enclosing ones.
const data::Node* resolve_path(const std::string& path, const Scope& scope, int* index_out);

// Expands a template. Unknown paths and filters are errors at the template's location.
// `sources`, when given, receives each data value inserted, as printed, with its location.
std::vector<TextSegment> expand(const Template& t, const Scope& scope, Diagnostics& diags,
                                std::vector<text::TextSource>* sources = nullptr);
std::string expand_plain(const Template& t, const Scope& scope, Diagnostics& diags);

}  // namespace oitgen::layout
