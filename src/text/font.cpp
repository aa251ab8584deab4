#include "text/font.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_TRUETYPE_TABLES_H

#include "util/files.h"

namespace oitgen::text {
namespace {

struct FtLibraryDeleter { void operator()(FT_Library l) const { FT_Done_FreeType(l); } };
struct FtFaceDeleter { void operator()(FT_Face f) const { FT_Done_Face(f); } };
using FtLibrary = std::unique_ptr<std::remove_pointer_t<FT_Library>, FtLibraryDeleter>;
using FtFace = std::unique_ptr<std::remove_pointer_t<FT_Face>, FtFaceDeleter>;

int to_1000(long v, int upem) { return static_cast<int>(v * 1000 / upem); }

uint32_t be32(const std::string& b, size_t at) {
  return (uint32_t(uint8_t(b[at])) << 24) | (uint32_t(uint8_t(b[at + 1])) << 16) | (uint32_t(uint8_t(b[at + 2])) << 8) |
         uint32_t(uint8_t(b[at + 3]));
}

// The tag of the first table an SFNT's directory places (partly) past the end of the file, or ""
// (also "" when the file is too short to be an SFNT at all: FreeType reports that better).
std::string truncated_table(const std::string& b) {
  if (b.size() < 12) return "";
  const size_t tables = (size_t(uint8_t(b[4])) << 8) | uint8_t(b[5]);
  if (12 + tables * 16 > b.size()) return "table directory";
  for (size_t i = 0; i < tables; ++i) {
    const size_t entry = 12 + i * 16;
    const uint64_t end = uint64_t(be32(b, entry + 8)) + be32(b, entry + 12);
    if (end > b.size()) return b.substr(entry, 4);
  }
  return "";
}

}  // namespace

char32_t thai_pua_to_base(char32_t c) {
  // Windows Thai PUA: positional variants of marks, and ญ/ฐ without their lower part.
  static const char32_t table[] = {
      0x0E10, 0x0E34, 0x0E35, 0x0E36, 0x0E37, 0x0E48, 0x0E49, 0x0E4A, 0x0E4B, 0x0E4C,
      0x0E48, 0x0E49, 0x0E4A, 0x0E4B, 0x0E4C, 0x0E0D, 0x0E31, 0x0E4D, 0x0E47, 0x0E48,
      0x0E49, 0x0E4A, 0x0E4B, 0x0E4C, 0x0E38, 0x0E39, 0x0E3A};
  if (c >= 0xF700 && c <= 0xF71A) return table[c - 0xF700];
  return c;
}

std::shared_ptr<const Font> Font::load(const std::filesystem::path& path, Diagnostics& diags) {
  auto bytes = read_file(path);
  if (!bytes) {
    diags.error({path.string(), 0, 0}, "font file not found or unreadable");
    return nullptr;
  }
  if (const std::string cut = truncated_table(*bytes); !cut.empty()) {
    diags.error({path.string(), 0, 0}, "the font file is truncated: its '" + cut + "' table runs past the end");
    return nullptr;
  }
  std::shared_ptr<Font> font(new Font());
  font->path_ = path.string();
  font->bytes_ = std::move(*bytes);

  FT_Library lib_raw = nullptr;
  if (FT_Init_FreeType(&lib_raw)) {
    diags.error({path.string(), 0, 0}, "cannot initialise FreeType");
    return nullptr;
  }
  FtLibrary lib(lib_raw);
  FT_Face face_raw = nullptr;
  if (FT_New_Memory_Face(lib.get(), reinterpret_cast<const FT_Byte*>(font->bytes_.data()),
                         static_cast<FT_Long>(font->bytes_.size()), 0, &face_raw)) {
    diags.error({path.string(), 0, 0}, "not a font file FreeType can read");
    return nullptr;
  }
  FtFace face(face_raw);
  if (!FT_IS_SFNT(face.get()) || !FT_IS_SCALABLE(face.get())) {
    diags.error({path.string(), 0, 0}, "not a scalable TrueType/OpenType font");
    return nullptr;
  }
  FT_ULong glyf_len = 0;
  if (FT_Load_Sfnt_Table(face.get(), FT_MAKE_TAG('g', 'l', 'y', 'f'), 0, nullptr, &glyf_len) || glyf_len == 0) {
    diags.error({path.string(), 0, 0}, "only TrueType (glyf) fonts can be embedded");
    return nullptr;
  }
  font->upem_ = face->units_per_EM;
  font->glyph_count_ = static_cast<uint32_t>(face->num_glyphs);
  const auto* os2 = static_cast<const TT_OS2*>(FT_Get_Sfnt_Table(face.get(), FT_SFNT_OS2));
  const auto* post = static_cast<const TT_Postscript*>(FT_Get_Sfnt_Table(face.get(), FT_SFNT_POST));
  font->ascender_ = face->ascender;
  font->descender_ = face->descender;
  font->line_gap_ = face->height - (face->ascender - face->descender);
  if (const char* ps = FT_Get_Postscript_Name(face.get())) font->postscript_name_ = ps;
  if (font->postscript_name_.empty()) font->postscript_name_ = path.stem().string();

  auto& d = font->descriptor_;
  const int upem = font->upem_;
  d.ascent = to_1000(face->ascender, upem);
  d.descent = to_1000(face->descender, upem);
  d.cap_height = os2 && os2->version >= 2 ? to_1000(os2->sCapHeight, upem) : d.ascent;
  d.bbox[0] = to_1000(face->bbox.xMin, upem);
  d.bbox[1] = to_1000(face->bbox.yMin, upem);
  d.bbox[2] = to_1000(face->bbox.xMax, upem);
  d.bbox[3] = to_1000(face->bbox.yMax, upem);
  d.italic_angle = post ? post->italicAngle / 65536.0 : 0;
  d.fixed_pitch = FT_IS_FIXED_WIDTH(face.get());
  d.italic = (face->style_flags & FT_STYLE_FLAG_ITALIC) != 0;
  d.stem_v = (face->style_flags & FT_STYLE_FLAG_BOLD) ? 120 : 80;

  FT_UInt gid = 0;
  for (FT_ULong c = FT_Get_First_Char(face.get(), &gid); gid != 0; c = FT_Get_Next_Char(face.get(), c, &gid)) {
    // Prefer the real character over its PUA alias when both reach the same glyph.
    auto it = font->glyph_to_char_.find(gid);
    if (it == font->glyph_to_char_.end() || (it->second >= 0xE000 && it->second <= 0xF8FF))
      font->glyph_to_char_[gid] = static_cast<char32_t>(c);
  }

  font->blob_.reset(hb_blob_create(font->bytes_.data(), static_cast<unsigned>(font->bytes_.size()),
                                   HB_MEMORY_MODE_READONLY, nullptr, nullptr));
  font->hb_face_.reset(hb_face_create(font->blob_.get(), 0));
  font->hb_font_.reset(hb_font_create(font->hb_face_.get()));
  hb_font_set_scale(font->hb_font_.get(), upem, upem);
  // Shaping shares this font across threads: make it immutable before anyone uses it.
  hb_font_make_immutable(font->hb_font_.get());
  return font;
}

Font::~Font() = default;

bool Font::has_char(char32_t c) const {
  hb_codepoint_t g = 0;
  return hb_font_get_nominal_glyph(hb_font_.get(), c, &g) && g != 0;
}

int Font::advance(uint32_t glyph) const {
  return static_cast<int>(hb_font_get_glyph_h_advance(hb_font_.get(), glyph));
}

std::u32string Font::text_of_glyph(uint32_t glyph) const {
  auto it = glyph_to_char_.find(glyph);
  if (it == glyph_to_char_.end()) return {};
  return std::u32string(1, thai_pua_to_base(it->second));
}

}  // namespace oitgen::text
