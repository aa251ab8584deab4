#include "pdf/pdfa_metadata.h"

#include <cstdio>

namespace oitgen::pdf {
namespace {

std::string xml_escaped(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default:
        // XML 1.0 admits no other control characters than tab, newline and return.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') out += ' ';
        else out += c;
    }
  }
  return out;
}

// Offices keep Thai time: the documents are dated in it.
constexpr const char* kThaiOffsetPdf = "+07'00'";
constexpr const char* kThaiOffsetXmp = "+07:00";

}  // namespace

std::string pdf_date(const data::Date& d) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "D:%04d%02d%02d000000%s", d.year, d.month, d.day, kThaiOffsetPdf);
  return buf;
}

std::string xmp_date(const data::Date& d) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT00:00:00%s", d.year, d.month, d.day, kThaiOffsetXmp);
  return buf;
}

std::string xmp_packet(const DocumentMetadata& m) {
  std::string x =
      "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
      "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
      "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n";
  if (m.pdfa)
    x += "<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
         "<pdfaid:part>1</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n"
         "</rdf:Description>\n";
  if (m.pdfa && m.pdfua)
    // ISO 19005-1 (with its corrigendum), 6.7.8: a schema that is not one of XMP's own is
    // described in the packet, with each property's type.
    x += "<rdf:Description rdf:about=\"\" xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\""
         " xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\""
         " xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
         "<pdfaExtension:schemas>\n<rdf:Bag>\n<rdf:li rdf:parseType=\"Resource\">\n"
         "<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\n"
         "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n"
         "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n"
         "<pdfaSchema:property>\n<rdf:Seq>\n<rdf:li rdf:parseType=\"Resource\">\n"
         "<pdfaProperty:name>part</pdfaProperty:name>\n"
         "<pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n"
         "<pdfaProperty:category>internal</pdfaProperty:category>\n"
         "<pdfaProperty:description>Indicates which part of ISO 14289 standard is followed</pdfaProperty:description>\n"
         "</rdf:li>\n</rdf:Seq>\n</pdfaSchema:property>\n"
         "</rdf:li>\n</rdf:Bag>\n</pdfaExtension:schemas>\n"
         "</rdf:Description>\n";
  if (m.pdfua)
    x += "<rdf:Description rdf:about=\"\" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
         "<pdfuaid:part>1</pdfuaid:part>\n"
         "</rdf:Description>\n";
  x += "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
       "<dc:format>application/pdf</dc:format>\n";
  auto alt = [&](const char* key, const std::string& value) {
    if (value.empty()) return;
    x += std::string("<dc:") + key + "><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml_escaped(value) +
         "</rdf:li></rdf:Alt></dc:" + key + ">\n";
  };
  alt("title", m.title);
  if (!m.author.empty()) x += "<dc:creator><rdf:Seq><rdf:li>" + xml_escaped(m.author) + "</rdf:li></rdf:Seq></dc:creator>\n";
  alt("description", m.subject);
  x += "</rdf:Description>\n"
       "<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n";
  if (!m.creator.empty()) x += "<xmp:CreatorTool>" + xml_escaped(m.creator) + "</xmp:CreatorTool>\n";
  if (m.date) {
    x += "<xmp:CreateDate>" + xmp_date(*m.date) + "</xmp:CreateDate>\n";
    x += "<xmp:ModifyDate>" + xmp_date(*m.date) + "</xmp:ModifyDate>\n";
  }
  x += "</rdf:Description>\n"
       "<rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n";
  if (!m.producer.empty()) x += "<pdf:Producer>" + xml_escaped(m.producer) + "</pdf:Producer>\n";
  x += "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>";
  return x;
}

}  // namespace oitgen::pdf
