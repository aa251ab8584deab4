// End to end: build the shipped sample with the real binary and read the PDFs back.
#include <gtest/gtest.h>

#include "data/dataset.h"
#include "model/thai_format.h"
#include "test_support.h"
#include "util/utf.h"

namespace oitgen {
namespace {

using testing::quote;
using testing::repo;
using testing::run;

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

data::NodePtr sample_data() {
  Diagnostics d;
  auto ds = data::load_dataset(repo() / "samples/nongkhai2-2565", d);
  EXPECT_TRUE(ds.tree) << d.format_all();
  return ds.tree;
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
  const auto info = run("pdfinfo " + quote(pdf)).output;
  const auto at = info.find("Pages:");
  ASSERT_NE(at, std::string::npos);
  const int pages = std::stoi(info.substr(at + 6));
  EXPECT_GE(pages, 3);
  EXPECT_EQ(testing::pdftotext(pdf, 1).find("- ๑ -"), std::string::npos);
  for (int p = 2; p <= pages; ++p) {
    const std::string page = testing::pdftotext(pdf, p);
    const std::string expected = "- " + model::to_thai_digits(std::to_string(p)) + " -";
    EXPECT_EQ(page.rfind(expected, 0), 0u) << "page " << p << ": " << page.substr(0, 40);
  }
}

TEST(Announcement, FontsStructureAndDeterminism) {
  const auto pdf = sample_out() / "announcement.pdf";
  const auto fonts = run("pdffonts " + quote(pdf)).output;
  int rows = 0;
  std::istringstream in(fonts);
  for (std::string line; std::getline(in, line);)
    if (line.find("CID TrueType") != std::string::npos) {
      ++rows;
      EXPECT_NE(line.find("yes yes yes"), std::string::npos) << line;
    }
  EXPECT_GE(rows, 2);  // regular and bold
  EXPECT_EQ(run("qpdf --check " + quote(pdf)).exit_code, 0);
  const auto info = run("pdfinfo " + quote(pdf)).output;
  auto field = [&](const std::string& name) {
    const auto at = info.find(name + ":");
    if (at == std::string::npos) return std::string();
    const auto start = info.find_first_not_of(' ', at + name.size() + 1);
    return info.substr(start, info.find('\n', start) - start);
  };
  EXPECT_EQ(field("PDF version"), "1.5");
  EXPECT_EQ(field("Author"), "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาหนองคาย เขต ๒");
  // A second build into another folder gives the same bytes.
  auto again = testing::temp_dir("e2e-again");
  auto r = run(std::string(OITGEN_BINARY) + " build " + quote(repo() / "samples/nongkhai2-2565") + " -o " +
               quote(again) + " --only announcement");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(*read_file(pdf), *read_file(again / "announcement.pdf"));
}

}  // namespace
}  // namespace oitgen
