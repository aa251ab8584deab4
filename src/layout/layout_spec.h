#pragma once
// A layout file (layouts/<kind>.toml): page set-up, fonts, styles and the blocks of a document,
// bound to the data by templates such as "ประกาศ{office.name}".
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "text/paragraph.h"
#include "util/diagnostics.h"

namespace oitgen::layout {

constexpr double kPointsPerCm = 72.0 / 2.54;

struct Template {
  std::string text;
  SourceLocation where;
  bool empty() const { return text.empty(); }
};

struct FontFamilySpec {
  std::string regular, bold, italic, bold_italic;  // paths relative to the resource root
  double scale = 1.0;  // printed size = layout size × scale (Laksaman: 0.6648 ≙ TH SarabunPSK)
};

struct StyleSpec {
  std::string family;
  bool bold = false, italic = false;
  double size = 16;          // official points
  double line_height = 1.2;  // × size
  text::Align align = text::Align::Left;
  double first_indent = 0;   // points, first line (after any label)
  double left = 0, right = 0;  // points, block indents from the margins
  double label_width = 0;    // points: a labelled paragraph's text starts this far right of its label start
  double space_before = 0, space_after = 0;  // points
  bool keep_with_next = false;
};

struct BlockSpec;

// A table column: its header, its width (fixed, or a share of what fixed columns leave), and
// what its cells hold: one text, or blocks laid out in the cell.
struct ColumnSpec {
  SourceLocation where;
  Template header;
  double width = 0;  // points; 0 = proportional
  double share = 1;  // proportional weight ("2*" = 2)
  std::string style, align;
  Template text;
  bool merge = false;  // equal consecutive cells merge into one (rowspan)
  std::vector<BlockSpec> blocks;
};

// How a run of pages is numbered: from the page a `page-numbering` block lands on.
enum class PageNumberFormat { Numbers, ThaiLetters, None };

struct BlockSpec {
  std::string type;  // text, image, photos, rule, spacer, page-break, page-numbering, section,
                     // signature, table, toc
  SourceLocation where;
  std::string style;
  Template text, label, each, src, when;
  std::vector<Template> lines;  // signature
  double height = 0, width = 0;  // points
  double room = 0;               // signature: room to sign, points
  double center = 0.6;           // signature: centre of the lines, fraction of the text width
  std::string align = "center";
  double space_before = -1, space_after = -1;  // points; < 0 = the style's
  bool keep_with_next = false;
  std::string outline;           // bookmark level name ("1", "2") or ""
  std::vector<BlockSpec> blocks;  // section children
  Template check;                // text: a check box before the text, ticked when this path holds
  // toc: outline entries up to `levels`, indented per level, numbers in a right column
  int levels = 2;
  double indent = 0.75 * kPointsPerCm, number_width = 1.5 * kPointsPerCm;
  // photos: a grid, `per_row` across, each photo at most `height` high, with a caption
  int per_row = 2;
  double gap = 0.4 * kPointsPerCm;
  Template caption;
  std::string caption_style;
  // page-numbering
  PageNumberFormat format = PageNumberFormat::Numbers;
  int start = 1;
  // table
  std::vector<ColumnSpec> columns;
  Template group;             // a full-width group row whenever its text changes
  std::string header_style = "table-header", group_style = "table-group";
  double header_fill = 0.85;  // gray level of header shading (1 = none)
  double padding = 0.1 * kPointsPerCm;
};

struct PageNumberSpec {
  bool enabled = false;
  Template text;
  int from = 2;          // first page that shows its number
  double top = 0;        // points from the top edge to the number's baseline
  std::string style;
};

struct LayoutSpec {
  std::string path;
  std::string requires_data;  // top-level data key the document needs
  Template title, author, subject;
  double page_width = 595.276, page_height = 841.89;
  double margin_top = 0, margin_bottom = 0, margin_left = 0, margin_right = 0;
  bool thai_digits = true;
  PageNumberSpec page_number;
  std::map<std::string, FontFamilySpec> fonts;
  std::map<std::string, StyleSpec> styles;
  std::vector<BlockSpec> blocks;

  const StyleSpec* style(const std::string& name) const;
};

// Reads and checks a layout; errors carry file:line:col of the offending value.
std::shared_ptr<const LayoutSpec> load_layout(const std::filesystem::path& path, Diagnostics& diags);

}  // namespace oitgen::layout
