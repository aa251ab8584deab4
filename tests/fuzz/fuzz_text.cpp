// libFuzzer target: the text stage and the PDF writer. Any bytes, taken as UTF-8 (invalid
// sequences become U+FFFD), set as a justified Thai paragraph (also a bookmark) and in a narrow
// table cell, made the document's title, laid out and written as a PDF. What the layout accepts
// the writer must write: a PDF that fails without a layout error is a crash here too.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "data/dataset.h"
#include "layout/engine.h"
#include "layout/layout_spec.h"
#include "pdf/pdf_writer.h"
#include "pipeline/resources.h"
#include "util/utf.h"

namespace {

const char* const kLayout = R"(
[document]
title = "{t}"
subject = "fuzz {t}"
[page]
digits = "thai"
[fonts.f]
regular = "fonts/Laksaman.ttf"
bold = "fonts/Laksaman-Bold.ttf"
scale = 0.6648
[styles.body]
font = "f"
size = 16
align = "thai-distributed"
first_indent = 2.5
[styles.table-cell]
font = "f"
size = 14
[styles.table-header]
based_on = "table-cell"
bold = true
[styles.table-group]
based_on = "table-cell"
[[blocks]]
type = "text"
text = "{t}"
outline = "1"
[[blocks]]
type = "table"
each = "rows"
  [[blocks.columns]]
  width = 1.5
  text = "{.}"
  [[blocks.columns]]
  width = "*"
  text = "**{.}**"
)";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace oitgen;
  // Built once for the whole run, as the real program does.
  static pipeline::Resources resources(OITGEN_SOURCE_ROOT);
  static Diagnostics setup;
  static auto spec = layout::parse_layout(kLayout, "fuzz-layout.toml", setup);
  static text::TextSetter setter(resources.break_rules(setup));
  if (!spec) return 0;
  const std::string text = to_utf8(to_u32(std::string_view(reinterpret_cast<const char*>(data), size)));
  data::TableBuilder root;
  root.set("t", data::make_string(text));
  auto rows = std::make_shared<data::Node>();
  rows->kind = data::Node::Kind::Array;
  rows->array.push_back(data::make_string(text));
  root.set("rows", rows);
  data::Dataset ds{".", root.freeze()};
  Diagnostics diags;
  layout::LayoutContext ctx{resources.fonts(), setter, ds, resources.root(), diags};
  const auto doc = layout::render_document(*spec, *ds.tree, ctx);
  if (diags.has_errors()) return 0;
  const auto pdf = pdf::write_pdf(doc);
  if (pdf.bytes.empty()) {
    std::fprintf(stderr, "the writer failed on a laid-out document: %s\n", pdf.error.c_str());
    std::abort();
  }
  return 0;
}
