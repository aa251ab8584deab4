#include "layout/box.h"

#include <algorithm>

namespace oitgen::layout {
namespace {

double cell_content_height(const TableCell& c) {
  double h = 0;
  for (const auto& l : c.lines) h += l.height;
  return h;
}

}  // namespace

double TableRow::height() const {
  double h = 0;
  for (const auto& c : cells) h = std::max(h, cell_content_height(c));
  return h + 2 * padding;
}

double TableRow::min_split_height() const {
  double h = 0;
  for (const auto& c : cells)
    if (!c.lines.empty()) h = std::max(h, c.lines.front().height);
  return h + 2 * padding;
}

Box TableRow::to_box() const {
  Box box;
  box.height = height();
  for (const auto& c : cells)
    if (c.fill_gray >= 0) box.items.push_back(RectItem{c.x, 0, c.width, box.height, c.fill_gray, 0});
  for (const auto& c : cells) {
    double y = padding;
    for (const auto& line : c.lines) {
      for (const auto& item : line.items) box.items.push_back(shifted(item, y));
      y += line.height;
    }
  }
  // The grid after the row's text: one artifact sequence, not one between every two cells.
  for (const auto& c : cells) {
    const double x0 = c.x, x1 = c.x + c.width;
    box.items.push_back(RuleItem{x0, 0, x0, box.height, rule_width});
    box.items.push_back(RuleItem{x1, 0, x1, box.height, rule_width});
    if (!c.open_top) box.items.push_back(RuleItem{x0, 0, x1, 0, rule_width});
    if (!c.open_bottom) box.items.push_back(RuleItem{x0, box.height, x1, box.height, rule_width});
  }
  return box;
}

std::optional<std::pair<TableRow, TableRow>> TableRow::split(double avail) const {
  const double room = avail - 2 * padding;
  TableRow first = *this, rest = *this;
  bool any_first = false, any_rest = false;
  for (size_t i = 0; i < cells.size(); ++i) {
    const auto& lines = cells[i].lines;
    size_t k = 0;
    double used = 0;
    while (k < lines.size() && used + lines[k].height <= room + 1e-6) used += lines[k++].height;
    first.cells[i].lines.assign(lines.begin(), lines.begin() + static_cast<long>(k));
    rest.cells[i].lines.assign(lines.begin() + static_cast<long>(k), lines.end());
    any_first |= k > 0;
    any_rest |= k < lines.size();
    // The row continues: the cut is drawn as the bottom of one part and the top of the next.
    first.cells[i].open_bottom = false;
    rest.cells[i].open_top = false;
  }
  if (!any_first || !any_rest) return std::nullopt;
  return std::make_pair(std::move(first), std::move(rest));
}

void TableRow::continue_spans_on_new_page() {
  for (auto& c : cells)
    if (c.open_top) {
      c.open_top = false;
      if (c.lines.empty()) {
        // The span's text again, for the reader of this page: said once in the structure.
        c.lines = c.span_lines;
        for (auto& line : c.lines)
          for (auto& item : line.items) item = as_artifact(std::move(item), Artifact::Pagination);
      }
    }
}

}  // namespace oitgen::layout
