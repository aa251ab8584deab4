#include <gtest/gtest.h>

#include "test_support.h"

namespace oitgen::testing {

bool contains_paragraph(const std::string& extracted, const std::string& paragraph) {
  // Page furniture is not part of any paragraph: drop page-number lines ("- ๒ -"). Then collapse
  // runs of line ends / form feeds into one marker '\n'.
  std::string text;
  size_t pos = 0;
  while (pos <= extracted.size()) {
    size_t end = extracted.find_first_of("\n\f", pos);
    if (end == std::string::npos) end = extracted.size();
    const std::string line = extracted.substr(pos, end - pos);
    const bool page_number = line.size() >= 5 && line.rfind("- ", 0) == 0 &&
                             line.compare(line.size() - 2, 2, " -") == 0 &&
                             line.find_first_not_of("- 0123456789\xe0\xb9\x90\x91\x92\x93\x94\x95\x96\x97\x98\x99") == std::string::npos;
    if (!page_number) {
      text += line;
      while (!text.empty() && text.back() == ' ') text.pop_back();
    }
    if (!text.empty() && text.back() != '\n') text += '\n';
    pos = end + 1;
  }
  const std::string& p = paragraph;
  // Try every start; match p against text where '\n' in text may stand for one space of p or
  // for nothing.
  for (size_t start = 0; start < text.size(); ++start) {
    size_t i = start, j = 0;
    while (j < p.size() && i < text.size()) {
      if (text[i] == p[j]) {
        ++i;
        ++j;
      } else if (text[i] == '\n') {
        ++i;
        if (p[j] == ' ') ++j;
      } else {
        break;
      }
    }
    if (j == p.size()) return true;
  }
  return false;
}

}  // namespace oitgen::testing

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
