#include "text/kept_phrases.h"

#include <algorithm>

#include "util/utf.h"

namespace oitgen::text {

namespace {

// `s` with Thai digits (U+0E50…U+0E59, E0 B9 90…99 in UTF-8) as Arabic ones, as fold() does.
void fold_digits(std::string& s) {
  size_t out = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (i + 2 < s.size() && s[i] == '\xE0' && s[i + 1] == '\xB9' && static_cast<unsigned char>(s[i + 2]) >= 0x90 &&
        static_cast<unsigned char>(s[i + 2]) <= 0x99) {
      s[out++] = static_cast<char>('0' + (static_cast<unsigned char>(s[i + 2]) - 0x90));
      i += 2;
    } else {
      s[out++] = s[i];
    }
  }
  s.resize(out);
}

}  // namespace

KeptPhrases::KeptPhrases(std::vector<std::string> utf8) {
  for (auto& p : utf8) fold_digits(p);
  std::sort(utf8.begin(), utf8.end());
  utf8.erase(std::unique(utf8.begin(), utf8.end()), utf8.end());
  // The trie, from the sorted phrases: each one shares with the one before it the states of
  // their common prefix and adds the rest. Edges are gathered first, then grouped by state.
  struct Edge {
    uint32_t from;
    char32_t c;
    uint32_t to;
  };
  size_t chars = 0;
  for (const auto& p : utf8) chars += p.size();  // bytes: at least the characters
  std::vector<Edge> edges;
  edges.reserve(chars);
  std::vector<uint32_t> terminal{0};
  terminal.reserve(chars + 1);
  std::vector<uint32_t> path{kRoot};  // states along the phrase before; path[d] at depth d
  std::u32string p, before;
  for (const auto& bytes : utf8) {
    p.clear();
    for (size_t at = 0; at < bytes.size();) p += decode_utf8(bytes, at);
    if (p.empty()) continue;
    size_t common = 0;
    while (common < p.size() && common < before.size() && p[common] == before[common]) ++common;
    path.resize(common + 1);
    for (size_t d = common; d < p.size(); ++d) {
      const auto state = static_cast<uint32_t>(terminal.size());
      terminal.push_back(0);
      edges.push_back({path.back(), p[d], state});
      path.push_back(state);
    }
    terminal[path.back()] = static_cast<uint32_t>(p.size());
    std::swap(before, p);
  }
  utf8.clear();
  utf8.shrink_to_fit();
  const size_t states = terminal.size();
  // Grouped by a counting sort, which keeps each state's edges in the character order the
  // sorted phrases added them in.
  edges_begin_.assign(states + 1, 0);
  for (const auto& e : edges) ++edges_begin_[e.from + 1];
  for (size_t s = 0; s < states; ++s) edges_begin_[s + 1] += edges_begin_[s];
  edge_char_.resize(edges.size());
  edge_to_.resize(edges.size());
  {
    std::vector<uint32_t> cursor(edges_begin_.begin(), edges_begin_.end() - 1);
    for (const auto& e : edges) {
      const uint32_t at = cursor[e.from]++;
      edge_char_[at] = e.c;
      edge_to_[at] = e.to;
    }
  }
  edges.clear();
  edges.shrink_to_fit();

  // Failure links breadth first: a state's link is found from its parent's.
  fail_.assign(states, kRoot);
  terminal_length_ = std::move(terminal);
  std::vector<uint32_t> queue{kRoot};
  queue.reserve(states);
  for (size_t head = 0; head < queue.size(); ++head) {
    const uint32_t u = queue[head];
    for (uint32_t k = edges_begin_[u]; k < edges_begin_[u + 1]; ++k) {
      const uint32_t v = edge_to_[k];
      const char32_t c = edge_char_[k];
      uint32_t link = kRoot;
      if (u != kRoot) {
        uint32_t f = fail_[u];
        while (true) {
          if (const uint32_t to = next(f, c); to != kNone) {
            link = to;
            break;
          }
          if (f == kRoot) break;
          f = fail_[f];
        }
      }
      fail_[v] = link;
      if (terminal_length_[v] == 0) terminal_length_[v] = terminal_length_[link];
      queue.push_back(v);
    }
  }
}

uint32_t KeptPhrases::next(uint32_t state, char32_t c) const {
  const auto first = edge_char_.begin() + edges_begin_[state];
  const auto last = edge_char_.begin() + edges_begin_[state + 1];
  const auto it = std::lower_bound(first, last, c);
  return it != last && *it == c ? edge_to_[static_cast<size_t>(it - edge_char_.begin())] : kNone;
}

void KeptPhrases::glue(std::u32string_view text, std::vector<bool>& ok) const {
  if (empty()) return;
  // Of the phrases ending at one place the longest covers the others: one interval per end,
  // applied together through running counts.
  std::vector<int> cover(text.size() + 2, 0);
  bool any = false;
  uint32_t state = kRoot;
  for (size_t i = 0; i < text.size(); ++i) {
    uint32_t to;
    const char32_t c = fold(text[i]);
    while ((to = next(state, c)) == kNone && state != kRoot) state = fail_[state];
    state = to == kNone ? kRoot : to;
    if (const uint32_t length = terminal_length_[state]) {
      const size_t end = i + 1, begin = end - length;
      ++cover[begin + 1];
      --cover[end];
      any = true;
    }
  }
  if (!any) return;
  int inside = 0;
  for (size_t i = 0; i < ok.size() && i < cover.size(); ++i) {
    inside += cover[i];
    if (inside > 0) ok[i] = false;
  }
}

}  // namespace oitgen::text
