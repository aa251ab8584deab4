#pragma once
// Writes a laid-out document as PDF bytes: fonts as hand-built Type0/CIDFontType2 subsets,
// text as raw glyph-id TJ operators wrapped in ActualText spans, a content-derived /ID.
#include <string>

#include "layout/display_list.h"

namespace oitgen::pdf {

struct WriteResult {
  std::string bytes;  // empty on failure
  std::string error;
};

WriteResult write_pdf(const layout::Document& doc);

}  // namespace oitgen::pdf
