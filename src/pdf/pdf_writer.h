#pragma once
// Writes a laid-out document as PDF bytes: fonts as hand-built Type0/CIDFontType2 subsets,
// text as raw glyph-id TJ operators wrapped in ActualText spans, a content-derived /ID.
#include <string>

#include "layout/display_list.h"
#include "pdf/image_output.h"

namespace oitgen::pdf {

// How the file is written. The default is the normal output: images as the data gave them.
struct OutputProfile {
  // PDF/A-1b: XMP metadata agreeing with Info, an sRGB output intent, CIDSets, no
  // transparency (alpha flattened onto white), no CMYK (the intent is RGB).
  bool pdfa = false;
  // Images whose resolution as placed exceeds this are downsampled to it; 0: no limit.
  int max_dpi = 0;
  int jpeg_quality = 85;  // of images encoded anew
};

struct WriteResult {
  std::string bytes;  // empty on failure
  std::string error;
  // The images' streams as the data gave them and as written, and how many were resampled.
  size_t image_bytes_in = 0, image_bytes_out = 0;
  size_t images = 0, images_resampled = 0;
};

// `icc_profile`: the sRGB profile PDF/A's output intent embeds (unused otherwise). `cache`:
// where changed images are kept between documents (none: each is changed anew).
WriteResult write_pdf(const layout::Document& doc, const OutputProfile& profile = {},
                      const std::string& icc_profile = {}, ImageChangeCache* cache = nullptr);

}  // namespace oitgen::pdf
