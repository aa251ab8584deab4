#pragma once
// Packs a finished PDF's objects into compressed object streams (PDF 1.5, ISO 32000-1 7.5.7)
// with a cross-reference stream, through libqpdf. The structure tree is thousands of small
// dictionaries; uncompressed they would double a table-heavy document. Streams are copied as
// they are (never decoded), so pages, fonts and images keep their bytes; the trailer /ID is
// computed from the content, so the same input still gives the same file. PDF/A-1 forbids
// object streams: its files are not packed.
#include <string>

namespace oitgen::pdf {

// Replaces `pdf` with the packed file. False (and `pdf` untouched) with the reason in `error`.
bool pack_object_streams(std::string& pdf, std::string& error);

}  // namespace oitgen::pdf
