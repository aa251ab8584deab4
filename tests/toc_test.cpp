// The table of contents on the display list: its numbers are the pages the headings landed
// on, even when the contents themselves run over several pages and push the headings on.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include "layout/engine.h"
#include "layout/toc.h"
#include "model/thai_format.h"
#include "test_support.h"

namespace oitgen::layout {
namespace {

const char* const kLayout = R"(
[document]
title = "t"
[page]
margin_top = 2.5
margin_bottom = 2.0
[page.number]
text = "- {page} -"
from = 1
top = 1.2
[fonts.f]
regular = "fonts/Laksaman.ttf"
bold = "fonts/Laksaman-Bold.ttf"
scale = 0.6648
[styles.body]
font = "f"
size = 16
[styles.toc]
based_on = "body"

[[blocks]]
type = "text"
text = "สารบัญ"
outline = "1"

[[blocks]]
type = "toc"
style = "toc"

[[blocks]]
type = "page-break"

[[blocks]]
type = "section"
each = "chapters"

  [[blocks.blocks]]
  type = "text"
  text = "บทที่ {n} {title}"
  outline = "1"

  [[blocks.blocks]]
  type = "text"
  each = "./paragraphs"
  text = "{.}"
)";

std::string chapters(int count) {
  std::string data;
  for (int i = 1; i <= count; ++i) {
    data += "[[chapters]]\ntitle = \"การประเมินคุณธรรมและความโปร่งใส ปู่ ป่ากู้ ปั้น ฟ้ำ น้ำ ญู ฐู ฤๅษี\"\nparagraphs = [";
    for (int p = 0; p < 1 + i % 4; ++p)
      data += "\"สำนักงานเขตพื้นที่การศึกษาประถมศึกษาหนองคาย เขต 2 มีความมุ่งมั่นในการบริหารงานให้สำเร็จตามพันธกิจ "
              "อย่างมีธรรมาภิบาล และให้ความสำคัญกับการเผยแพร่ข้อมูลข่าวสาร\", ";
    data += "]\n";
  }
  return data;
}

Document render(const std::string& data, Diagnostics& diags) {
  return oitgen::testing::render_layout("toc", kLayout, data, diags);
}

// The page labels the contents print: the runs at the right edge of the text column.
std::vector<std::string> printed_labels(const Document& doc, size_t toc_pages) {
  std::vector<std::string> labels;
  const double right = doc.pages[0].width - 2.0 * kPointsPerCm;
  for (size_t p = 0; p < toc_pages; ++p)
    for (const auto& item : doc.pages[p].items)
      if (const auto* run = std::get_if<GlyphRunItem>(&item)) {
        if (run->glyphs.empty() || run->y > doc.pages[p].height - 2.5 * kPointsPerCm) continue;  // page number
        const double end = run->x + run->glyphs.back().x + 8;
        if (run->x > right - 1.5 * kPointsPerCm && end > right - 12) labels.push_back(run->actual_text);
      }
  return labels;
}

TEST(Contents, NumbersAreThePagesTheHeadingsLandOnWhenTheContentsRunOverPages) {
  Diagnostics diags;
  const Document doc = render(chapters(90), diags);
  ASSERT_FALSE(diags.has_errors()) << diags.format_all();
  ASSERT_EQ(doc.outline.size(), 91u);
  // The contents take several pages (numbered on from them), so every number the first
  // pass found was wrong.
  const size_t toc_pages = doc.outline[1].page;
  EXPECT_GE(toc_pages, 3u);
  EXPECT_EQ(doc.page_labels[toc_pages], model::to_thai_digits(std::to_string(toc_pages + 1)));
  const auto labels = printed_labels(doc, toc_pages);
  ASSERT_EQ(labels.size(), doc.outline.size());
  for (size_t i = 0; i < doc.outline.size(); ++i)
    EXPECT_EQ(labels[i], doc.page_labels[doc.outline[i].page]) << doc.outline[i].title;
  // Headings really are spread over many pages.
  EXPECT_GT(doc.outline.back().page, toc_pages + 10);
}

TEST(Contents, BadNumberingAndPhotoSettingsPointAtTheirLine) {
  const auto dir = oitgen::testing::temp_dir("toc-bad");
  const std::string head = std::string(kLayout).substr(0, std::string(kLayout).find("[[blocks]]"));
  std::ofstream(dir / "layout.toml") << head
                                      << "[[blocks]]\ntype = \"page-numbering\"\nformat = \"roman\"\n\n"
                                         "[[blocks]]\ntype = \"photos\"\neach = \"x\"\nper_row = 0\n";
  Diagnostics diags;
  EXPECT_EQ(load_layout(dir / "layout.toml", diags), nullptr);
  const std::string all = diags.format_all();
  const int blocks_line = static_cast<int>(std::count(head.begin(), head.end(), '\n')) + 1;
  EXPECT_NE(all.find("layout.toml:" + std::to_string(blocks_line + 2) + ":"), std::string::npos) << all;
  EXPECT_NE(all.find("unknown page number format 'roman'"), std::string::npos) << all;
  EXPECT_NE(all.find("'per_row' must be 1 to 6"), std::string::npos) << all;
  EXPECT_NE(all.find("missing key 'blocks.photos.src'"), std::string::npos) << all;
}

}  // namespace
}  // namespace oitgen::layout
