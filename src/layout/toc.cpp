#include "layout/toc.h"

#include <algorithm>

namespace oitgen::layout {

std::string thai_letter_number(int n) {
  static const char* const letters[] = {"ก", "ข", "ค", "ง", "จ", "ฉ", "ช", "ซ", "ฌ", "ญ", "ฎ", "ฏ", "ฐ", "ฑ",
                                        "ฒ", "ณ", "ด", "ต", "ถ", "ท", "ธ", "น", "บ", "ป", "ผ", "ฝ", "พ", "ฟ",
                                        "ภ", "ม", "ย", "ร", "ล", "ว", "ศ", "ษ", "ส", "ห", "ฬ", "อ", "ฮ"};
  constexpr int count = sizeof letters / sizeof letters[0];
  if (n < 1) return "";
  std::string out;
  for (--n; n >= 0; n = n / count - 1) out.insert(0, letters[n % count]);
  return out;
}

std::vector<std::string> page_labels(size_t page_count, std::vector<NumberingStart> starts) {
  std::stable_sort(starts.begin(), starts.end(),
                   [](const NumberingStart& a, const NumberingStart& b) { return a.page < b.page; });
  std::vector<std::string> labels(page_count);
  NumberingStart current;
  size_t next = 0;
  for (size_t page = 0; page < page_count; ++page) {
    while (next < starts.size() && starts[next].page <= page) current = starts[next++];
    const int n = current.start + static_cast<int>(page - current.page);
    switch (current.format) {
      case PageNumberFormat::Numbers: labels[page] = std::to_string(n); break;
      case PageNumberFormat::ThaiLetters: labels[page] = thai_letter_number(n); break;
      case PageNumberFormat::None: break;
    }
  }
  return labels;
}

std::vector<TocEntry> toc_entries(const Document& doc) {
  auto label = [&](size_t page) { return page < doc.page_labels.size() ? doc.page_labels[page] : std::string(); };
  size_t last_numbered = 0;
  for (size_t p = 0; p < doc.page_labels.size(); ++p)
    if (!doc.page_labels[p].empty()) last_numbered = p;
  std::vector<TocEntry> entries;
  const auto& outline = doc.outline;
  for (size_t i = 0; i < outline.size(); ++i) {
    const OutlineEntry& o = outline[i];
    size_t last = o.last_page.value_or(0);
    if (!o.last_page) {
      last = std::max(o.page, last_numbered);
      for (size_t j = i + 1; j < outline.size(); ++j)
        if (outline[j].level <= o.level) {
          last = outline[j].at_top && outline[j].page > o.page ? outline[j].page - 1 : outline[j].page;
          break;
        }
    }
    entries.push_back({o.title, o.level, label(o.page), label(std::max(last, o.page)), o.page, o.y});
  }
  return entries;
}

}  // namespace oitgen::layout
