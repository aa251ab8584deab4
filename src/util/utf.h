#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace oitgen {

// Decodes one code point at `pos` and advances it; invalid bytes decode as U+FFFD.
char32_t decode_utf8(std::string_view s, size_t& pos);
void append_utf8(std::string& out, char32_t cp);
std::u32string to_u32(std::string_view s);
std::string to_utf8(std::u32string_view s);
// UTF-16BE with a BOM, as PDF text strings want it.
std::string to_utf16be_with_bom(std::string_view utf8);
// "U+0E01" style name for messages.
std::string codepoint_name(char32_t cp);

inline bool is_thai(char32_t c) { return c >= 0x0E00 && c <= 0x0E7F; }

}  // namespace oitgen
