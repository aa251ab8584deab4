#include "pdf/font_embed.h"

#include <hb-subset.h>

#include <cmath>
#include <cstdio>

#include "util/utf.h"

namespace oitgen::pdf {
namespace {

std::string subset_tag(const text::Font& font, const std::set<uint32_t>& glyphs) {
  // FNV-1a over the font name and glyph ids: deterministic across runs and machines.
  uint64_t h = 1469598103934665603ull;
  auto mix = [&h](uint64_t v) {
    h ^= v;
    h *= 1099511628211ull;
  };
  for (char c : font.postscript_name()) mix(static_cast<unsigned char>(c));
  for (uint32_t g : glyphs) mix(g);
  std::string tag;
  for (int i = 0; i < 6; ++i) {
    tag += static_cast<char>('A' + h % 26);
    h /= 26;
  }
  return tag;
}

std::string hex4(uint32_t v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04X", v & 0xFFFF);
  return buf;
}

std::string utf16_hex(const std::u32string& s) {
  std::string out;
  for (char32_t c : s) {
    if (c >= 0x10000) {
      c -= 0x10000;
      out += hex4(0xD800 + (c >> 10)) + hex4(0xDC00 + (c & 0x3FF));
    } else {
      out += hex4(c);
    }
  }
  return out;
}

std::string to_unicode(const text::Font& font, const std::set<uint32_t>& glyphs) {
  std::vector<std::pair<uint32_t, std::u32string>> entries;
  for (uint32_t g : glyphs) {
    auto text = font.text_of_glyph(g);
    if (!text.empty()) entries.emplace_back(g, text);
  }
  std::string cmap =
      "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
      "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
      "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
  for (size_t i = 0; i < entries.size(); i += 100) {
    const size_t n = std::min<size_t>(100, entries.size() - i);
    cmap += std::to_string(n) + " beginbfchar\n";
    for (size_t k = i; k < i + n; ++k)
      cmap += "<" + hex4(entries[k].first) + "> <" + utf16_hex(entries[k].second) + ">\n";
    cmap += "endbfchar\n";
  }
  cmap += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
  return cmap;
}

}  // namespace

int pdf_width(const text::Font& font, uint32_t glyph) {
  return static_cast<int>(std::lround(font.advance(glyph) * 1000.0 / font.units_per_em()));
}

bool make_embedded_font(const text::Font& font, const std::set<uint32_t>& glyphs, EmbeddedFont& out,
                        std::string& error) {
  out.font = &font;
  out.base_font = subset_tag(font, glyphs) + "+" + font.postscript_name();
  hb_subset_input_t* input = hb_subset_input_create_or_fail();
  if (!input) {
    error = "out of memory creating a font subset";
    return false;
  }
  hb_set_t* glyph_set = hb_subset_input_glyph_set(input);
  for (uint32_t g : glyphs) hb_set_add(glyph_set, g);
  hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_RETAIN_GIDS);
  // Shaping already happened: the PDF needs outlines and metrics, not layout tables.
  hb_set_t* drop = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
  for (const char* tag : {"GSUB", "GPOS", "GDEF", "kern", "morx", "DSIG"})
    hb_set_add(drop, hb_tag_from_string(tag, 4));
  hb_face_t* subset = hb_subset_or_fail(font.hb_face(), input);
  hb_subset_input_destroy(input);
  if (!subset) {
    error = "HarfBuzz could not subset font " + font.path();
    return false;
  }
  hb_blob_t* blob = hb_face_reference_blob(subset);
  unsigned length = 0;
  const char* data = hb_blob_get_data(blob, &length);
  out.font_file.assign(data, length);
  hb_blob_destroy(blob);
  hb_face_destroy(subset);
  if (out.font_file.empty()) {
    error = "HarfBuzz produced an empty subset of " + font.path();
    return false;
  }
  for (uint32_t g : glyphs) out.widths.emplace_back(g, pdf_width(font, g));
  out.to_unicode_cmap = to_unicode(font, glyphs);
  return true;
}

}  // namespace oitgen::pdf
