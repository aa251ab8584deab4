#include "text/kept_phrases.h"

#include <algorithm>
#include <tuple>

namespace oitgen::text {

KeptPhrases::KeptPhrases(std::vector<std::u32string> phrases) {
  std::sort(phrases.begin(), phrases.end());
  phrases.erase(std::unique(phrases.begin(), phrases.end()), phrases.end());
  // The trie, from the sorted phrases: each one shares with the one before it the states of
  // their common prefix and adds the rest. Edges are gathered first and grouped by state after.
  struct Edge {
    uint32_t from;
    char32_t c;
    uint32_t to;
  };
  std::vector<Edge> edges;
  std::vector<uint32_t> depth{0}, terminal{0};
  std::vector<uint32_t> path{kRoot};  // states along the phrase before; path[d] at depth d
  const std::u32string* before = nullptr;
  for (const auto& p : phrases) {
    if (p.empty()) continue;
    size_t common = 0;
    if (before)
      while (common < p.size() && common < before->size() && p[common] == (*before)[common]) ++common;
    path.resize(common + 1);
    for (size_t d = common; d < p.size(); ++d) {
      const auto state = static_cast<uint32_t>(depth.size());
      depth.push_back(static_cast<uint32_t>(d + 1));
      terminal.push_back(0);
      edges.push_back({path.back(), p[d], state});
      path.push_back(state);
    }
    terminal[path.back()] = static_cast<uint32_t>(p.size());
    before = &p;
  }
  const size_t states = depth.size();
  // Sorted phrases add a state's edges in character order; a stable grouping by state keeps it.
  std::stable_sort(edges.begin(), edges.end(), [](const Edge& a, const Edge& b) { return a.from < b.from; });
  edges_begin_.assign(states + 1, 0);
  for (const auto& e : edges) ++edges_begin_[e.from + 1];
  for (size_t s = 0; s < states; ++s) edges_begin_[s + 1] += edges_begin_[s];
  edge_char_.reserve(edges.size());
  edge_to_.reserve(edges.size());
  for (const auto& e : edges) {
    edge_char_.push_back(e.c);
    edge_to_.push_back(e.to);
  }
  edges.clear();
  edges.shrink_to_fit();

  // Failure links breadth first: a state's link is found from its parent's.
  fail_.assign(states, kRoot);
  terminal_length_ = std::move(terminal);
  std::vector<uint32_t> queue{kRoot};
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
    while ((to = next(state, text[i])) == kNone && state != kRoot) state = fail_[state];
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
