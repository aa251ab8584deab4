#pragma once
// The document metadata of a PDF/A-1b file: the Info dictionary's dates and the XMP packet
// that must say the same things (ISO 19005-1, 6.7). Pure text; the adapter stores it.
#include <optional>
#include <string>

#include "data/node.h"

namespace oitgen::pdf {

struct DocumentMetadata {
  std::string title, author, subject, creator, producer;
  std::optional<data::Date> date;  // the document's own date: creation and modification
};

// "D:20220114000000+07'00'": midnight of the document's date, Thai time (Info's date form).
std::string pdf_date(const data::Date& date);
// "2022-01-14T00:00:00+07:00": the same moment in XMP's form.
std::string xmp_date(const data::Date& date);

// The XMP packet (UTF-8, with its xpacket wrapper): pdfaid part 1 conformance B, dc:title,
// dc:creator, dc:description, xmp:CreatorTool, xmp:CreateDate/ModifyDate, pdf:Producer, each
// present exactly when the Info dictionary has the matching entry.
std::string xmp_packet(const DocumentMetadata& meta);

}  // namespace oitgen::pdf
