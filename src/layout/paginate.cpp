#include "layout/paginate.h"

#include <type_traits>
#include <variant>

namespace oitgen::layout {
namespace {

// Box coordinates (top-down, relative to the box top) to PDF coordinates on the page.
Item flipped(const Item& item, double top, double page_height) {
  return std::visit(
      [&](auto v) -> Item {
        using T = decltype(v);
        if constexpr (std::is_same_v<T, GlyphRunItem>) {
          v.y = page_height - (top + v.y);
        } else if constexpr (std::is_same_v<T, RuleItem>) {
          v.y1 = page_height - (top + v.y1);
          v.y2 = page_height - (top + v.y2);
        } else {
          v.y = page_height - (top + v.y + v.h);
        }
        return v;
      },
      item);
}

// An included document's item, its sources, structure nodes and link targets after the
// including one's.
void with_offsets(Item& item, int32_t source_offset, int32_t node_offset, size_t page_offset) {
  std::visit(
      [&](auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, GlyphRunItem> || std::is_same_v<T, ImageItem>)
          if (v.source >= 0) v.source += source_offset;
        if constexpr (std::is_same_v<T, LinkItem>) v.page += page_offset;
        if (v.node >= 0) v.node += node_offset;
      },
      item);
}

}  // namespace

std::vector<NumberingStart> paginate(const std::vector<Box>& boxes, const LayoutSpec& spec, Document& doc) {
  std::vector<NumberingStart> numbering;
  const double top = spec.margin_top;
  const double bottom = spec.page_height - spec.margin_bottom;
  double cursor = top;
  auto new_page = [&] {
    Page p;
    p.width = spec.page_width;
    p.height = spec.page_height;
    doc.pages.push_back(std::move(p));
    cursor = top;
  };
  // `repeat`: the box is a copy a page break repeats (a table's header), an artifact.
  auto place = [&](const Box& box, bool repeat = false) {
    for (const auto& item : box.items)
      doc.pages.back().items.push_back(repeat ? as_artifact(flipped(item, cursor, spec.page_height), Artifact::Pagination)
                                              : flipped(item, cursor, spec.page_height));
    if (!box.outline_title.empty())
      doc.outline.push_back({box.outline_title, box.outline_level, doc.pages.size() - 1,
                             spec.page_height - cursor, cursor <= top + 1e-6, std::nullopt});
    cursor += box.height;
  };
  // A table row at the top of a page gets its table's header first.
  auto start_row_page = [&](const Box& box) {
    new_page();
    if (box.repeat_header) place(*box.repeat_header, true);
  };
  // A short row moves whole rather than leave a line or two behind.
  const double short_row = (bottom - top) / 4;
  // Smallest height of a box as the tail of a keep-together chain: long rows can split.
  auto min_height = [&](const Box& b) {
    if (!b.row) return b.height;
    return b.row->height() < short_row ? b.row->height() : b.row->min_split_height();
  };

  // An included document's pages, whole, from a new page; what follows starts on another.
  auto include = [&](const Box& box) {
    if (cursor > top) new_page();
    const size_t first = doc.pages.size() - 1;
    doc.pages.pop_back();
    const Document& sub = *box.included;
    const int below = box.outline_title.empty() ? 0 : box.outline_level;
    if (!box.outline_title.empty() && !sub.pages.empty())
      doc.outline.push_back({box.outline_title, box.outline_level, first, spec.page_height - top, true,
                             first + sub.pages.size() - 1});
    for (const auto& o : sub.outline) {
      OutlineEntry entry = o;
      entry.level += below;
      entry.page += first;
      if (entry.last_page) *entry.last_page += first;
      doc.outline.push_back(std::move(entry));
    }
    // The included document's sources go after this one's; its items' indices move with them.
    const auto offset = static_cast<int32_t>(doc.sources.size());
    doc.sources.insert(doc.sources.end(), sub.sources.begin(), sub.sources.end());
    // Its structure goes under the include's node, its root a Part.
    const auto node_offset = static_cast<int32_t>(doc.structure.size());
    for (size_t k = 0; k < sub.structure.size(); ++k) {
      StructNode n = sub.structure[k];
      if (n.parent >= 0) {
        n.parent += node_offset;
      } else {
        n.role = Role::Part;
        n.parent = box.struct_parent;
      }
      if (n.role == Role::H) n.level += below;
      n.last_child = -1;
      doc.structure.push_back(std::move(n));
    }
    for (const Page& page : sub.pages) {
      doc.pages.push_back(page);
      for (Item& item : doc.pages.back().items) with_offsets(item, offset, node_offset, first);
    }
    new_page();
  };

  new_page();
  bool opened_by_break = true;  // the current page was started by a page break (or is the first)
  for (size_t i = 0; i < boxes.size(); ++i) {
    const Box& box = boxes[i];
    if (box.included) {
      include(box);
      opened_by_break = true;
      continue;
    }
    if (box.page_break) {
      if (cursor > top) new_page();
      opened_by_break = true;
      continue;
    }
    if (box.discardable && cursor <= top && !(box.kept_after_break && opened_by_break)) continue;
    if (!box.numbering) opened_by_break = false;
    if (box.numbering) {
      // Applies to this page if nothing is on it yet, else from the next one.
      numbering.push_back({doc.pages.size() - (cursor <= top ? 1 : 0), box.number_format, box.number_start});
      continue;
    }
    double chain = box.row ? min_height(box) : box.height;
    for (size_t j = i; j + 1 < boxes.size() && boxes[j].keep_with_next && !boxes[j + 1].page_break; ++j) {
      chain += min_height(boxes[j + 1]);
      if (boxes[j + 1].row) break;
    }
    const bool chain_fits_a_page = chain <= bottom - top;
    if (cursor > top && chain_fits_a_page && cursor + chain > bottom + 1e-6) {
      if (box.row) start_row_page(box);
      else new_page();
      if (box.discardable) continue;
    }
    if (!box.row) {
      if (cursor > top && cursor + box.height > bottom + 1e-6) {
        new_page();
        if (box.discardable) continue;
      }
      place(box);
      continue;
    }
    // A table row: split at line boundaries over as many pages as it needs.
    TableRow row = *box.row;
    const double header_h = box.repeat_header ? box.repeat_header->height : 0;
    if (cursor > top + header_h + 1e-6 && cursor + row.height() > bottom + 1e-6 && row.height() < short_row)
      start_row_page(box);
    if (cursor <= top + header_h + 1e-6) row.continue_spans_on_new_page();
    while (true) {
      if (cursor + row.height() <= bottom + 1e-6) {
        Box part = row.to_box();
        part.outline_title = box.outline_title;
        place(part);
        break;
      }
      auto parts = row.split(bottom - cursor);
      if (!parts) {
        if (cursor <= top + header_h + 1e-6) {
          place(row.to_box());  // a single line taller than a page: let it overflow
          break;
        }
        start_row_page(box);
        row.continue_spans_on_new_page();
        continue;
      }
      place(parts->first.to_box());
      row = std::move(parts->second);
      start_row_page(box);
      row.continue_spans_on_new_page();
    }
  }
  // An include at the end leaves a fresh page nothing was placed on.
  if (doc.pages.size() > 1 && cursor <= top && doc.pages.back().items.empty()) doc.pages.pop_back();
  return numbering;
}

}  // namespace oitgen::layout
