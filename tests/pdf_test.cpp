// PDF stage: what a reader gets back from the file — exact text of hard Thai strings, embedded
// subset fonts with ToUnicode, a valid structure, identical bytes for identical input.
#include <gtest/gtest.h>

#include "pdf/pdf_writer.h"
#include "test_support.h"
#include "util/utf.h"

namespace oitgen {
namespace {

const char* const kHard[] = {
    "ปู่ ป่ากู้ ปั้น ฟ้ำ น้ำ ญู ฐู ฤๅษี กำ ๆ ฯลฯ",
    "ITA Online 2564 ได้คะแนน ๙๒.๖๕ (A) e-mail: saraban@nongkhai2.go.th",
    "ธรรมาภิบาล “สุจริต” ต่าง ๆ ญาติผู้ใหญ่ ฎีกา ฏ ฐาน ปัญญา",
};

layout::Document hard_strings_document() {
  layout::Document doc;
  doc.title = "ทดสอบ ปู่";
  doc.author = "oitgen";
  doc.pages.emplace_back();
  double y = 780;
  auto f = testing::font();
  for (const char* s : kHard) {
    text::ParagraphSpec p;
    p.spans.push_back({s, f.get(), 16 * 0.6648});
    p.width = 450;
    p.align = text::Align::ThaiDistributed;
    Diagnostics d;
    for (const auto& line : testing::setter().set(p, d)) {
      for (const auto& w : line.words)
        doc.pages[0].items.push_back(layout::GlyphRunItem{w.font, w.size, 85, y, w.glyphs, w.text});
      y -= 20;
    }
    y -= 10;
  }
  return doc;
}

std::filesystem::path write(const std::string& name, const std::string& bytes) {
  auto path = testing::temp_dir("pdf") / name;
  EXPECT_EQ(write_file_atomically(path, bytes), "");
  return path;
}

TEST(PdfText, HardThaiStringsExtractExactly) {
  auto result = pdf::write_pdf(hard_strings_document());
  ASSERT_FALSE(result.bytes.empty()) << result.error;
  const auto path = write("hard.pdf", result.bytes);
  const std::string text = testing::pdftotext(path);
  for (const char* s : kHard) EXPECT_TRUE(testing::contains_paragraph(text, s)) << s << "\n--- got:\n" << text;
  for (char32_t c : to_u32(text)) EXPECT_FALSE(c >= 0xE000 && c <= 0xF8FF) << codepoint_name(c);
}

TEST(PdfFonts, EmbeddedSubsetWithToUnicode) {
  auto result = pdf::write_pdf(hard_strings_document());
  const auto path = write("fonts.pdf", result.bytes);
  const auto out = testing::run("pdffonts " + testing::quote(path)).output;
  int rows = 0;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) {
    if (line.find("CID TrueType") == std::string::npos) continue;
    ++rows;
    EXPECT_NE(line.find("Identity-H       yes yes yes"), std::string::npos) << line;
    EXPECT_EQ(line[6], '+') << line;  // subset tag
  }
  EXPECT_EQ(rows, 1) << out;
}

TEST(PdfStructure, QpdfCheckPassesAndVersionIsAtLeast15) {
  auto result = pdf::write_pdf(hard_strings_document());
  const auto path = write("check.pdf", result.bytes);
  EXPECT_EQ(result.bytes.rfind("%PDF-1.5", 0), 0u);
  const auto check = testing::run("qpdf --check " + testing::quote(path));
  EXPECT_EQ(check.exit_code, 0) << check.output;
  EXPECT_NE(check.output.find("No syntax or stream encoding errors"), std::string::npos);
}

TEST(PdfDeterminism, SameInputSameBytesWithContentId) {
  const auto a = pdf::write_pdf(hard_strings_document()).bytes;
  const auto b = pdf::write_pdf(hard_strings_document()).bytes;
  EXPECT_EQ(a, b);
  EXPECT_NE(a.find("/ID ["), std::string::npos);
  EXPECT_EQ(a.find("CreationDate"), std::string::npos);
  auto other = hard_strings_document();
  other.title = "อื่น";
  const auto c = pdf::write_pdf(other).bytes;
  auto id_of = [](const std::string& pdf) { return pdf.substr(pdf.find("/ID ["), 80); };
  EXPECT_NE(id_of(a), id_of(c));
}

}  // namespace
}  // namespace oitgen
