#pragma once
// Lays a layout's blocks out on pages: paragraphs become line boxes, line boxes are paginated
// with keep-together rules, and each page becomes a display list.
#include <filesystem>
#include <vector>

#include "data/dataset.h"
#include "layout/display_list.h"
#include "layout/layout_spec.h"
#include "text/font_library.h"

namespace oitgen::layout {

struct LayoutContext {
  text::FontLibrary& fonts;
  text::TextSetter& setter;
  const data::Dataset& dataset;
  std::filesystem::path resources;  // where the layout's font paths are relative to
  Diagnostics& diags;
};

// Renders one document. Errors go to ctx.diags; the result is only meaningful without errors.
Document render_document(const LayoutSpec& spec, const data::Node& view, LayoutContext& ctx);

}  // namespace oitgen::layout
