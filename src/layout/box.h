#pragma once
// Vertical pieces of a page before pagination. Items inside use top-down coordinates relative
// to the box's top edge until the box is placed.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "layout/display_list.h"
#include "layout/layout_spec.h"

namespace oitgen::layout {

struct TableRow;

struct Box {
  double height = 0;
  std::vector<Item> items;
  bool keep_with_next = false;  // do not break the page between this box and the next
  bool discardable = false;     // vertical space: dropped at the top of a page …
  bool kept_after_break = false;  // … except at the top of a page a page break (or the
                                  // document's start) opened: a spacer the layout put there
  bool page_break = false;
  std::string outline_title;
  int outline_level = 0;
  // A page-numbering run starts on the page where this (empty) box lands.
  bool numbering = false;
  PageNumberFormat number_format = PageNumberFormat::Numbers;
  int number_start = 1;
  // A table row that may be split at a line boundary, and the header rows to repeat above
  // it when it starts a page.
  std::shared_ptr<const TableRow> row;
  std::shared_ptr<const Box> repeat_header;
  // An included document: its pages go in whole, starting on a new page; the box's outline
  // title (if any) becomes a bookmark over them with the document's own bookmarks under it.
  std::shared_ptr<const Document> included;
  // The structure node the included document's root goes under (as a Part).
  int32_t struct_parent = -1;
};

// One line of a table cell: its height and its items, relative to the line's top.
struct CellLine {
  double height = 0;
  std::vector<Item> items;
};

struct TableCell {
  double x = 0, width = 0;  // outer edges of the cell
  std::vector<CellLine> lines;
  double fill_gray = -1;     // header shading
  bool open_top = false;     // merged with the cell above: no rule, no repeated text
  bool open_bottom = false;  // merged with the cell below
  // A merged cell: the text of its span, shown again when the span goes on to a new page.
  std::vector<CellLine> span_lines;
};

struct TableRow {
  std::vector<TableCell> cells;
  double padding = 3;       // points inside every cell edge
  double rule_width = 0.5;

  double height() const;
  // Height of the smallest first piece a split could leave (its tallest first line).
  double min_split_height() const;
  Box to_box() const;
  // Splits so that the first part is at most `avail` high; nullopt when not even one line
  // of every non-empty cell fits. No line is lost or doubled.
  std::optional<std::pair<TableRow, TableRow>> split(double avail) const;
  // The row starts a page: merged cells close at the top and show their span's text again.
  void continue_spans_on_new_page();
};

}  // namespace oitgen::layout
