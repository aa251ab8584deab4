#pragma once
// HarfBuzz shaping of a paragraph's style runs, split further into Thai and non-Thai script
// runs. Glyph clusters index the paragraph's UTF-32 text.
#include <hb.h>

#include <memory>
#include <string>
#include <vector>

#include "text/font.h"

namespace oitgen::text {

struct FontRun {
  size_t begin = 0, end = 0;  // [begin, end) of the paragraph text
  const Font* font = nullptr;
  double size = 0;            // points, as printed (scale already applied)
};

struct ShapedGlyph {
  uint32_t gid = 0;
  uint32_t cluster = 0;       // index of the first character of its cluster
  double advance = 0;         // points
  double x_offset = 0, y_offset = 0;
  const Font* font = nullptr;
  double size = 0;
};

// The HarfBuzz languages of the scripts shaped, made once with the text resources (HarfBuzz
// keeps languages in a process-wide list; making them before any worker starts keeps the workers
// from adding to it at the same time).
struct ShapingLanguages {
  hb_language_t thai = nullptr, latin = nullptr;
  static ShapingLanguages make() { return {hb_language_from_string("th", -1), hb_language_from_string("en", -1)}; }
};

class Shaper {
 public:
  explicit Shaper(ShapingLanguages languages);
  ~Shaper();
  Shaper(const Shaper&) = delete;
  Shaper& operator=(const Shaper&) = delete;
  std::vector<ShapedGlyph> shape(std::u32string_view text, const std::vector<FontRun>& runs);

 private:
  hb_buffer_t* buffer_;  // reused between calls; one Shaper per thread
  ShapingLanguages languages_;
};

}  // namespace oitgen::text
