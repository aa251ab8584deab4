#pragma once
// Lays a layout's blocks out on pages: paragraphs become line boxes, line boxes are paginated
// with keep-together rules, and each page becomes a display list.
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "data/dataset.h"
#include "data/image_library.h"
#include "layout/display_list.h"
#include "layout/layout_spec.h"
#include "text/font_library.h"
#include "text/kept_phrases.h"

namespace oitgen::layout {

struct LayoutContext {
  text::FontLibrary& fonts;
  text::TextSetter& setter;
  const data::Dataset& dataset;
  std::filesystem::path resources;  // where the layout's font paths are relative to
  Diagnostics& diags;
  // Loads another layout by kind for `include` blocks; empty where nothing may be included.
  std::function<std::shared_ptr<const LayoutSpec>(const std::string& kind, Diagnostics&)> layouts = {};
  // Layout files being included, outermost first: an include of one of them is a cycle.
  std::vector<std::string> including = {};
  // Images shared across documents (the process's); without it each document loads its own.
  data::ImageLibrary* images = nullptr;
};

// What part of a layout to render: all of it, or one named top-level block (an `include`
// with `part`); with or without the layout's own page numbers.
struct RenderOptions {
  std::string part;
  bool page_numbers = true;
  // The people's names kept whole, when the including document has made them already.
  std::shared_ptr<const text::KeptPhrases> kept_names = {};
  // PDF/UA-1 is asked for: what it cannot do without (a photo's alternative text) is an error.
  bool pdfua = false;
};

// Renders one document. Errors go to ctx.diags; the result is only meaningful without errors.
Document render_document(const LayoutSpec& spec, const data::Node& view, LayoutContext& ctx,
                         const RenderOptions& options = {});

}  // namespace oitgen::layout
