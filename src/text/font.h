#pragma once
// One TrueType face, loaded once and shared read-only: FreeType for the metrics a PDF font
// descriptor needs, HarfBuzz for shaping and for the subset written into the PDF.
#include <hb.h>

#include <filesystem>
#include <memory>
#include <string>
#include <unordered_map>

#include "util/diagnostics.h"

namespace oitgen::text {

struct HbBlobDeleter { void operator()(hb_blob_t* b) const { hb_blob_destroy(b); } };
struct HbFaceDeleter { void operator()(hb_face_t* f) const { hb_face_destroy(f); } };
struct HbFontDeleter { void operator()(hb_font_t* f) const { hb_font_destroy(f); } };
using HbBlob = std::unique_ptr<hb_blob_t, HbBlobDeleter>;
using HbFace = std::unique_ptr<hb_face_t, HbFaceDeleter>;
using HbFont = std::unique_ptr<hb_font_t, HbFontDeleter>;

// What a PDF FontDescriptor needs, in 1000-unit glyph space.
struct FontDescriptorMetrics {
  int ascent = 0, descent = 0, cap_height = 0, stem_v = 80;
  int bbox[4] = {0, 0, 0, 0};
  double italic_angle = 0;
  bool fixed_pitch = false, serif = false, italic = false;
};

class Font {
 public:
  // Returns nullptr and reports when the file is missing or not a usable TrueType font.
  static std::shared_ptr<const Font> load(const std::filesystem::path& path, Diagnostics& diags);
  ~Font();
  Font(const Font&) = delete;
  Font& operator=(const Font&) = delete;

  hb_font_t* hb_font() const { return hb_font_.get(); }
  hb_face_t* hb_face() const { return hb_face_.get(); }
  const std::string& path() const { return path_; }
  const std::string& postscript_name() const { return postscript_name_; }
  int units_per_em() const { return upem_; }
  // Typographic line metrics in font units (ascender > 0, descender < 0).
  int ascender() const { return ascender_; }
  int descender() const { return descender_; }
  int line_gap() const { return line_gap_; }
  const FontDescriptorMetrics& descriptor() const { return descriptor_; }

  bool has_char(char32_t c) const;
  int advance(uint32_t glyph) const;  // font units
  // The text a glyph stands for when it is reached through the cmap; Windows Thai PUA
  // variants (U+F700–F71A) map back to their base characters. Empty when the glyph has no
  // cmap entry (pure GSUB results).
  std::u32string text_of_glyph(uint32_t glyph) const;
  uint32_t glyph_count() const { return glyph_count_; }

 private:
  Font() = default;
  std::string path_, postscript_name_, bytes_;
  HbBlob blob_;
  HbFace hb_face_;
  HbFont hb_font_;
  int upem_ = 1000, ascender_ = 0, descender_ = 0, line_gap_ = 0;
  uint32_t glyph_count_ = 0;
  FontDescriptorMetrics descriptor_;
  std::unordered_map<uint32_t, char32_t> glyph_to_char_;
};

// The base character of a Windows Thai PUA presentation form, or `c` itself.
char32_t thai_pua_to_base(char32_t c);

}  // namespace oitgen::text
