// Every layout proven on more than one data set: each sample is built by the real binary and read
// back — the announcement's paragraphs, the order's body, the annex's header on every annex page
// and every responsible person, the monitoring report's figures, the measures report's
// activities — with fonts embedded and qpdf clean.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "data/dataset.h"
#include "model/thai_format.h"
#include "test_support.h"
#include "util/utf.h"

namespace oitgen {
namespace {

namespace fs = std::filesystem;
using testing::contains_paragraph;
using testing::quote;
using testing::repo;
using testing::run;

class Sample : public ::testing::TestWithParam<std::string> {
 protected:
  static fs::path built(const std::string& sample) {
    static std::map<std::string, fs::path> outs;  // one build per sample for all its tests
    auto it = outs.find(sample);
    if (it != outs.end()) return it->second;
    const auto dir = testing::temp_dir("sample-" + sample);
    const auto r = run(std::string(OITGEN_BINARY) + " build " + quote(repo() / "samples" / sample) + " -o " + quote(dir));
    EXPECT_EQ(r.exit_code, 0) << r.output;
    return outs[sample] = dir;
  }
  data::NodePtr data() const {
    Diagnostics d;
    auto ds = data::load_dataset(repo() / "samples" / GetParam(), d);
    EXPECT_TRUE(ds.tree) << d.format_all();
    return ds.tree;
  }
  // The text of a PDF page by page, without the top band where the page numbers stand.
  static std::string body(const fs::path& pdf) {
    std::string text;
    for (int p = 1; p <= testing::page_count(pdf); ++p)
      text += run("pdftotext -r 72 -f " + std::to_string(p) + " -l " + std::to_string(p) + " -x 0 -y 48 -W 596 -H 800 " +
                  quote(pdf) + " -")
                  .output;
    return text;
  }
};

std::string thai(const std::string& s) { return model::to_thai_digits(s); }

TEST_P(Sample, EveryDocumentIsSoundAndReadsBack) {
  const auto out = built(GetParam());
  const auto root = data();
  ASSERT_TRUE(root);
  for (const char* kind : {"announcement", "order", "monitoring-6m", "measures-report"}) {
    const auto pdf = out / (std::string(kind) + ".pdf");
    ASSERT_TRUE(fs::exists(pdf)) << pdf;
    testing::expect_sound_pdf(pdf);
    for (char32_t c : to_u32(testing::pdftotext(pdf))) ASSERT_FALSE(c >= 0xE000 && c <= 0xF8FF) << kind;
  }
  const std::string office = thai(root->get("office")->get("name")->s);
  // The announcement: every paragraph of the data, exactly.
  const auto& a = *root->get("announcement");
  const std::string announcement = body(out / "announcement.pdf");
  std::vector<std::string> paragraphs = {"ประกาศ" + office, thai(a.get("closing")->s)};
  for (const auto& p : a.get("preamble")->array) paragraphs.push_back(thai(p->s));
  for (const auto& c : a.get("categories")->array) {
    paragraphs.push_back(thai(c->get("title")->s));
    if (const auto* items = c->get("items"))
      for (const auto& it : items->array) {
        paragraphs.push_back(thai(it->get("text")->s));
        if (const auto* bullets = it->get("bullets"))
          for (const auto& b : bullets->array) paragraphs.push_back(thai(b->s));
      }
  }
  for (const auto& p : paragraphs) EXPECT_TRUE(contains_paragraph(announcement, p)) << p;
  // The order: its body; the annex header on every annex page.
  const auto order_pdf = out / "order.pdf";
  const std::string order = body(order_pdf);
  for (const auto& p : root->get("order")->get("body")->array) EXPECT_TRUE(contains_paragraph(order, thai(p->s))) << p->s;
  int annex_pages = 0;
  for (int p = 1; p <= testing::page_count(order_pdf); ++p) {
    const std::string page = testing::pdftotext(order_pdf, p);
    if (!annex_pages && page.find("รายละเอียดข้อมูลที่เผยแพร่") == std::string::npos) continue;
    ++annex_pages;
    EXPECT_NE(page.find("ผู้รับผิดชอบ"), std::string::npos) << "page " << p;
  }
  EXPECT_GE(annex_pages, 3);
  // Every responsible person's whole name is on one line of the annex (wrapped only at its space).
  std::map<std::string, std::string> people;
  for (const auto& p : root->get("people")->array) people[p->get("id")->s] = p->get("last")->s;
  const std::string annex_text = testing::pdftotext(order_pdf);
  for (const auto& row : root->get("order")->get("annex")->get("items")->array)
    for (const auto& id : row->get("responsible")->array)
      EXPECT_NE(annex_text.find(thai(people.at(id->s))), std::string::npos) << people.at(id->s);
  // The monitoring report: the budget in one format (two decimals once any amount has satang).
  const auto& budget = *root->get("monitoring")->get("project")->get("budget");
  const double approved = budget.get("approved")->number(), spent = budget.get("spent")->number();
  const bool satang = std::fmod(spent * 100, 100) != 0 || std::fmod(approved * 100, 100) != 0;
  auto amount = [&](double v) { return thai(satang ? model::format_amount_fixed(v) : model::format_amount(v)) + " บาท"; };
  const std::string monitoring = body(out / "monitoring-6m.pdf");
  for (double v : {approved, spent, approved - spent}) EXPECT_NE(monitoring.find(amount(v)), std::string::npos) << amount(v);
  // The measures report: every improvement activity.
  const std::string measures = body(out / "measures-report.pdf");
  for (const auto& act : root->get("measures")->get("activities")->array)
    EXPECT_TRUE(contains_paragraph(measures, thai(act->get("title")->s))) << act->get("title")->s;
}

// A row longer than a page continues on the next one under the repeated header: some annex page
// starts with a row's continuation (no item number in its first row).
TEST_P(Sample, AnnexPagesRepeatTheHeader) {
  const auto pdf = built(GetParam()) / "order.pdf";
  int pages_with_header = 0;
  for (int p = 2; p <= testing::page_count(pdf); ++p)
    pages_with_header += testing::pdftotext(pdf, p).find("รายละเอียดข้อมูลที่เผยแพร่") != std::string::npos;
  EXPECT_GE(pages_with_header, 3);
}

INSTANTIATE_TEST_SUITE_P(Both, Sample, ::testing::Values("nongkhai2-2565", "udonthani1-2566"),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string n = info.param;
                           for (auto& c : n)
                             if (!isalnum(static_cast<unsigned char>(c))) c = '_';
                           return n;
                         });

}  // namespace
}  // namespace oitgen
