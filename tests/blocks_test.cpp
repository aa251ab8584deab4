// Layout block kinds on the display list: each kind rejects keys it does not know, the chart is
// drawn as vectors with its labels as text, tables flow `across`, includes compose documents
// and refuse cycles, and the template's list filters join in Thai.
#include <gtest/gtest.h>

#include <fstream>
#include <map>

#include "layout/block_engine.h"
#include "layout/blocks/block_kind.h"
#include "model/thai_format.h"
#include "test_support.h"

namespace oitgen::layout {
namespace {

int line_of(const std::string& text, const std::string& needle) {
  return static_cast<int>(std::count(text.begin(), text.begin() + text.find(needle), '\n')) + 1;
}

std::string runs_text(const Document& doc) {
  std::string out;
  for (const auto& page : doc.pages)
    for (const auto& item : page.items)
      if (const auto* run = std::get_if<GlyphRunItem>(&item)) out += run->actual_text + " ";
  return out;
}

TEST(Blocks, EachKindRejectsKeysItDoesNotKnow) {
  const std::string layout = std::string(testing::kTableLayoutHead) +
                             "[[blocks]]\ntype = \"rule\"\nper_row = 2\n\n"
                             "[[blocks]]\ntype = \"chart\"\nlabel = \"{year}\"\nvalue = \"score\"\ncolumns = 3\n";
  Diagnostics diags;
  auto doc = testing::render_layout("blocks-keys", layout, "", diags);
  const std::string all = diags.format_all();
  EXPECT_NE(all.find("layout.toml:" + std::to_string(line_of(layout, "per_row")) + ":11: error: unknown key "
                     "'blocks.rule.per_row'"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("layout.toml:" + std::to_string(line_of(layout, "columns = 3")) + ":11: error: unknown key "
                     "'blocks.chart.columns'"),
            std::string::npos)
      << all;
  // Each problem once.
  EXPECT_EQ(std::count(all.begin(), all.end(), '\n'), 2) << all;
}

TEST(Blocks, ChartIsDrawnWithRulesAndRectanglesAndItsLabelsAreText) {
  const std::string layout = std::string(testing::kTableLayoutHead) + R"(
[[blocks]]
type = "chart"
each = "years"
label = "{year}"
value = "score"
min = 0
max = 100
step = 25
)";
  const std::string data = R"(
[[years]]
year = 2563
score = 40.5
[[years]]
year = 2564
score = 80.25
[[years]]
year = 2565
score = 60
)";
  Diagnostics diags;
  const auto doc = testing::render_layout("blocks-chart", layout, data, diags);
  ASSERT_FALSE(diags.has_errors()) << diags.format_all();
  ASSERT_EQ(doc.pages.size(), 1u);
  int bars = 0, images = 0;
  std::vector<double> heights;
  for (const auto& item : doc.pages[0].items) {
    if (const auto* r = std::get_if<RectItem>(&item); r && r->stroke_width > 0) {
      ++bars;
      heights.push_back(r->h);
    }
    images += std::holds_alternative<ImageItem>(item);
  }
  EXPECT_EQ(images, 0);
  ASSERT_EQ(bars, 3);
  // Bars are as tall as their values on a 0–100 axis.
  EXPECT_NEAR(heights[1] / heights[0], 80.25 / 40.5, 1e-6);
  EXPECT_NEAR(heights[2] / heights[0], 60 / 40.5, 1e-6);
  const std::string text = runs_text(doc);
  for (const char* label : {"๔๐.๕๐", "๘๐.๒๕", "๖๐.๐๐", "๒๕๖๓", "๒๕๖๔", "๒๕๖๕", "๐", "๒๕", "๕๐", "๗๕", "๑๐๐"})
    EXPECT_NE(text.find(std::string(label) + " "), std::string::npos) << label << " in " << text;
  // A value that is not a number is an error at the template.
  Diagnostics bad;
  testing::render_layout("blocks-chart-bad", layout, "[[years]]\nyear = 2563\nscore = \"high\"\n", bad);
  EXPECT_NE(bad.format_all().find("the chart's value 'score' must name a number"), std::string::npos)
      << bad.format_all();
}

TEST(Blocks, TableAcrossFlowsDownThenAcross) {
  const std::string layout = std::string(testing::kTableLayoutHead) + R"(
[[blocks]]
type = "table"
each = "items"
across = 3

  [[blocks.columns]]
  header = "ข้อ"
  width = "*"
  text = "{id}"
  fill_when = "zero"
  fill = 0.7
)";
  std::string data;
  for (int i = 1; i <= 7; ++i)
    data += "[[items]]\nid = \"O" + std::to_string(i) + "\"\nzero = " + (i == 5 ? "true" : "false") + "\n";
  Diagnostics diags;
  const auto doc = testing::render_layout("blocks-across", layout, data, diags);
  ASSERT_FALSE(diags.has_errors()) << diags.format_all();
  // Three rows: O1 O4 O7 / O2 O5 / O3 O6, under a header repeated per copy.
  struct Cell {
    std::string text;
    double x, y;
  };
  std::vector<Cell> cells;
  for (const auto& item : doc.pages[0].items)
    if (const auto* run = std::get_if<GlyphRunItem>(&item)) cells.push_back({run->actual_text, run->x, run->y});
  auto find = [&](const std::string& t) {
    for (const auto& c : cells)
      if (c.text == t) return c;
    ADD_FAILURE() << t;
    return Cell{};
  };
  EXPECT_EQ(std::count_if(cells.begin(), cells.end(), [](auto& c) { return c.text == "ข้อ"; }), 3);
  EXPECT_NEAR(find("O1").y, find("O4").y, 0.01);
  EXPECT_NEAR(find("O1").y, find("O7").y, 0.01);
  EXPECT_NEAR(find("O3").y, find("O6").y, 0.01);
  EXPECT_LT(find("O1").x, find("O4").x);
  EXPECT_LT(find("O4").x, find("O7").x);
  EXPECT_GT(find("O1").y, find("O2").y);  // PDF y grows upwards
  int shaded = 0;
  for (const auto& item : doc.pages[0].items)
    if (const auto* r = std::get_if<RectItem>(&item); r && r->fill_gray == 0.7) ++shaded;
  EXPECT_EQ(shaded, 1);  // O5 only
}

TEST(Blocks, ListFilterJoinsInThaiAndThaiDigitsReachCodes) {
  const std::string layout = std::string(testing::kTableLayoutHead) + R"(
[[blocks]]
type = "text"
text = "{items|list|thai-digits} / {people|list({name} {score|fixed})} / {one|list} / {none|list}"
)";
  const std::string data = R"(
items = ["O14", "O20", "O43"]
one = ["O7"]
none = []
[[people]]
name = "ก"
score = 1
[[people]]
name = "ข"
score = 2.5
)";
  Diagnostics diags;
  const auto doc = testing::render_layout("blocks-list", layout, data, diags);
  ASSERT_FALSE(diags.has_errors()) << diags.format_all();
  EXPECT_NE(runs_text(doc).find("O๑๔, O๒๐ และ O๔๓ / ก ๑.๐๐ และ ข ๒.๕๐ / O7 /"), std::string::npos) << runs_text(doc);
}

TEST(Blocks, IncludeRefusesCyclesAndUnknownParts) {
  const auto dir = testing::temp_dir("blocks-include");
  std::ofstream(dir / "a.toml") << testing::kTableLayoutHead << "[[blocks]]\ntype = \"include\"\nlayout = \"b\"\n";
  std::ofstream(dir / "b.toml") << testing::kTableLayoutHead << "[[blocks]]\ntype = \"include\"\nlayout = \"a\"\n";
  std::ofstream(dir / "c.toml") << testing::kTableLayoutHead << "[[blocks]]\ntype = \"include\"\nlayout = \"a\"\npart = \"nothing\"\n";
  std::ofstream(dir / "d.toml") << testing::kTableLayoutHead
                                << "[[blocks]]\ntype = \"text\"\nname = \"p\"\ntext = \"ส่วน\"\n\n"
                                   "[[blocks]]\ntype = \"text\"\ntext = \"อื่น\"\n";
  std::ofstream(dir / "e.toml") << testing::kTableLayoutHead
                                << "[[blocks]]\ntype = \"text\"\ntext = \"ก่อน\"\n\n"
                                   "[[blocks]]\ntype = \"include\"\nlayout = \"d\"\npart = \"p\"\ntitle = \"ส่วนที่รวม\"\n"
                                   "outline = \"1\"\n";
  auto& res = testing::resources();
  auto loader = [&](const std::string& kind, Diagnostics& d) { return load_layout(dir / (kind + ".toml"), d); };
  auto render = [&](const std::string& kind, Diagnostics& diags) {
    auto spec = load_layout(dir / (kind + ".toml"), diags);
    data::Dataset ds{dir, std::make_shared<data::Node>()};
    LayoutContext ctx{res.fonts(), testing::setter(), ds, res.root(), diags, loader};
    data::TableBuilder root;
    return render_document(*spec, *root.freeze(), ctx);
  };
  Diagnostics cycle;
  render("a", cycle);
  const std::string b_text = std::string(testing::kTableLayoutHead) + "[[blocks]]";
  EXPECT_NE(cycle.format_all().find("b.toml:" + std::to_string(line_of(b_text, "[[blocks]]")) +
                                    ":1: error: layout 'a' includes itself"),
            std::string::npos)
      << cycle.format_all();
  Diagnostics part;
  render("c", part);
  EXPECT_NE(part.format_all().find("c.toml:" + std::to_string(line_of(b_text, "[[blocks]]")) +
                                   ":1: error: layout 'a' has no block named 'nothing'"),
            std::string::npos)
      << part.format_all();
  // A part: only the named block, on pages of its own after what came before, under a bookmark.
  Diagnostics ok;
  const auto doc = render("e", ok);
  ASSERT_FALSE(ok.has_errors()) << ok.format_all();
  ASSERT_EQ(doc.pages.size(), 2u);
  EXPECT_EQ(runs_text(doc).find("อื่น"), std::string::npos);
  ASSERT_EQ(doc.outline.size(), 1u);
  EXPECT_EQ(doc.outline[0].title, "ส่วนที่รวม");
  EXPECT_EQ(doc.outline[0].page, 1u);
  EXPECT_EQ(doc.outline[0].last_page, std::optional<size_t>(1));
}

}  // namespace
}  // namespace oitgen::layout

namespace oitgen::layout {
namespace {

// Wherever filler text puts it, a heading (a block with an outline level, its style silent on
// keeping) never ends a page: it moves to the page of the paragraph it heads.
TEST(Blocks, HeadingsKeepWithWhatFollows) {
  const std::string layout = std::string(testing::kTableLayoutHead) + R"(
[[blocks]]
type = "text"
each = "filler"
text = "{.}"

[[blocks]]
type = "text"
outline = "1"
text = "หัวข้อสำคัญ"

[[blocks]]
type = "text"
text = "ย่อหน้าที่ตามหัวข้อ"
)";
  for (int lines = 30; lines <= 50; ++lines) {
    std::string data = "filler = [";
    for (int i = 0; i < lines; ++i) data += "\"บรรทัดที่ " + std::to_string(i) + "\", ";
    data += "]\n";
    Diagnostics diags;
    const auto doc = testing::render_layout("blocks-heading", layout, data, diags);
    ASSERT_FALSE(diags.has_errors()) << diags.format_all();
    int heading_page = -1, next_page = -2;
    for (size_t p = 0; p < doc.pages.size(); ++p)
      for (const auto& item : doc.pages[p].items)
        if (const auto* run = std::get_if<GlyphRunItem>(&item)) {
          if (run->actual_text == "หัวข้อสำคัญ") heading_page = static_cast<int>(p);
          if (run->actual_text == "ย่อหน้าที่ตามหัวข้อ") next_page = static_cast<int>(p);
        }
    EXPECT_EQ(heading_page, next_page) << lines << " filler lines";
  }
}

}  // namespace
}  // namespace oitgen::layout

namespace oitgen::layout {
namespace {

// A spacer the layout puts at the top of a page (after a page break, or first in the document)
// stays: a back cover's names are placed down the page. With drop_at_page_top it goes.
TEST(Blocks, SpacerAfterAPageBreakStays) {
  auto first_baseline = [](const std::string& spacer_keys) {
    const std::string layout = std::string(testing::kTableLayoutHead) +
                               "[[blocks]]\ntype = \"text\"\ntext = \"หน้าแรก\"\n\n"
                               "[[blocks]]\ntype = \"page-break\"\n\n"
                               "[[blocks]]\ntype = \"spacer\"\nheight = 10.0\n" + spacer_keys + "\n"
                               "[[blocks]]\ntype = \"text\"\ntext = \"ปกหลัง\"\n";
    Diagnostics diags;
    const auto doc = testing::render_layout("blocks-spacer", layout, "", diags);
    EXPECT_FALSE(diags.has_errors()) << diags.format_all();
    EXPECT_EQ(doc.pages.size(), 2u);
    for (const auto& item : doc.pages.back().items)
      if (const auto* run = std::get_if<GlyphRunItem>(&item)) return std::make_pair(run->y, doc.pages.back().height);
    return std::make_pair(0.0, 0.0);
  };
  const auto [kept, height] = first_baseline("");
  const auto [dropped, unused] = first_baseline("drop_at_page_top = true\n");
  (void)unused;
  // 2.5 cm margin, 10 cm of space, then the line.
  EXPECT_NEAR(height - kept, (2.5 + 10.0) * kPointsPerCm, 20) << kept;
  EXPECT_NEAR(dropped - kept, 10.0 * kPointsPerCm, 0.01);
}

}  // namespace
}  // namespace oitgen::layout

namespace oitgen::layout {
namespace {

// A long web address breaks after '/', '.', '-' or '@' instead of going whole to the next line
// and leaving a short one before it; nothing is added to the text (no hyphen).
TEST(Blocks, LongAddressesBreakInsideAndLeaveNoShortLine) {
  const std::string layout = std::string(testing::kTableLayoutHead) + R"(
[styles.plain]
font = "f"
size = 16
align = "left"

[[blocks]]
type = "text"
style = "plain"
text = "{t}"
)";
  const std::string url = "https://www.nongkhai2.go.th/ita-2565/o42-measures/integrity-and-transparency/report-final.pdf";
  const std::string source = "ดูรายละเอียดได้ที่ " + url + " หรือติดต่อ saraban-office-nongkhai2@obec-nongkhai2.go.th";
  Diagnostics diags;
  const auto doc = testing::render_layout("blocks-url", layout, "t = \"" + source + "\"\n", diags);
  ASSERT_FALSE(diags.has_errors()) << diags.format_all();
  std::map<double, std::pair<double, std::string>, std::greater<>> lines;  // baseline -> right edge, text
  for (const auto& item : doc.pages[0].items)
    if (const auto* run = std::get_if<GlyphRunItem>(&item)) {
      auto& [right, text] = lines[run->y];
      right = std::max(right, run->x + run->glyphs.back().x + 6);
      text += run->actual_text;
    }
  ASSERT_GE(lines.size(), 2u);
  const double column = doc.pages[0].width - 5 * kPointsPerCm;
  std::string joined;
  size_t i = 0;
  for (const auto& [y, line] : lines) {
    if (++i < lines.size()) {
      EXPECT_GT(line.first - 3 * kPointsPerCm, 0.7 * column) << line.second;
    }
    joined += line.second;
  }
  std::string expected = source;
  std::erase(expected, ' ');
  EXPECT_EQ(joined, expected);
}

}  // namespace
}  // namespace oitgen::layout

namespace oitgen::layout {
namespace {

// A person's name kept whole that does not fit its narrow cell wraps at its space: title and
// given name, then the surname whole, never a piece of the surname alone.
TEST(Blocks, NameTooWideForItsCellWrapsAtItsSpace) {
  const std::string layout = std::string(testing::kTableLayoutHead) + R"(
[[blocks]]
type = "table"
each = "people"

  [[blocks.columns]]
  width = 3.2
  text = "{full_name}"
)";
  const std::string data = "[[people]]\nfull_name = \"นางสาวณัฏฐา วิเศษศิริกานต์กุล\"\n";
  Diagnostics diags;
  const auto doc = testing::render_layout("blocks-name", layout, data, diags);
  ASSERT_FALSE(diags.has_errors()) << diags.format_all();
  std::map<double, std::string, std::greater<>> lines;
  for (const auto& item : doc.pages[0].items)
    if (const auto* run = std::get_if<GlyphRunItem>(&item)) lines[run->y] += run->actual_text;
  std::vector<std::string> texts;
  for (const auto& [y, t] : lines) texts.push_back(t);
  EXPECT_EQ(texts, (std::vector<std::string>{"นางสาวณัฏฐา", "วิเศษศิริกานต์กุล"}));
}

// A justified line never grows its gaps by more than the style's max_stretch: past it the line
// stays as set.
TEST(Blocks, JustifiedLinesStretchNoMoreThanTheStyleAllows) {
  auto gap_growth = [](const std::string& max_stretch) {
    const std::string layout = std::string(testing::kTableLayoutHead) + "[styles.j]\nfont = \"f\"\nsize = 16\nalign = \"justify\"\n" +
                               max_stretch + "\n[[blocks]]\ntype = \"text\"\nstyle = \"j\"\ntext = \"{t}\"\n";
    // Many short words: the first line ends a little short and needs small gaps spread wider.
    std::string words;
    for (int i = 0; i < 40; ++i) words += "abcde ";
    const std::string data = "t = \"" + words + "\"\n";
    Diagnostics diags;
    const auto doc = testing::render_layout("blocks-stretch", layout, data, diags);
    EXPECT_FALSE(diags.has_errors()) << diags.format_all();
    std::vector<double> xs;
    double first_y = -1;
    for (const auto& item : doc.pages[0].items)
      if (const auto* run = std::get_if<GlyphRunItem>(&item)) {
        if (first_y < 0) first_y = run->y;
        if (run->y == first_y) xs.push_back(run->x + run->glyphs.front().x);
      }
    return xs;
  };
  const auto loose = gap_growth("");
  const auto tight = gap_growth("max_stretch = 0.05");
  ASSERT_EQ(loose.size(), tight.size());
  ASSERT_GE(loose.size(), 2u);
  EXPECT_GT(loose.back(), tight.back() + 2);  // the default stretched the line, the style forbade it
}

}  // namespace
}  // namespace oitgen::layout

namespace oitgen::layout {
namespace {

// No paragraph ends with one short word alone on its last line: a word comes down with it.
TEST(Blocks, NoOrphanWordOnALastLine) {
  const std::string layout = std::string(testing::kTableLayoutHead) + "[[blocks]]\ntype = \"text\"\ntext = \"{t}\"\n";
  for (int n = 15; n <= 60; ++n) {
    std::string words;
    for (int i = 0; i < n; ++i) words += "ข้อมูล" + std::string(i % 3 ? "" : "ข่าวสาร") + " ";
    Diagnostics diags;
    const auto doc = testing::render_layout("blocks-orphan", layout, "t = \"" + words + "\"\n", diags);
    ASSERT_FALSE(diags.has_errors()) << diags.format_all();
    std::map<double, int, std::greater<>> words_on_line;
    for (const auto& item : doc.pages[0].items)
      if (std::holds_alternative<GlyphRunItem>(item)) ++words_on_line[std::get<GlyphRunItem>(item).y];
    if (words_on_line.size() < 2) continue;
    EXPECT_GE(words_on_line.rbegin()->second, 2) << n << " words";
  }
}

}  // namespace
}  // namespace oitgen::layout
