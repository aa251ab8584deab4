#pragma once
// Page labels (how each page is numbered) and the entries of a table of contents, which print
// the labels of the pages their headings landed on.
#include <string>
#include <vector>

#include "layout/display_list.h"
#include "layout/layout_spec.h"

namespace oitgen::layout {

// Where a numbering run starts: the page index it applies from, its format and first number.
struct NumberingStart {
  size_t page = 0;
  PageNumberFormat format = PageNumberFormat::Numbers;
  int start = 1;
};

// "ก", "ข", "ค" … : the letters Thai reports number front matter with (ฃ and ฅ are obsolete
// and skipped). Past the alphabet it goes on with "กก", "กข" ….
std::string thai_letter_number(int n);

// Label of every page (Arabic digits; "" for unnumbered pages). Without a start the pages are
// numbered 1, 2, 3 … from the first.
std::vector<std::string> page_labels(size_t page_count, std::vector<NumberingStart> starts);

struct TocEntry {
  std::string title;
  int level = 1;
  std::string label;       // the page label where the heading is
  std::string last_label;  // the label of the last page of its part (see toc_entries)
  size_t page = 0;         // the page index and height the heading is at (the entry's link)
  double y = 0;
  bool operator==(const TocEntry&) const = default;
};

// The document's outline as contents entries, with the labels of their pages. An entry's part
// ends where it says (an included document), else on the page before the next entry of the
// same or a higher level starts at a page top (or on that page when it starts lower down);
// the last part ends on the last numbered page.
std::vector<TocEntry> toc_entries(const Document& doc);

}  // namespace oitgen::layout
