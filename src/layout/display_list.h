#pragma once
// What the layout stage hands to the PDF stage: pages of positioned glyph runs, rules, boxes
// and images, in PDF coordinates (points, origin bottom-left). Nothing here knows about PDF.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "data/image.h"
#include "data/node.h"
#include "text/paragraph.h"

namespace oitgen::layout {

// ---- the document's logical structure (the PDF's structure tree; see DESIGN "Tagged PDF")

// What a node is, in the standard structure types of ISO 32000-1, 14.8.4. A heading is `H`
// with its level on the node; the PDF stage resolves the level over the whole document.
enum class Role : uint8_t {
  Document, Part, Sect, Div, P, H, L, LI, Lbl, LBody,
  Table, THead, TBody, TR, TH, TD, Figure, Caption, TOC, TOCI, Reference, Link,
};
const char* role_name(Role role);

enum class HeaderScope : uint8_t { None, Column, Row };

// One node of the tree. Nodes live in Document::structure, parents before children; a node's
// children are the nodes naming it as parent, in the order they were made (reading order).
struct StructNode {
  Role role = Role::P;
  int32_t parent = -1;  // -1 only for the root
  int level = 0;        // H: the outline level (1 = top), before the PDF stage resolves it
  std::string alt;      // Figure: the alternative text; Lbl of a check box: what the box says
  HeaderScope scope = HeaderScope::None;  // TH
  int col_span = 1, row_span = 1;  // TD, TH
  // For the engine while it lays out: the last child made, and an L's label indent (points),
  // so that the next labelled paragraph finds the list it continues.
  int32_t last_child = -1;
  double indent = 0;
};

// Content that is not part of the document's logical content (ISO 32000-1, 14.8.2.2):
// `Layout` (rules, grid, shading, leader dots), `Pagination` (what a page break repeats: a
// table's header, a merged cell's text), `Header`/`Footer` (page numbers).
enum class Artifact : uint8_t { None, Layout, Pagination, Header, Footer };

struct GlyphRunItem {
  const text::Font* font = nullptr;
  double size = 0;
  double x = 0, y = 0;                    // baseline origin of the run
  std::vector<text::PlacedGlyph> glyphs;  // x relative to the run origin
  std::string actual_text;                // UTF-8 source text of the run
  // The data value the run prints: an index into Document::sources, -1 for the layout's own
  // text. The PDF does not show it; the editor's preview maps clicks with it.
  int32_t source = -1;
  // The structure node the run belongs to (an index into Document::structure), or -1 with an
  // artifact kind; the layout gives every run one or the other.
  int32_t node = -1;
  Artifact artifact = Artifact::None;
};

// Rules and boxes are artifacts unless a block says they mean something (a check box, a
// chart's bars): then `artifact` is None and `node` is set.
struct RuleItem {
  double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  double width = 0.5;
  int32_t node = -1;
  Artifact artifact = Artifact::Layout;
};

struct RectItem {
  double x = 0, y = 0, w = 0, h = 0;
  double fill_gray = -1;    // 0..1, or < 0 for no fill
  double stroke_width = 0;  // 0 = no stroke
  int32_t node = -1;
  Artifact artifact = Artifact::Layout;
};

struct ImageItem {
  std::shared_ptr<const data::Image> image;
  double x = 0, y = 0, w = 0, h = 0;  // the upright box the image fills
  int32_t source = -1;                // the `src` value, as GlyphRunItem::source
  int32_t node = -1;
  Artifact artifact = Artifact::None;
};

// A link: a click in the box goes to page `page` (an index of the document's pages) at height
// `dest_y`. Not drawn; the PDF makes it an annotation, tagged as its node's (a Link) object.
struct LinkItem {
  double x = 0, y = 0, w = 0, h = 0;
  size_t page = 0;
  double dest_y = 0;
  std::string contents;  // what the link leads to, said in words (the annotation's /Contents)
  int32_t node = -1;
  Artifact artifact = Artifact::None;
};

using Item = std::variant<GlyphRunItem, RuleItem, RectItem, ImageItem, LinkItem>;

// The item moved vertically by `dy`, in whichever coordinates it is in.
inline Item shifted(Item item, double dy) {
  std::visit(
      [&](auto& v) {
        if constexpr (std::is_same_v<std::decay_t<decltype(v)>, RuleItem>) {
          v.y1 += dy;
          v.y2 += dy;
        } else {
          v.y += dy;
        }
      },
      item);
  return item;
}

// The item's structure node and artifact kind, whichever kind of item it is.
inline int32_t& node_of(Item& item) {
  return std::visit([](auto& v) -> int32_t& { return v.node; }, item);
}
inline int32_t node_of(const Item& item) {
  return std::visit([](const auto& v) { return v.node; }, item);
}
inline Artifact& artifact_of(Item& item) {
  return std::visit([](auto& v) -> Artifact& { return v.artifact; }, item);
}
inline Artifact artifact_of(const Item& item) {
  return std::visit([](const auto& v) { return v.artifact; }, item);
}
// Gives `node` to every item that has neither a node nor an artifact kind.
inline void tag_untagged(std::vector<Item>& items, int32_t node) {
  for (auto& item : items)
    if (node_of(item) < 0 && artifact_of(item) == Artifact::None) node_of(item) = node;
}
// The item as an artifact of kind `a` (a copy a page break repeats).
inline Item as_artifact(Item item, Artifact a) {
  node_of(item) = -1;
  artifact_of(item) = a;
  return item;
}

struct Page {
  double width = 595.276, height = 841.89;  // A4
  std::vector<Item> items;
};

struct OutlineEntry {
  std::string title;
  int level = 0;
  size_t page = 0;
  double y = 0;
  bool at_top = false;  // the heading is the first thing on its page
  // The last page of the part the entry opens, where it is known (an included document);
  // otherwise the contents work it out from the entries that follow.
  std::optional<size_t> last_page;
};

struct Document {
  std::string title, author, subject, keywords;
  std::optional<data::Date> date;  // the document's own date, from the data ([document] date)
  std::vector<Page> pages;
  std::vector<OutlineEntry> outline;
  std::vector<std::string> page_labels;  // printed number of each page (in the layout's digits), "" if none
  // Where in the data the values printed on the pages are (each once), for items' `source`.
  std::vector<SourceLocation> sources;
  // The logical structure; structure[0] is the root (Document) when the layout made any.
  std::vector<StructNode> structure;
};

}  // namespace oitgen::layout
