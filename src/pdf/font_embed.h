#pragma once
// Everything a Type0/CIDFontType2 font needs, computed without touching libharu: the
// hb-subset subset with retained glyph ids (so CID = GID), widths, ToUnicode CMap and a
// subset tag derived from the glyph set (same glyphs, same tag).
#include <set>
#include <string>
#include <vector>

#include "text/font.h"

namespace oitgen::pdf {

struct EmbeddedFont {
  const text::Font* font = nullptr;
  std::string base_font;        // "ABCDEF+Laksaman"
  std::string font_file;        // TrueType subset bytes
  std::vector<std::pair<uint32_t, int>> widths;  // used glyph -> width in 1000 units
  std::string to_unicode_cmap;  // CMap program text
};

// Returns false and sets `error` when subsetting fails.
bool make_embedded_font(const text::Font& font, const std::set<uint32_t>& glyphs, EmbeddedFont& out,
                        std::string& error);

// Width of a glyph in the PDF's 1000-unit glyph space, rounded as written in /W.
int pdf_width(const text::Font& font, uint32_t glyph);

}  // namespace oitgen::pdf
