#pragma once
// The document metadata of a PDF/A-1b or PDF/UA-1 file: the Info dictionary's dates and the XMP
// packet that must say the same things (ISO 19005-1, 6.7; ISO 14289-1, 5). Pure text; the
// adapter stores it.
#include <optional>
#include <string>

#include "data/node.h"

namespace oitgen::pdf {

struct DocumentMetadata {
  std::string title, author, subject, creator, producer;
  std::optional<data::Date> date;  // the document's own date: creation and modification
  bool pdfa = true;    // identified as PDF/A-1b (pdfaid)
  bool pdfua = false;  // identified as PDF/UA-1 (pdfuaid)
};

// "D:20220114000000+07'00'": midnight of the document's date, Thai time (Info's date form).
std::string pdf_date(const data::Date& date);
// "2022-01-14T00:00:00+07:00": the same moment in XMP's form.
std::string xmp_date(const data::Date& date);

// The XMP packet (UTF-8, with its xpacket wrapper): with `pdfa` pdfaid part 1 conformance B, with
// `pdfua` pdfuaid part 1 (and, with both, the pdfuaid schema declared as a PDF/A-1 extension
// schema: PDF/A-1 admits no other properties than the standard ones and those so declared);
// dc:title, dc:creator, dc:description, xmp:CreatorTool, xmp:CreateDate/ModifyDate,
// pdf:Producer, each present exactly when the Info dictionary has the matching entry (PDF/UA-1
// needs dc:title: the title is then never empty).
std::string xmp_packet(const DocumentMetadata& meta);

}  // namespace oitgen::pdf
