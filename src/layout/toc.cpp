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
  std::vector<TocEntry> entries;
  for (const auto& o : doc.outline)
    entries.push_back({o.title, o.level, o.page < doc.page_labels.size() ? doc.page_labels[o.page] : ""});
  return entries;
}

}  // namespace oitgen::layout
