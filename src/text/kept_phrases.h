#pragma once
// Phrases a line must not break inside (the data's people's names), found in a paragraph in
// one pass whatever their number: an Aho–Corasick automaton built once per document. Scanning
// each paragraph for each of 100,000 names one by one was what made a large [[people]] slow.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace oitgen::text {

class KeptPhrases {
 public:
  KeptPhrases() = default;
  // `phrases` in UTF-8 (sorted as bytes, which is code point order and much faster to compare).
  explicit KeptPhrases(std::vector<std::string> phrases);
  // Thai and Arabic digits are one and the same here, so one automaton serves a layout with
  // either (a name may hold a number: "ว่าที่ ร.ต.", "ครูผู้ช่วย 2").
  static char32_t fold(char32_t c) { return c >= 0x0E50 && c <= 0x0E59 ? c - 0x0E50 + U'0' : c; }
  bool empty() const { return terminal_length_.size() <= 1; }

  // Clears ok[i] for every i strictly inside an occurrence of a phrase in `text` (ok has
  // text.size() + 1 entries). Linear in the text.
  void glue(std::u32string_view text, std::vector<bool>& ok) const;

 private:
  static constexpr uint32_t kRoot = 0;
  // The state reached from `state` by `c`, or kNone.
  static constexpr uint32_t kNone = UINT32_MAX;
  uint32_t next(uint32_t state, char32_t c) const;

  // The trie: the edges of state s are edge_char_/edge_to_[edges_begin_[s] … edges_begin_[s + 1]),
  // sorted by character.
  std::vector<uint32_t> edges_begin_;
  std::vector<char32_t> edge_char_;
  std::vector<uint32_t> edge_to_;
  std::vector<uint32_t> fail_;             // the longest proper suffix that is also a state
  std::vector<uint32_t> terminal_length_;  // length of the longest phrase ending at the state; 0 none
};

}  // namespace oitgen::text
