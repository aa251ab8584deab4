// End to end: build the shipped sample with the real binary and read the PDFs back.
#include <gtest/gtest.h>

#include <map>

#include "data/dataset.h"
#include "model/thai_format.h"
#include "test_support.h"
#include "util/utf.h"

namespace oitgen {
namespace {

using testing::quote;
using testing::repo;
using testing::page_count;
using testing::run;
using testing::sample_data;

const std::filesystem::path& sample_out() {
  static const std::filesystem::path dir = [] {
    auto d = testing::temp_dir("e2e");
    auto r = run(std::string(OITGEN_BINARY) + " build " + quote(repo() / "samples/nongkhai2-2565") + " -o " +
                 quote(d / "out"));
    EXPECT_EQ(r.exit_code, 0) << r.output;
    return d / "out";
  }();
  return dir;
}

// Every paragraph of the announcement as the data has it (digits as the layout prints them).
std::vector<std::string> announcement_paragraphs(const data::Node& root) {
  std::vector<std::string> out;
  const auto& a = *root.get("announcement");
  auto add = [&](const std::string& s) { out.push_back(model::to_thai_digits(s)); };
  for (const auto& p : a.get("preamble")->array) add(p->s);
  if (const auto* scope = a.get("scope")) add(scope->s);
  for (const auto& c : a.get("categories")->array) {
    add(c->get("title")->s);
    if (const auto* ps = c->get("paragraphs"))
      for (const auto& p : ps->array) add(p->s);
    if (const auto* items = c->get("items"))
      for (const auto& it : items->array) {
        add(it->get("text")->s);
        if (const auto* bs = it->get("bullets"))
          for (const auto& b : bs->array) add(b->s);
      }
  }
  add(a.get("closing")->s);
  add("ประกาศ" + root.get("office")->get("name")->s);
  add("เรื่อง " + a.get("subject")->s);
  return out;
}

TEST(Announcement, EveryParagraphExtractsExactly) {
  const auto pdf = sample_out() / "announcement.pdf";
  ASSERT_TRUE(std::filesystem::exists(pdf));
  const std::string text = testing::pdftotext(pdf);
  auto root = sample_data();
  const auto paragraphs = announcement_paragraphs(*root);
  EXPECT_GT(paragraphs.size(), 60u);
  for (const auto& p : paragraphs) EXPECT_TRUE(testing::contains_paragraph(text, p)) << p;
  EXPECT_TRUE(testing::contains_paragraph(text, "ประกาศ ณ วันที่ ๑๔ มกราคม พ.ศ. ๒๕๖๕"));
  EXPECT_TRUE(testing::contains_paragraph(text, "(นายวรรณชัย บุสนาม)"));
  EXPECT_TRUE(testing::contains_paragraph(text, "ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษาประถมศึกษาหนองคาย เขต ๒"));
  for (char32_t c : to_u32(text)) ASSERT_FALSE(c >= 0xE000 && c <= 0xF8FF) << codepoint_name(c);
  // Nothing the data does not have: no doubled spaces, no Arabic digits in Thai text.
  EXPECT_EQ(text.find("  "), std::string::npos);
}

TEST(Announcement, ContinuationPagesAreNumberedAtTheTop) {
  const auto pdf = sample_out() / "announcement.pdf";
  const int pages = page_count(pdf);
  ASSERT_GT(pages, 0);
  EXPECT_GE(pages, 3);
  EXPECT_EQ(testing::pdftotext(pdf, 1).find("- ๑ -"), std::string::npos);
  for (int p = 2; p <= pages; ++p) {
    const std::string page = testing::pdftotext(pdf, p);
    const std::string expected = "- " + model::to_thai_digits(std::to_string(p)) + " -";
    EXPECT_EQ(page.rfind(expected, 0), 0u) << "page " << p << ": " << page.substr(0, 40);
  }
}

TEST(Order, BodyAndAnnexExtractExactly) {
  const auto pdf = sample_out() / "order.pdf";
  ASSERT_TRUE(std::filesystem::exists(pdf));
  auto root = sample_data();
  const auto& order = *root->get("order");
  const std::string text = testing::pdftotext(pdf);
  for (const auto& p : order.get("body")->array)
    EXPECT_TRUE(testing::contains_paragraph(text, model::to_thai_digits(p->s))) << p->s;
  EXPECT_TRUE(testing::contains_paragraph(text, "ที่ ๑๖๙/๒๕๖๔"));
  EXPECT_TRUE(testing::contains_paragraph(text, "สั่ง ณ วันที่ ๒ มิถุนายน พ.ศ. ๒๕๖๔"));
  EXPECT_TRUE(testing::contains_paragraph(text, "เรื่อง " + model::to_thai_digits(order.get("subject")->s)));
  for (char32_t c : to_u32(text)) ASSERT_FALSE(c >= 0xE000 && c <= 0xF8FF) << codepoint_name(c);
}

TEST(Order, EveryAnnexPageHasTheHeaderAndEveryItemAndPersonIsFound) {
  const auto pdf = sample_out() / "order.pdf";
  auto root = sample_data();
  const int pages = page_count(pdf);
  ASSERT_GE(pages, 3);
  // The annex starts on the page after the order's signature.
  std::string ids_text, titles_text, people_text;
  int annex_pages = 0;
  for (int p = 1; p <= pages; ++p) {
    const std::string page = testing::pdftotext(pdf, p);
    if (annex_pages == 0 && page.find("แบบตรวจการเปิดเผยข้อมูลสาธารณะ") == std::string::npos) continue;
    ++annex_pages;
    EXPECT_NE(page.find("รายละเอียดข้อมูลที่เผยแพร่"), std::string::npos) << "page " << p;
    EXPECT_NE(page.find("ผู้รับผิดชอบ"), std::string::npos) << "page " << p;
    // Read the title and responsible columns on their own (cropped at their cell edges, as
    // layouts/order.toml sets them: margin 3 cm, columns 1.2, 3.4, *, 4.2 cm), so that a title
    // wrapped inside its cell reads back whole.
    auto column = [&](double x0_cm, double x1_cm, const std::string& header) {
      const double k = 72 / 2.54;
      std::string text = run("pdftotext -r 72 -f " + std::to_string(p) + " -l " + std::to_string(p) + " -x " +
                 std::to_string(static_cast<int>(x0_cm * k) + 1) + " -y 0 -W " +
                 std::to_string(static_cast<int>((x1_cm - x0_cm) * k) - 2) + " -H 842 " + quote(pdf) + " -")
          .output;
      // The repeated header cell is not part of the rows.
      if (auto at = text.find(header + "\n"); at != std::string::npos) text.erase(at, header.size() + 1);
      return text;
    };
    // Per column across pages: a row split over a page break continues its cells there.
    ids_text += column(3.0, 4.2, "ข้อ") + "\n";
    titles_text += column(4.2, 7.6, "ข้อมูล") + "\n";
    people_text += column(19.0 - 4.2, 19.0, "ผู้รับผิดชอบ") + "\n";
  }
  EXPECT_GE(annex_pages, 3);
  std::map<std::string, std::string> people;
  for (const auto& p : root->get("people")->array)
    people[p->get("id")->s] = p->get("title")->s + p->get("first")->s + " " + p->get("last")->s;
  int items = 0;
  for (const auto& row : root->get("order")->get("annex")->get("items")->array) {
    ++items;
    const std::string title = model::to_thai_digits(row->get("title")->s);
    EXPECT_TRUE(testing::contains_paragraph(titles_text, title)) << title;
    EXPECT_NE(ids_text.find(row->get("item")->s + "\n"), std::string::npos) << row->get("item")->s;
    for (const auto& id : row->get("responsible")->array)
      EXPECT_TRUE(testing::contains_paragraph(people_text, people.at(id->s))) << people.at(id->s);
  }
  EXPECT_EQ(items, 43);
}

TEST(Announcement, FontsStructureAndDeterminism) {
  for (const char* kind : {"announcement", "order", "monitoring-6m"}) {
  SCOPED_TRACE(kind);
  const auto pdf = sample_out() / (std::string(kind) + ".pdf");
  EXPECT_GE(testing::expect_sound_pdf(pdf), 2u);  // regular and bold
  const auto info = run("pdfinfo " + quote(pdf)).output;
  auto field = [&](const std::string& name) {
    const auto at = info.find(name + ":");
    if (at == std::string::npos) return std::string();
    const auto start = info.find_first_not_of(' ', at + name.size() + 1);
    return info.substr(start, info.find('\n', start) - start);
  };
  EXPECT_EQ(field("PDF version"), "1.5");
  EXPECT_EQ(field("Author"), "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาหนองคาย เขต ๒");
  const std::map<std::string, std::string> title_word = {
      {"announcement", "ประกาศ"}, {"order", "คำสั่ง"}, {"monitoring-6m", "รายงานการกำกับติดตาม"}};
  EXPECT_NE(field("Title").find(title_word.at(kind)), std::string::npos);
  // A second build into another folder gives the same bytes.
  auto again = testing::temp_dir("e2e-again");
  auto r = run(std::string(OITGEN_BINARY) + " build " + quote(repo() / "samples/nongkhai2-2565") + " -o " +
               quote(again) + " --only " + kind);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(*read_file(pdf), *read_file(again / (std::string(kind) + ".pdf")));
  }
}

}  // namespace
}  // namespace oitgen
