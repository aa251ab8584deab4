// Table engine on the display list: header repetition, row splitting, merged cells, narrow and
// empty cells, a table that starts near a page's foot.
#include <gtest/gtest.h>


#include "layout/engine.h"
#include "test_support.h"
#include "model/thai_format.h"
#include "util/utf.h"

namespace oitgen::layout {
namespace {

struct Rendered {
  Document doc;
  Diagnostics diags;
};

// Renders a layout made of testing::kTableLayoutHead + `blocks` over the TOML `data`.
Rendered render(const std::string& blocks, const std::string& data) {
  Rendered r;
  r.doc = oitgen::testing::render_layout("table", testing::kTableLayoutHead + blocks, data, r.diags);
  EXPECT_FALSE(r.diags.has_errors()) << r.diags.format_all();
  return r;
}

std::vector<std::string> texts(const Page& page) {
  std::vector<std::string> out;
  for (const auto& item : page.items)
    if (const auto* run = std::get_if<GlyphRunItem>(&item)) out.push_back(run->actual_text);
  return out;
}

size_t count(const std::vector<std::string>& v, const std::string& s) {
  return static_cast<size_t>(std::count(v.begin(), v.end(), s));
}

std::string rows_data(int n, const std::string& extra = "") {
  std::string d;
  for (int i = 1; i <= n; ++i)
    d += "[[rows]]\nname = \"แถว" + std::to_string(i) + "\"\nnote = \"หมายเหตุ\"\n" + extra;
  return d;
}

const char* const kSimpleTable = R"(
[[blocks]]
type = "table"
each = "rows"
  [[blocks.columns]]
  header = "ชื่อรายการ"
  width = 4
  text = "{name}"
  [[blocks.columns]]
  header = "บันทึก"
  width = "*"
  text = "{note}"
)";

TEST(Table, HeaderRowRepeatsOnEveryPage) {
  auto r = render(kSimpleTable, rows_data(80));
  ASSERT_GE(r.doc.pages.size(), 3u);
  for (const auto& page : r.doc.pages) {
    const auto t = texts(page);
    EXPECT_EQ(count(t, "ชื่อรายการ"), 1u);
    EXPECT_EQ(count(t, "บันทึก"), 1u);
  }
  // Every row exactly once.
  std::vector<std::string> all;
  for (const auto& page : r.doc.pages)
    for (auto& s : texts(page)) all.push_back(s);
  for (int i = 1; i <= 80; ++i) EXPECT_EQ(count(all, "แถว" + model::to_thai_digits(std::to_string(i))), 1u) << i;
}

TEST(Table, RowLongerThanAPageSplitsWithoutLosingOrDoublingALine) {
  std::string para;
  for (int i = 1; i <= 90; ++i) para += "\"บรรทัดที่" + std::to_string(i) + "\", ";
  const std::string data = "[[rows]]\nname = \"ยาว\"\nlines = [" + para + "]\n";
  auto r = render(R"(
[[blocks]]
type = "table"
each = "rows"
  [[blocks.columns]]
  header = "ชื่อ"
  width = 3
  text = "{name}"
  [[blocks.columns]]
  header = "รายละเอียด"
  width = "*"
    [[blocks.columns.blocks]]
    type = "text"
    style = "table-cell"
    each = "lines"
    text = "{.}"
)",
                  data);
  ASSERT_GE(r.doc.pages.size(), 2u);
  std::vector<std::string> seen;
  for (const auto& page : r.doc.pages) {
    EXPECT_EQ(count(texts(page), "รายละเอียด"), 1u);  // header on each page of the row
    for (auto& s : texts(page))
      if (s.rfind("บรรทัดที่", 0) == 0) seen.push_back(s);
  }
  ASSERT_EQ(seen.size(), 90u);
  for (int i = 1; i <= 90; ++i) EXPECT_EQ(seen[i - 1], "บรรทัดที่" + model::to_thai_digits(std::to_string(i)));
}

TEST(Table, MergedColumnPrintsEqualConsecutiveValuesOnce) {
  const std::string data =
      "[[rows]]\nkind = \"ตัวชี้วัด ก\"\nname = \"หนึ่ง\"\n"
      "[[rows]]\nkind = \"ตัวชี้วัด ก\"\nname = \"สอง\"\n"
      "[[rows]]\nkind = \"ตัวชี้วัด ข\"\nname = \"สาม\"\n";
  auto r = render(R"(
[[blocks]]
type = "table"
each = "rows"
  [[blocks.columns]]
  header = "ตัวชี้วัด"
  width = 4
  text = "{kind}"
  merge = true
  [[blocks.columns]]
  header = "รายการ"
  width = "*"
  text = "{name}"
)",
                  data);
  ASSERT_EQ(r.doc.pages.size(), 1u);
  const auto t = texts(r.doc.pages[0]);
  EXPECT_EQ(count(t, "ข"), 1u);
  EXPECT_EQ(count(t, "ก"), 1u);  // "ตัวชี้วัด ก" printed once for two rows
  EXPECT_EQ(count(t, "สอง"), 1u);
  // No rule between the two merged cells: count horizontal rules at the merged column's left edge.
  int horizontal_in_first_column = 0;
  for (const auto& item : r.doc.pages[0].items)
    if (const auto* rule = std::get_if<RuleItem>(&item); rule && rule->y1 == rule->y2 && rule->x2 - rule->x1 < 4 * kPointsPerCm + 1 &&
                                                          std::abs(rule->x1 - 3 * kPointsPerCm) < 0.1)
      ++horizontal_in_first_column;
  // header: top+bottom (2), row 1: top (1), row 2: bottom (1), row 3: top+bottom (2)
  EXPECT_EQ(horizontal_in_first_column, 6);
}

TEST(Table, CellNarrowerThanAWordBreaksBetweenClusters) {
  const std::string word = "ผู้มีส่วนได้ส่วนเสียปู่ป่ากู้ปั้นฟ้ำน้ำ";
  auto r = render(R"(
[[blocks]]
type = "table"
each = "rows"
  [[blocks.columns]]
  header = "ก"
  width = 0.8
  text = "{name}"
  [[blocks.columns]]
  header = "ข"
  width = "*"
  text = "{note}"
)",
                  "[[rows]]\nname = \"" + word + "\"\nnote = \"x\"\n");
  std::string joined;
  auto& breaker = oitgen::testing::setter().breaker();
  for (const auto& s : texts(r.doc.pages[0])) {
    if (s == "ก" || s == "ข" || s == "x") continue;
    const auto u = to_u32(s);
    EXPECT_TRUE(breaker.cluster_starts(u)[0]) << s;
    joined += s;
  }
  EXPECT_EQ(joined, word);
}

TEST(Table, EmptyCellKeepsTheRow) {
  auto r = render(kSimpleTable, "[[rows]]\nname = \"มีชื่อ\"\nnote = \"\"\n[[rows]]\nname = \"ถัดไป\"\nnote = \"ข้อความ\"\n");
  const auto t = texts(r.doc.pages[0]);
  EXPECT_EQ(count(t, "มีชื่อ"), 1u);
  EXPECT_EQ(count(t, "ข้อความ"), 1u);
}

TEST(Table, StartingNearAPageFootMovesTheHeaderWithItsFirstRow) {
  // One line of text and a spacer leave room for the header but not for header and first row.
  auto r = render(R"(
[[blocks]]
type = "text"
text = "ข้อความนำ"
[[blocks]]
type = "spacer"
height = 23.3
)" + std::string(kSimpleTable),
                  rows_data(3));
  ASSERT_EQ(r.doc.pages.size(), 2u);
  EXPECT_EQ(count(texts(r.doc.pages[0]), "ชื่อรายการ"), 0u);  // not alone at the foot of page 1
  EXPECT_EQ(count(texts(r.doc.pages[1]), "ชื่อรายการ"), 1u);
  EXPECT_EQ(count(texts(r.doc.pages[1]), "แถว๑"), 1u);
}

}  // namespace
}  // namespace oitgen::layout
