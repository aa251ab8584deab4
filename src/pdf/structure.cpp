#include "pdf/structure.h"

#include <algorithm>
#include <limits>
#include <tuple>

#include "util/utf.h"

namespace oitgen::pdf {

using layout::Artifact;
using layout::Role;

bool is_latin_run(const std::string& utf8) {
  bool latin = false;
  for (char32_t c : to_u32(utf8)) {
    if (c >= 0x0E00 && c <= 0x0E7F) return false;
    if ((c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z')) latin = true;
  }
  return latin;
}

bool is_neutral_run(const std::string& utf8) {
  for (char32_t c : to_u32(utf8))
    if ((c >= 0x0E00 && c <= 0x0E7F) || (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z') || c > 0x2FFF)
      return false;
  return true;
}

std::string StructElement::mc_tag() const { return type; }

namespace {

constexpr size_t kNoSeq = std::numeric_limits<size_t>::max();

struct Content {
  size_t seq, page;
  int mcid;
  int annot = -1;
};

const std::string* text_of(const layout::Item& item) {
  if (const auto* run = std::get_if<layout::GlyphRunItem>(&item)) return &run->actual_text;
  return nullptr;
}

}  // namespace

StructureTree build_structure(const layout::Document& doc) {
  std::vector<layout::StructNode> nodes = doc.structure;
  if (nodes.empty()) nodes.push_back({layout::Role::Document, -1});
  StructureTree tree;
  tree.marks.resize(doc.pages.size());
  std::vector<std::vector<int32_t>> mcid_node(doc.pages.size());  // node of each MCID, per page
  std::vector<std::vector<Content>> content(nodes.size());
  size_t seq = 0;
  for (size_t p = 0; p < doc.pages.size(); ++p) {
    const auto& items = doc.pages[p].items;
    auto& marks = tree.marks[p];
    marks.reserve(items.size());
    int32_t last_node = -1;
    int last_mcid = -1;
    std::string last_lang;
    int32_t orphan = -1;  // the P made for a stretch of untagged items
    for (const auto& item : items) {
      Mark m;
      const Artifact a = layout::artifact_of(item);
      int32_t n = layout::node_of(item);
      if (const auto* link = std::get_if<layout::LinkItem>(&item)) {
        // Not drawn: an annotation, an object kid of its node; the sequences around it go on.
        m.annot = static_cast<int>(tree.annots.size());
        tree.annots.push_back({p, link->x, link->y, link->w, link->h, link->page, link->dest_y,
                               link->contents, n});
        if (n >= 0 && static_cast<size_t>(n) < doc.structure.size())
          content[static_cast<size_t>(n)].push_back({seq++, p, -1, m.annot});
        marks.push_back(m);
        continue;
      }
      if (a != Artifact::None) {
        m.artifact = a;
        marks.push_back(m);
        last_node = -1;
        last_mcid = -1;
        orphan = -1;
        continue;
      }
      if (n < 0 || static_cast<size_t>(n) >= doc.structure.size()) {
        // Untagged content (the layout leaves none): a P of its own under the root.
        if (orphan < 0) {
          orphan = static_cast<int32_t>(nodes.size());
          nodes.push_back({layout::Role::P, 0});
          content.emplace_back();
        }
        n = orphan;
      } else {
        orphan = -1;
      }
      if (const std::string* t = text_of(item)) {
        if (is_latin_run(*t)) m.lang = "en";
        // Punctuation and digits between English words stay in the English span.
        else if (n == last_node && !last_lang.empty() && is_neutral_run(*t)) m.lang = last_lang;
      }
      if (n == last_node && m.lang == last_lang && last_mcid >= 0) {
        m.mcid = last_mcid;
      } else {
        m.mcid = static_cast<int>(mcid_node[p].size());
        mcid_node[p].push_back(n);
        content[static_cast<size_t>(n)].push_back({seq++, p, m.mcid});
      }
      last_node = n;
      last_lang = m.lang;
      last_mcid = m.mcid;
      marks.push_back(std::move(m));
    }
  }

  // What each node's subtree holds: its first marked content, whether it has any.
  const size_t count = nodes.size();
  std::vector<size_t> first(count, kNoSeq);
  for (size_t n = 0; n < count; ++n)
    if (!content[n].empty()) first[n] = content[n].front().seq;
  for (size_t n = count; n-- > 1;) {
    const int32_t parent = nodes[n].parent;
    if (parent >= 0 && static_cast<size_t>(parent) < n) first[parent] = std::min(first[parent], first[n]);
  }
  // Kept: nodes with content, and table cells (an empty cell keeps its column's place).
  std::vector<bool> keep(count, false);
  for (size_t n = 0; n < count; ++n)
    keep[n] = first[n] != kNoSeq || nodes[n].role == Role::TD || nodes[n].role == Role::TH;
  keep[0] = true;
  for (size_t n = count; n-- > 1;)
    if (keep[n] && nodes[n].parent >= 0) keep[static_cast<size_t>(nodes[n].parent)] = true;

  // A cell's or caption's one paragraph is the cell: its content goes to the TD (a table of a
  // thousand rows is not a thousand P elements more).
  std::vector<int> kept_children(count, 0);
  for (size_t n = 1; n < count; ++n)
    if (keep[n] && nodes[n].parent >= 0) ++kept_children[static_cast<size_t>(nodes[n].parent)];
  for (size_t n = 1; n < count; ++n) {
    const int32_t parent = nodes[n].parent;
    if (!keep[n] || nodes[n].role != Role::P || kept_children[n] > 0 || parent < 0) continue;
    const auto up = static_cast<size_t>(parent);
    const Role r = nodes[up].role;
    if ((r != Role::TD && r != Role::TH && r != Role::Caption) || kept_children[up] != 1 || !content[up].empty())
      continue;
    content[up] = std::move(content[n]);
    for (const auto& mc : content[up])
      if (mc.mcid >= 0) mcid_node[mc.page][static_cast<size_t>(mc.mcid)] = parent;
    keep[n] = false;
  }

  std::vector<int32_t> element_of(count, -1);
  std::vector<std::vector<size_t>> children(count);
  for (size_t n = 0; n < count; ++n) {
    if (!keep[n]) continue;
    element_of[n] = static_cast<int32_t>(tree.elements.size());
    StructElement e;
    const auto& node = nodes[n];
    e.type = layout::role_name(node.role);
    e.parent = n == 0 || node.parent < 0 ? -1 : element_of[static_cast<size_t>(node.parent)];
    e.alt = node.alt;
    e.scope = node.scope;
    e.col_span = node.col_span;
    e.row_span = node.row_span;
    if (!content[n].empty()) {
      e.has_page = true;
      e.page = content[n].front().page;
    }
    tree.elements.push_back(std::move(e));
    if (n > 0 && node.parent >= 0) children[static_cast<size_t>(node.parent)].push_back(n);
  }

  // Kids in reading order: by first marked content; a child with none (an empty cell) just
  // before the next sibling that has some.
  for (size_t n = 0; n < count; ++n) {
    if (!keep[n]) continue;
    std::vector<std::tuple<size_t, size_t, StructKid>> kids;
    size_t next = kNoSeq;
    for (size_t k = children[n].size(); k-- > 0;) {
      const size_t c = children[n][k];
      if (first[c] != kNoSeq) next = first[c];
      kids.emplace_back(first[c] != kNoSeq ? first[c] : next, c, StructKid{element_of[c]});
    }
    for (const auto& mc : content[n]) kids.emplace_back(mc.seq, 0, StructKid{-1, mc.page, mc.mcid, mc.annot});
    std::sort(kids.begin(), kids.end(), [](const auto& a, const auto& b) {
      return std::tie(std::get<0>(a), std::get<1>(a)) < std::tie(std::get<0>(b), std::get<1>(b));
    });
    auto& out = tree.elements[static_cast<size_t>(element_of[n])].kids;
    for (auto& k : kids) out.push_back(std::get<2>(k));
  }

  // Heading levels, in reading order: the first H1, none deeper than one below the one before,
  // and headings the layout gave one level the same level among themselves (H1, H3, H3 is H1,
  // H2, H2): each level as written maps to one below the nearest shallower heading open.
  std::vector<int> level_of(tree.elements.size(), 0);
  for (size_t n = 0; n < count; ++n)
    if (keep[n] && nodes[n].role == Role::H) level_of[static_cast<size_t>(element_of[n])] = std::max(1, nodes[n].level);
  std::vector<std::pair<int, int>> open;  // (level as written, level resolved)
  std::vector<int32_t> stack{0};
  while (!stack.empty()) {
    const int32_t e = stack.back();
    stack.pop_back();
    auto& el = tree.elements[static_cast<size_t>(e)];
    if (const int written = level_of[static_cast<size_t>(e)]; written > 0) {
      while (!open.empty() && open.back().first >= written) open.pop_back();
      const int level = std::min(6, open.empty() ? 1 : open.back().second + 1);
      el.type = "H" + std::to_string(level);
      open.emplace_back(written, level);
    }
    for (auto it = el.kids.rbegin(); it != el.kids.rend(); ++it)
      if (it->element >= 0) stack.push_back(it->element);
  }

  for (auto& a : tree.annots) a.element = a.element >= 0 && static_cast<size_t>(a.element) < count ? element_of[static_cast<size_t>(a.element)] : -1;
  tree.parent_tree.resize(doc.pages.size());
  for (size_t p = 0; p < doc.pages.size(); ++p)
    for (int32_t n : mcid_node[p]) tree.parent_tree[p].push_back(element_of[static_cast<size_t>(n)]);
  return tree;
}

}  // namespace oitgen::pdf
