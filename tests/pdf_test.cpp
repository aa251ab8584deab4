// PDF stage: what a reader gets back from the file — exact text of hard Thai strings, embedded
// subset fonts with ToUnicode, a valid structure, identical bytes for identical input.
#include <gtest/gtest.h>

#include <algorithm>

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

// The catalog of every PDF: the language of its text and the title in the viewer's title bar
// (tagged output wants both; PDF/UA-1 requires them).
std::string catalog_as_qdf(const std::string& bytes, const std::string& name) {
  const auto path = write(name, bytes);
  return testing::run("qpdf --qdf --object-streams=disable " + testing::quote(path) + " -").output;
}

TEST(PdfCatalog, EveryPdfHasItsLanguageAndShowsItsTitle) {
  for (const bool pdfua : {false, true}) {
    pdf::OutputProfile profile;
    profile.pdfua = pdfua;
    const auto result = pdf::write_pdf(hard_strings_document(), profile);
    ASSERT_FALSE(result.bytes.empty()) << result.error;
    const std::string qdf = catalog_as_qdf(result.bytes, pdfua ? "catalog-ua.pdf" : "catalog.pdf");
    EXPECT_NE(qdf.find("/Lang (th-TH)"), std::string::npos) << pdfua;
    EXPECT_NE(qdf.find("/ViewerPreferences <<\n    /DisplayDocTitle true\n  >>"), std::string::npos) << pdfua << "\n" << qdf.substr(0, 2000);
  }
}

// --pdfua alone: the XMP packet as the catalog's /Metadata, no output intent, no dates.
TEST(PdfCatalog, PdfUaAloneAddsMetadataButNoOutputIntent) {
  pdf::OutputProfile ua;
  ua.pdfua = true;
  const auto plain = pdf::write_pdf(hard_strings_document());
  const auto tagged = pdf::write_pdf(hard_strings_document(), ua);
  ASSERT_FALSE(tagged.bytes.empty()) << tagged.error;
  const std::string qdf = catalog_as_qdf(tagged.bytes, "ua.pdf"), plain_qdf = catalog_as_qdf(plain.bytes, "plain.pdf");
  EXPECT_NE(qdf.find("/Metadata"), std::string::npos);
  EXPECT_NE(qdf.find("<pdfuaid:part>1</pdfuaid:part>"), std::string::npos);
  EXPECT_NE(qdf.find("<rdf:li xml:lang=\"x-default\">ทดสอบ ปู่</rdf:li>"), std::string::npos);
  EXPECT_EQ(qdf.find("/OutputIntents"), std::string::npos);
  EXPECT_EQ(qdf.find("CreationDate"), std::string::npos);
  EXPECT_EQ(plain_qdf.find("/Metadata"), std::string::npos);
  EXPECT_EQ(pdf::write_pdf(hard_strings_document(), ua).bytes, tagged.bytes);
}

// The profile enters the /ID digest, with PDF/A and without (the packed file keeps the writer's
// /ID).
TEST(PdfCatalog, PdfUaEntersTheFileId) {
  Diagnostics d;
  const auto srgb = testing::resources().srgb_profile(d);
  ASSERT_TRUE(srgb) << d.format_all();
  pdf::OutputProfile a, ua;
  a.pdfa = ua.pdfa = ua.pdfua = true;
  const auto archival = pdf::write_pdf(hard_strings_document(), a, srgb.get());
  const auto both = pdf::write_pdf(hard_strings_document(), ua, srgb.get());
  ASSERT_FALSE(archival.bytes.empty()) << archival.error;
  ASSERT_FALSE(both.bytes.empty()) << both.error;
  auto id_of = [](const std::string& pdf) { return pdf.substr(pdf.find("/ID ["), 80); };
  ASSERT_NE(both.bytes.find("/ID ["), std::string::npos);
  EXPECT_NE(id_of(archival.bytes), id_of(both.bytes));
  pdf::OutputProfile ua_alone;
  ua_alone.pdfua = true;
  const auto plain = pdf::write_pdf(hard_strings_document()), tagged = pdf::write_pdf(hard_strings_document(), ua_alone);
  ASSERT_NE(tagged.bytes.find("/ID ["), std::string::npos);
  EXPECT_NE(id_of(plain.bytes), id_of(tagged.bytes));
}

// Text longer than one PDF string may hold reaches libharu only as an error: libharu refuses it
// without calling back and then fails every page after it, which used to crash the writer.
TEST(PdfLimits, MetadataTooLongForAPdfStringIsAnErrorNotACrash) {
  for (const char* field : {"title", "author", "subject", "outline"}) {
    auto doc = hard_strings_document();
    std::string long_text;
    for (int i = 0; i < 8000; ++i) long_text += "ประกาศ ";
    if (std::string(field) == "title") doc.title = long_text;
    if (std::string(field) == "author") doc.author = long_text;
    if (std::string(field) == "subject") doc.subject = long_text;
    if (std::string(field) == "outline") doc.outline.push_back({long_text, 1, 0, 700});
    const auto result = pdf::write_pdf(doc);
    EXPECT_TRUE(result.bytes.empty()) << field;
    EXPECT_NE(result.error.find("more than the 65535 one may hold"), std::string::npos) << field << ": " << result.error;
  }
}

TEST(PdfLimits, BookmarkToAPageThatIsNotThereIsAnError) {
  auto doc = hard_strings_document();
  doc.outline.push_back({"หัวข้อ", 1, 3, 700});
  const auto result = pdf::write_pdf(doc);
  EXPECT_TRUE(result.bytes.empty());
  EXPECT_NE(result.error.find("bookmark to page 4 of 1"), std::string::npos) << result.error;
}

// A run of thousands of glyphs is written as several spans (each ActualText and TJ array well
// inside a reader's limits) and still extracts as its text.
TEST(PdfLimits, LongRunIsSplitIntoSpansAndExtractsExactly) {
  auto f = testing::font();
  text::ParagraphSpec p;
  p.spans.push_back({"ปู่กู้น้ำ", f.get(), 1});
  p.width = 1e6;
  Diagnostics d;
  const auto lines = testing::setter().set(p, d);
  ASSERT_EQ(lines.size(), 1u);
  const auto& word = lines[0].words.at(0);
  layout::GlyphRunItem run{word.font, word.size, 20, 700, {}, ""};
  double x = 0;
  for (int k = 0; k < 1500; ++k) {
    for (auto g : word.glyphs) {
      g.x += x;
      run.glyphs.push_back(g);
    }
    x += lines[0].width;
    run.actual_text += word.text;
  }
  layout::Document doc;
  doc.pages.emplace_back();
  doc.pages[0].width = x + 40;  // a reader drops text off the page
  ASSERT_LT(doc.pages[0].width, 14400);  // the largest page PDF allows
  doc.pages[0].items.push_back(run);
  const auto result = pdf::write_pdf(doc);
  ASSERT_FALSE(result.bytes.empty()) << result.error;
  const auto path = write("long-run.pdf", result.bytes);
  EXPECT_EQ(testing::run("qpdf --check " + testing::quote(path)).exit_code, 0);
  std::string text = testing::pdftotext(path);
  text.erase(std::remove_if(text.begin(), text.end(), [](char c) { return c == '\n' || c == '\f'; }), text.end());
  EXPECT_EQ(text, run.actual_text);
  const auto qdf = path.string() + ".qdf";
  testing::run("qpdf --qdf --object-streams=disable " + testing::quote(path) + " " + testing::quote(qdf));
  const auto plain = read_file(qdf).value_or("");
  size_t spans = 0;
  for (size_t at = plain.find("/ActualText"); at != std::string::npos; at = plain.find("/ActualText", at + 1)) ++spans;
  EXPECT_GE(spans, 3u);
}

}  // namespace
}  // namespace oitgen
