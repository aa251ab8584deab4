#pragma once
// Packs a finished PDF's small objects into compressed object streams (PDF 1.5, ISO 32000-1
// 7.5.7) with a cross-reference stream (7.5.8). The structure tree is thousands of small
// dictionaries; as plain objects they would double a table-heavy document. This reads only
// what libharu writes (one cross-reference table, objects of generation 0, a trailer with
// /Root, /Info and /ID) and copies every stream object byte for byte: pages, fonts and images
// are untouched, and the same input gives the same file. PDF/A-1 forbids object streams: its
// files are not packed. (libqpdf did the same in 50 ms of CPU for the measures report; this
// takes a few.)
#include <string>

namespace oitgen::pdf {

// Replaces `pdf` with the packed file. False (and `pdf` untouched) with the reason in `error`.
bool pack_object_streams(std::string& pdf, std::string& error);

}  // namespace oitgen::pdf
