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

struct GlyphRunItem {
  const text::Font* font = nullptr;
  double size = 0;
  double x = 0, y = 0;                    // baseline origin of the run
  std::vector<text::PlacedGlyph> glyphs;  // x relative to the run origin
  std::string actual_text;                // UTF-8 source text of the run
  // The data value the run prints: an index into Document::sources, -1 for the layout's own
  // text. The PDF does not show it; the editor's preview maps clicks with it.
  int32_t source = -1;
};

struct RuleItem {
  double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  double width = 0.5;
};

struct RectItem {
  double x = 0, y = 0, w = 0, h = 0;
  double fill_gray = -1;    // 0..1, or < 0 for no fill
  double stroke_width = 0;  // 0 = no stroke
};

struct ImageItem {
  std::shared_ptr<const data::Image> image;
  double x = 0, y = 0, w = 0, h = 0;  // the upright box the image fills
  int32_t source = -1;                // the `src` value, as GlyphRunItem::source
};

using Item = std::variant<GlyphRunItem, RuleItem, RectItem, ImageItem>;

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
};

}  // namespace oitgen::layout
