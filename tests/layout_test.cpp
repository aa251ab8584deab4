// Layout stage: positions and page breaks on the display list, no PDF involved.
#include <gtest/gtest.h>

#include <set>

#include "data/dataset.h"
#include "data/toml_loader.h"
#include "layout/engine.h"
#include "layout/template.h"
#include "model/office_model.h"
#include "test_support.h"

namespace oitgen::layout {
namespace {

using oitgen::testing::repo;

constexpr double cm = kPointsPerCm;

struct Rendered {
  Document doc;
  std::shared_ptr<const LayoutSpec> spec;
  Diagnostics diags;
};

Rendered render(const std::string& kind) {
  Rendered r;
  auto& res = oitgen::testing::resources();
  auto ds = data::load_dataset(repo() / "samples/nongkhai2-2565", r.diags);
  auto m = model::build_model(ds, repo() / "data", r.diags);
  r.spec = res.layout(kind, r.diags);
  EXPECT_TRUE(m.view && r.spec) << r.diags.format_all();
  if (!m.view || !r.spec) return r;
  LayoutContext ctx{res.fonts(), oitgen::testing::setter(), ds, res.root(), r.diags};
  r.doc = render_document(*r.spec, *m.view, ctx);
  EXPECT_FALSE(r.diags.has_errors()) << r.diags.format_all();
  return r;
}

bool is_thai_mark(char32_t c) { return c == 0x0E31 || (c >= 0x0E34 && c <= 0x0E3A) || (c >= 0x0E47 && c <= 0x0E4E); }

// Right end of a run's advances; marks take no advance once shaped, whatever hmtx says.
double run_right(const GlyphRunItem& run) {
  double x = 0;
  for (const auto& g : run.glyphs) {
    const auto t = run.font->text_of_glyph(g.gid);
    const bool mark = t.size() == 1 && is_thai_mark(t[0]);
    x = std::max(x, g.x + (mark ? 0 : run.font->advance(g.gid) * run.size / run.font->units_per_em()));
  }
  return run.x + x;
}

const GlyphRunItem* find_run(const Page& page, const std::string& text) {
  for (const auto& item : page.items)
    if (const auto* run = std::get_if<GlyphRunItem>(&item); run && run->actual_text == text) return run;
  return nullptr;
}

TEST(Templates, AnOptionalPathPrintsNothingWhenAbsentAndAPlainOneIsAnError) {
  Diagnostics d;
  auto tree = data::parse_toml("name = \"ปู่\"\n", "data.toml", d);
  ASSERT_TRUE(tree) << d.format_all();
  const Scope scope{tree.get(), 0, nullptr};
  EXPECT_EQ(expand_plain({"[{name?}][{caption?}]", {"layout.toml", 3, 1}}, scope, d), "[ปู่][]");
  EXPECT_FALSE(d.has_errors()) << d.format_all();
  EXPECT_EQ(expand_plain({"[{caption}]", {"layout.toml", 4, 1}}, scope, d), "[]");
  EXPECT_NE(d.format_all().find("layout.toml:4:1: error: '{caption}' names nothing in the data"), std::string::npos)
      << d.format_all();
}

TEST(AnnouncementLayout, EmblemIsThreeCentimetresHighCentredAtTheTopOfPageOne) {
  auto r = render("announcement");
  ASSERT_FALSE(r.doc.pages.empty());
  const ImageItem* emblem = nullptr;
  for (const auto& item : r.doc.pages[0].items)
    if (const auto* im = std::get_if<ImageItem>(&item)) emblem = im;
  ASSERT_NE(emblem, nullptr);
  EXPECT_NEAR(emblem->h, 3 * cm, 0.01);
  const double text_centre = (3 * cm + (r.doc.pages[0].width - 2 * cm)) / 2;
  EXPECT_NEAR(emblem->x + emblem->w / 2, text_centre, 0.01);
  EXPECT_NEAR(emblem->y + emblem->h, r.doc.pages[0].height - r.spec->margin_top, 0.01);
  for (size_t p = 1; p < r.doc.pages.size(); ++p)
    for (const auto& item : r.doc.pages[p].items) EXPECT_FALSE(std::holds_alternative<ImageItem>(item));
}

TEST(AnnouncementLayout, TextStaysInsideTheOfficialMargins) {
  auto r = render("announcement");
  for (const auto& page : r.doc.pages)
    for (const auto& item : page.items)
      if (const auto* run = std::get_if<GlyphRunItem>(&item)) {
        EXPECT_GE(run->x + (run->glyphs.empty() ? 0 : run->glyphs[0].x), 3 * cm - 0.5) << run->actual_text;
        // hmtx advances stand in for the shaped ones here (GPOS may differ by a fraction of a point)
        EXPECT_LE(run_right(*run), page.width - 2 * cm + 1.0) << run->actual_text;
        EXPECT_GE(run->y, r.spec->margin_bottom) << run->actual_text;
      }
}

TEST(AnnouncementLayout, BodyParagraphsHaveTheFirstLineIndent) {
  auto r = render("announcement");
  // The first preamble paragraph starts with "ด้วยพระราชบัญญัติข้อมูลข่าวสาร".
  const GlyphRunItem* first = find_run(r.doc.pages[0], "ด้วยพระราชบัญญัติข้อมูลข่าวสาร");
  ASSERT_NE(first, nullptr);
  EXPECT_NEAR(first->x + first->glyphs[0].x, 3 * cm + 2.5 * cm, 0.5);
}

TEST(AnnouncementLayout, ContinuationPagesCarryTheirNumberCentredAtTheTop) {
  auto r = render("announcement");
  ASSERT_GE(r.doc.pages.size(), 2u);
  EXPECT_EQ(find_run(r.doc.pages[0], "- ๑ -"), nullptr);
  const GlyphRunItem* number = find_run(r.doc.pages[1], "- ๒ -");
  ASSERT_NE(number, nullptr);
  const double centre = (3 * cm + r.doc.pages[1].width - 2 * cm) / 2;
  EXPECT_NEAR((number->x + number->glyphs.front().x + run_right(*number)) / 2, centre, 1.0);
  EXPECT_NEAR(number->y, r.doc.pages[1].height - 1.2 * cm, 0.01);
}

TEST(AnnouncementLayout, DateLineAndSignatureShareTheLastPage) {
  auto r = render("announcement");
  const Page& last = r.doc.pages.back();
  const GlyphRunItem* name = find_run(last, "(นายวรรณชัย");
  const GlyphRunItem* date = find_run(last, "ประกาศ");
  ASSERT_NE(name, nullptr);
  ASSERT_NE(date, nullptr);
  EXPECT_LT(name->y, date->y - 2 * cm);  // room to sign between them
  // The name line is centred on the signature column, right of the page centre.
  EXPECT_GT(name->x + name->glyphs[0].x, r.doc.pages.back().width / 2 - 2 * cm);
}

// A paragraph that a page break splits leaves at least two lines on each side: wherever filler
// puts it, no page holds a single line of it (neither its first line at a foot nor its last at
// a head).
TEST(AnnouncementLayout, NoParagraphLeavesASingleLineAtAPageFoot) {
  const std::string layout = R"(
[document]
title = "t"
[page]
margin_top = 2.5
margin_bottom = 2.0
[fonts.f]
regular = "fonts/Laksaman.ttf"
scale = 0.6648
[styles.body]
font = "f"
size = 16
align = "thai-distributed"

[[blocks]]
type = "text"
each = "filler"
text = "{.}"

[[blocks]]
type = "text"
text = "{long}"
)";
  std::string long_text;
  for (int i = 0; i < 12; ++i) long_text += "การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ ";
  int split = 0;
  for (int lines = 30; lines <= 44; ++lines) {
    std::string data = "long = \"" + long_text + "\"\nfiller = [";
    for (int i = 0; i < lines; ++i) data += "\"filler-" + std::to_string(i) + "\", ";  // one word
    data += "]\n";
    Diagnostics diags;
    const auto doc = oitgen::testing::render_layout("widows", layout, data, diags);
    ASSERT_FALSE(diags.has_errors()) << diags.format_all();
    int pages_with_it = 0;
    for (const auto& page : doc.pages) {
      std::set<double> baselines;  // lines of the long paragraph on this page
      for (const auto& item : page.items)
        if (const auto* run = std::get_if<GlyphRunItem>(&item); run && run->actual_text.rfind("filler", 0) != 0)
          baselines.insert(run->y);
      if (baselines.empty()) continue;
      ++pages_with_it;
      EXPECT_GE(baselines.size(), 2u) << lines << " filler lines";
    }
    split += pages_with_it > 1;
  }
  EXPECT_GT(split, 3);  // the paragraph really is split across pages in several of the cases
}

}  // namespace
}  // namespace oitgen::layout
