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
  // PDF/UA-1 identification: XMP with pdfuaid:part 1 and dc:title (with PDF/A too, the
  // pdfuaid schema declared as PDF/A-1 extension schemas must be). The tagging itself, /Lang
  // and /DisplayDocTitle are in every file.
  bool pdfua = false;
  // Images whose resolution as placed exceeds this are downsampled to it; 0: no limit.
  int max_dpi = 0;
  int jpeg_quality = 85;  // of images encoded anew
};

// The images' streams as the data gave them and as written, how many, how many resampled.
struct ImageStats {
  size_t bytes_in = 0, bytes_out = 0, count = 0, resampled = 0;
  ImageStats& operator+=(const ImageStats& o) {
    bytes_in += o.bytes_in;
    bytes_out += o.bytes_out;
    count += o.count;
    resampled += o.resampled;
    return *this;
  }
  // The size `written` bytes of PDF would have with the images as the data gave them: the
  // "before" of a size report, without a second build.
  size_t size_before(size_t written) const { return written - bytes_out + bytes_in; }
};

struct WriteResult {
  std::string bytes;  // empty on failure
  std::string error;
  ImageStats images;
};

// `icc_profile`: the sRGB profile PDF/A's output intent embeds (PDF/A fails without it). `cache`:
// where changed images are kept between documents (none: each is changed anew).
WriteResult write_pdf(const layout::Document& doc, const OutputProfile& profile = {},
                      const std::string* icc_profile = nullptr, ImageChangeCache* cache = nullptr);

}  // namespace oitgen::pdf
