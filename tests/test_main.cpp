#include <gtest/gtest.h>

#include "test_support.h"

namespace oitgen::testing {

bool contains_paragraph(const std::string& extracted, const std::string& paragraph) {
  // Collapse runs of line ends / form feeds in the extraction into one marker '\n'.
  std::string text;
  for (char c : extracted) {
    const bool brk = c == '\n' || c == '\f';
    if (brk) {
      while (!text.empty() && text.back() == ' ') text.pop_back();
      if (!text.empty() && text.back() != '\n') text += '\n';
    } else {
      text += c;
    }
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
