#pragma once
// Text that the PDF writes as a string of its own, outside the page content: the document's
// title, author and subject, and bookmark titles. One PDF string holds a bounded number of
// bytes, and only the layout still knows which data value made a text long, so it is cut here,
// with a warning at that value, and the PDF stage gets text that fits.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "text/paragraph.h"
#include "util/diagnostics.h"

namespace oitgen::layout {

// ISO 32000-1 (Annex C) lets a reader stop at 32,767 bytes in one string; PDF/A-1 and libharu
// allow 65,535. The smaller limit holds for every reader. As UTF-16 with its byte-order mark
// that is 16,382 UTF-16 code units.
inline constexpr size_t kMaxPdfStringBytes = 32767;

// The bytes `utf8` takes as a PDF text string (UTF-16BE with a byte-order mark).
size_t pdf_string_bytes(std::string_view utf8);

// `text` as it fits one PDF string: unchanged when it fits; else cut before a character (never
// between a letter and its marks) with "…" added, and a warning naming `what` ("the document
// title") at the longest data value among `sources` (the template's place `fallback` when none).
std::string fit_pdf_string(const std::string& text, const std::string& what, const std::vector<text::TextSource>& sources,
                           const SourceLocation& fallback, Diagnostics& diags);

}  // namespace oitgen::layout
