// The automaton that keeps people's names whole: every occurrence of every phrase, in one pass.
#include <gtest/gtest.h>

#include "text/kept_phrases.h"

namespace oitgen {
namespace {

// "|" where a line may still start after gluing, "." where it may not (text.size() + 1 places).
std::string glued(const text::KeptPhrases& k, std::u32string_view t) {
  std::vector<bool> ok(t.size() + 1, true);
  k.glue(t, ok);
  std::string out;
  for (bool b : ok) out += b ? '|' : '.';
  return out;
}

TEST(KeptPhrases, GluesTheInsideOfEveryOccurrence) {
  const text::KeptPhrases k({"abcd", "bc", "aaa"});
  // "abcd" fails at 'e'; "bc" is still found through the failure link.
  EXPECT_EQ(glued(k, U"abce"), "||.||");
  EXPECT_EQ(glued(k, U"xabcdx"), "||...||");
  // Overlapping occurrences glue their union.
  EXPECT_EQ(glued(k, U"aaaaa"), "|....|");
  EXPECT_EQ(glued(k, U"xyz"), "||||");
  EXPECT_EQ(glued(text::KeptPhrases(), U"abcd"), "|||||");
}

TEST(KeptPhrases, APhraseInsideALongerOneAndAtTheEnds) {
  const text::KeptPhrases k({"นาย สมชาย ใจดี", "สมชาย"});
  const std::u32string t = U"นาย สมชาย ใจดี";
  const std::string all = glued(k, t);
  EXPECT_EQ(all.front(), '|');
  EXPECT_EQ(all.back(), '|');
  EXPECT_EQ(all.substr(1, t.size() - 1), std::string(t.size() - 1, '.'));
  EXPECT_EQ(glued(k, U"สมชาย"), "|....|");
}

TEST(KeptPhrases, ThaiAndArabicDigitsMatchEachOther) {
  const text::KeptPhrases k({"ครู 2"});
  EXPECT_EQ(glued(k, U"ครู ๒"), "|....|");
  const text::KeptPhrases thai({"ครู ๒"});
  EXPECT_EQ(glued(thai, U"ครู 2"), "|....|");
  EXPECT_EQ(glued(thai, U"ครู 3"), "||||||");
}

TEST(KeptPhrases, ManyPhrasesShareTheirPrefixes) {
  std::vector<std::string> names;
  for (int i = 0; i < 10000; ++i) names.push_back("นายสมชาย" + std::to_string(i) + " ใจดี");
  const text::KeptPhrases k(names);
  const std::u32string t = U"ให้ นายสมชาย1234 ใจดี เป็น";
  const std::string g = glued(k, t);
  const size_t at = t.find(U"นาย");
  const size_t end = at + std::u32string_view(U"นายสมชาย1234 ใจดี").size();
  for (size_t i = 0; i <= t.size(); ++i) EXPECT_EQ(g[i], i > at && i < end ? '.' : '|') << i;
}

}  // namespace
}  // namespace oitgen
