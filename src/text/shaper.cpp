#include "text/shaper.h"

#include "util/utf.h"

namespace oitgen::text {
namespace {

bool is_neutral(char32_t c) {
  // Spaces, digits and punctuation follow the script around them.
  return c < 0x80 ? !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) : (c >= 0x2000 && c <= 0x206F);
}

}  // namespace

Shaper::Shaper(ShapingLanguages languages) : buffer_(hb_buffer_create()), languages_(languages) {}
Shaper::~Shaper() { hb_buffer_destroy(buffer_); }

std::vector<ShapedGlyph> Shaper::shape(std::u32string_view text, const std::vector<FontRun>& runs) {
  std::vector<ShapedGlyph> out;
  for (const auto& run : runs) {
    size_t i = run.begin;
    while (i < run.end) {
      // Script itemisation: Thai vs everything else; neutrals join the run they are in.
      bool run_thai = false;
      size_t probe = i;
      while (probe < run.end && is_neutral(text[probe])) ++probe;
      run_thai = probe < run.end && is_thai(text[probe]);
      size_t j = i;
      while (j < run.end && (is_neutral(text[j]) || is_thai(text[j]) == run_thai)) ++j;
      hb_buffer_clear_contents(buffer_);
      hb_buffer_add_utf32(buffer_, reinterpret_cast<const uint32_t*>(text.data()),
                          static_cast<int>(text.size()), static_cast<unsigned>(i),
                          static_cast<int>(j - i));
      hb_buffer_set_direction(buffer_, HB_DIRECTION_LTR);
      hb_buffer_set_script(buffer_, run_thai ? HB_SCRIPT_THAI : HB_SCRIPT_LATIN);
      hb_buffer_set_language(buffer_, run_thai ? languages_.thai : languages_.latin);
      hb_shape(run.font->hb_font(), buffer_, nullptr, 0);
      unsigned count = 0;
      const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buffer_, &count);
      const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buffer_, &count);
      const double k = run.size / run.font->units_per_em();
      for (unsigned g = 0; g < count; ++g)
        out.push_back({info[g].codepoint, info[g].cluster, pos[g].x_advance * k, pos[g].x_offset * k,
                       pos[g].y_offset * k, run.font, run.size});
      i = j;
    }
  }
  return out;
}

}  // namespace oitgen::text
