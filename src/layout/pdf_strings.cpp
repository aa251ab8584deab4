#include "layout/pdf_strings.h"

#include <unicode/uchar.h>

#include "util/utf.h"

namespace oitgen::layout {
namespace {

size_t utf16_units(char32_t c) { return c >= 0x10000 ? 2 : 1; }

// A Thai vowel or tone mark (or any combining mark) belongs to the letter before it: cutting
// between them would leave a different word.
bool is_mark(char32_t c) {
  const auto type = u_charType(static_cast<UChar32>(c));
  return type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK || type == U_ENCLOSING_MARK;
}

}  // namespace

size_t pdf_string_bytes(std::string_view utf8) {
  size_t units = 1;  // the byte-order mark
  for (size_t pos = 0; pos < utf8.size();) units += utf16_units(decode_utf8(utf8, pos));
  return units * 2;
}

std::string fit_pdf_string(const std::string& text, const std::string& what, const std::vector<text::TextSource>& sources,
                           const SourceLocation& fallback, Diagnostics& diags) {
  const size_t bytes = pdf_string_bytes(text);
  if (bytes <= kMaxPdfStringBytes) return text;
  const std::u32string chars = to_u32(text);
  // Room for the byte-order mark and the ellipsis (one unit each).
  const size_t room = kMaxPdfStringBytes / 2 - 2;
  size_t cut = 0, units = 0;
  while (cut < chars.size() && units + utf16_units(chars[cut]) <= room) units += utf16_units(chars[cut++]);
  while (cut > 0 && cut < chars.size() && is_mark(chars[cut])) --cut;
  const SourceLocation* where = &fallback;
  size_t longest = 0;
  for (const auto& s : sources)
    if (s.text.size() > longest) {
      longest = s.text.size();
      where = &s.where;
    }
  // The same words whichever document or pass it is: the problem is reported once.
  diags.warning(*where, what + " made from this is longer than one PDF string holds (" + std::to_string(room + 1) +
                            " characters); the PDF has it cut short, ending in \"…\"");
  return to_utf8(std::u32string_view(chars).substr(0, cut)) + "…";
}

}  // namespace oitgen::layout
