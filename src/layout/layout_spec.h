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
  SourceLocation where;                            // the [fonts.x] table
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
  double max_stretch = 0;  // em per gap a justified line may grow by; 0 = the alignment's default
  int heading = 0;  // a paragraph in this style is a heading of this level (1 = top); 0: not one
};

// How a run of pages is numbered: from the page a `page-numbering` block lands on.
enum class PageNumberFormat { Numbers, ThaiLetters, None };

struct BlockKind;

// What a block kind reads from the layout beyond the common keys (see layout/blocks/).
struct BlockParams {
  virtual ~BlockParams() = default;
};

// One [[blocks]] entry: the keys every kind has, and the kind's own parameters.
struct BlockSpec {
  std::string type;
  const BlockKind* kind = nullptr;
  SourceLocation where;
  std::string style;
  std::string name;                 // lets another layout include only this block
  Template each, when;
  double space_before = -1, space_after = -1;  // points; < 0 = the style's
  bool keep_with_next = false;
  std::string outline;              // bookmark level ("1", "2") or ""
  std::vector<BlockSpec> blocks;    // nested blocks (section)
  std::shared_ptr<const BlockParams> params;
};

struct PageNumberSpec {
  bool enabled = false;
  Template text;
  int from = 2;          // first page that shows its number
  double top = 0;        // points from the top edge to the number's baseline
  std::string style;
  text::Align align = text::Align::Center;
};

struct LayoutSpec {
  std::string path;
  std::vector<std::string> requires_data;  // top-level data keys the document itself needs
  Template title, author, subject;
  // [document] date: the data path of the document's own date (its metadata's creation date;
  // never the clock), and where the layout says so.
  std::pair<std::string, SourceLocation> date_path;
  double page_width = 595.276, page_height = 841.89;
  double margin_top = 0, margin_bottom = 0, margin_left = 0, margin_right = 0;
  bool thai_digits = true;
  int amount_decimals = -1;  // [page] amount_decimals: -1 "auto", 0 or 2
  PageNumberSpec page_number;
  std::map<std::string, FontFamilySpec> fonts;
  std::map<std::string, StyleSpec> styles;
  std::vector<BlockSpec> blocks;

  const StyleSpec* style(const std::string& name) const;
  // The top-level block named `name` (see BlockSpec::name), or nullptr.
  const BlockSpec* named_block(const std::string& name) const;
};

// Reads and checks a layout; errors carry file:line:col of the offending value.
std::shared_ptr<const LayoutSpec> load_layout(const std::filesystem::path& path, Diagnostics& diags);
// The same for a layout's text already in memory; `path` names it in messages.
std::shared_ptr<const LayoutSpec> parse_layout(std::string_view text, const std::filesystem::path& path,
                                               Diagnostics& diags);

}  // namespace oitgen::layout
