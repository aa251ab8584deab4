// Tagged PDF (DESIGN "Tagged PDF"): pdf::build_structure on hand-made display lists (marks,
// MCIDs, the parent tree, kids in reading order, what is kept and dropped, heading levels,
// content on two pages, Latin runs), and the layout's structure nodes over every document of
// both samples (every drawn item tagged or an artifact, nodes valid with parents first, a
// table row split by a page break one node on both pages).
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "data/dataset.h"
#include "layout/box.h"
#include "layout/engine.h"
#include "layout/paginate.h"
#include "model/office_model.h"
#include "pdf/structure.h"
#include "test_support.h"

namespace oitgen {
namespace {

using layout::Artifact;
using layout::Role;
using pdf::StructureTree;

// ---------------------------------------------------------------- hand-made display lists

struct Doc {
  layout::Document doc;
  Doc() { doc.structure.push_back({Role::Document, -1}); }
  int32_t node(Role role, int32_t parent = 0, int level = 0) {
    layout::StructNode n;
    n.role = role;
    n.parent = parent;
    n.level = level;
    doc.structure.push_back(n);
    return static_cast<int32_t>(doc.structure.size() - 1);
  }
  layout::Page& page(size_t p) {
    while (doc.pages.size() <= p) doc.pages.emplace_back();
    return doc.pages[p];
  }
  // A glyph run (no glyphs: build_structure reads its text only) on page p.
  void run(size_t p, int32_t node, const std::string& text = "ข้อความ", Artifact a = Artifact::None) {
    layout::GlyphRunItem r;
    r.actual_text = text;
    r.node = node;
    r.artifact = a;
    page(p).items.emplace_back(std::move(r));
  }
  void rule(size_t p) { page(p).items.emplace_back(layout::RuleItem{}); }  // a Layout artifact
  void image(size_t p, int32_t node) {
    layout::ImageItem im;
    im.node = node;
    page(p).items.emplace_back(std::move(im));
  }
};

// The element a node became: the one whose kids hold the node's first MCID on `page`.
int32_t element_with(const StructureTree& t, size_t page, int mcid) {
  return page < t.parent_tree.size() && mcid >= 0 && static_cast<size_t>(mcid) < t.parent_tree[page].size()
             ? t.parent_tree[page][static_cast<size_t>(mcid)]
             : -1;
}

std::vector<std::string> kid_types(const StructureTree& t, int32_t e) {
  std::vector<std::string> out;
  for (const auto& k : t.elements[static_cast<size_t>(e)].kids)
    out.push_back(k.element >= 0 ? t.elements[static_cast<size_t>(k.element)].type : "mc" + std::to_string(k.mcid));
  return out;
}

// What every tree must be, whatever the input: a mark per item, each drawn item tagged or an
// artifact; MCIDs numbered 0… per page, each the kid of exactly one element, the one the parent
// tree names; elements' parents before them and each element the kid of its parent.
void expect_sound(const StructureTree& t, const layout::Document& doc) {
  ASSERT_EQ(t.marks.size(), doc.pages.size());
  ASSERT_EQ(t.parent_tree.size(), doc.pages.size());
  ASSERT_FALSE(t.elements.empty());
  EXPECT_EQ(t.elements[0].parent, -1);
  std::map<std::pair<size_t, int>, int> named;  // (page, mcid) -> how many kids name it
  std::map<std::pair<size_t, int>, int32_t> owner;
  for (size_t e = 0; e < t.elements.size(); ++e) {
    const auto& el = t.elements[e];
    if (e > 0) {
      ASSERT_GE(el.parent, 0) << e;
      ASSERT_LT(static_cast<size_t>(el.parent), e) << "parent after child " << e;
      int found = 0;
      for (const auto& k : t.elements[static_cast<size_t>(el.parent)].kids) found += k.element == static_cast<int32_t>(e);
      EXPECT_EQ(found, 1) << el.type << " " << e << " is not once a kid of its parent";
    }
    for (const auto& k : el.kids)
      if (k.element < 0 && k.annot < 0) {
        ++named[{k.page, k.mcid}];
        owner[{k.page, k.mcid}] = static_cast<int32_t>(e);
        EXPECT_TRUE(el.has_page) << el.type;
      }
  }
  for (size_t p = 0; p < doc.pages.size(); ++p) {
    ASSERT_EQ(t.marks[p].size(), doc.pages[p].items.size()) << "page " << p;
    std::set<int> used;
    for (size_t i = 0; i < t.marks[p].size(); ++i) {
      const auto& m = t.marks[p][i];
      const bool link = std::holds_alternative<layout::LinkItem>(doc.pages[p].items[i]);
      EXPECT_TRUE(m.mcid >= 0 || m.artifact != Artifact::None || (link && m.annot >= 0))
          << "page " << p << " item " << i << " has no mark";
      EXPECT_FALSE(m.mcid >= 0 && m.artifact != Artifact::None);
      if (m.mcid >= 0) used.insert(m.mcid);
    }
    ASSERT_EQ(used.size(), t.parent_tree[p].size()) << "page " << p;
    int expect = 0;
    for (int mcid : used) EXPECT_EQ(mcid, expect++) << "MCIDs of page " << p << " are not 0…n-1";
    for (int mcid : used) {
      EXPECT_EQ((named[{p, mcid}]), 1) << "page " << p << " MCID " << mcid << " has " << named[{p, mcid}] << " parents";
      EXPECT_EQ((owner[{p, mcid}]), t.parent_tree[p][static_cast<size_t>(mcid)]) << "page " << p << " MCID " << mcid;
    }
  }
  for (const auto& [key, n] : named) {
    ASSERT_LT(key.first, t.parent_tree.size());
    EXPECT_LT(static_cast<size_t>(key.second), t.parent_tree[key.first].size()) << "a kid names an MCID no item has";
  }
}

TEST(Structure, EveryItemHasAMarkAndEveryMcidOneParent) {
  Doc d;
  const int32_t h = d.node(Role::H, 0, 1), p = d.node(Role::P), fig = d.node(Role::Figure);
  d.doc.structure[static_cast<size_t>(fig)].alt = "ตราครุฑ";
  d.image(0, fig);
  d.run(0, h, "ประกาศ");
  d.rule(0);
  d.run(0, p, "ด้วย");
  d.run(0, p, "พระราชบัญญัติ");
  d.run(0, -1, "- ๒ -", Artifact::Header);
  d.run(1, p, "ข้อมูลข่าวสาร");
  d.run(1, -1, "- ๓ -", Artifact::Header);
  const auto t = pdf::build_structure(d.doc);
  expect_sound(t, d.doc);
  EXPECT_EQ(t.marks[0][2].artifact, Artifact::Layout);
  EXPECT_EQ(t.marks[0][5].artifact, Artifact::Header);
  EXPECT_EQ(t.marks[1][1].artifact, Artifact::Header);
  EXPECT_EQ(kid_types(t, 0), (std::vector<std::string>{"Figure", "H1", "P"}));
  EXPECT_EQ(t.elements[static_cast<size_t>(element_with(t, 0, t.marks[0][0].mcid))].alt, "ตราครุฑ");
}

TEST(Structure, ConsecutiveItemsOfOneNodeShareAnMcidAndAnArtifactSplitsIt) {
  Doc d;
  const int32_t p = d.node(Role::P);
  d.run(0, p, "หนึ่ง");
  d.run(0, p, "สอง");
  d.rule(0);
  d.run(0, p, "สาม");
  const auto t = pdf::build_structure(d.doc);
  expect_sound(t, d.doc);
  const auto& m = t.marks[0];
  EXPECT_EQ(m[0].mcid, 0);
  EXPECT_EQ(m[1].mcid, 0);
  EXPECT_EQ(m[2].mcid, -1);
  EXPECT_EQ(m[3].mcid, 1);
  const int32_t e = element_with(t, 0, 0);
  ASSERT_GE(e, 0);
  EXPECT_EQ(element_with(t, 0, 1), e);  // still the one P
  EXPECT_EQ(kid_types(t, e), (std::vector<std::string>{"mc0", "mc1"}));
}

TEST(Structure, KidsAreInReadingOrderNotInTheOrderNodesWereMade) {
  Doc d;
  // Made a, b (and b's child c); drawn c, then a, then b's own text.
  const int32_t a = d.node(Role::P), b = d.node(Role::Div), c = d.node(Role::P, 0);
  d.doc.structure[static_cast<size_t>(c)].parent = b;
  d.run(0, c, "ค");
  d.run(0, a, "ก");
  d.run(0, b, "ข");
  const auto t = pdf::build_structure(d.doc);
  expect_sound(t, d.doc);
  ASSERT_EQ(kid_types(t, 0), (std::vector<std::string>{"Div", "P"}));
  const int32_t div = t.elements[0].kids[0].element;
  EXPECT_EQ(kid_types(t, div), (std::vector<std::string>{"P", "mc2"}));
  EXPECT_EQ(t.elements[static_cast<size_t>(t.elements[0].kids[1].element)].kids[0].mcid, 1);  // a's text
}

TEST(Structure, AnEmptyCellKeepsItsPlaceInTheRowAndAnEmptyParagraphIsDropped) {
  Doc d;
  const int32_t table = d.node(Role::Table), body = d.node(Role::TBody, table), tr = d.node(Role::TR, body);
  const int32_t c1 = d.node(Role::TD, tr), c2 = d.node(Role::TD, tr), c3 = d.node(Role::TD, tr), c4 = d.node(Role::TD, tr);
  const int32_t empty_p = d.node(Role::P), empty_div = d.node(Role::Div);
  d.node(Role::P, empty_div);  // nothing drawn in either
  d.node(Role::Figure);
  d.run(0, c1, "หนึ่ง");
  d.run(0, c3, "สาม");
  (void)c2;
  (void)c4;
  (void)empty_p;
  const auto t = pdf::build_structure(d.doc);
  expect_sound(t, d.doc);
  EXPECT_EQ(kid_types(t, 0), (std::vector<std::string>{"Table"}));  // no P, Div or Figure
  const int32_t row = element_with(t, 0, 0) >= 0 ? t.elements[static_cast<size_t>(element_with(t, 0, 0))].parent : -1;
  ASSERT_GE(row, 0);
  EXPECT_EQ(t.elements[static_cast<size_t>(row)].type, "TR");
  // Four cells in their columns: the second and the last empty.
  ASSERT_EQ(kid_types(t, row), (std::vector<std::string>{"TD", "TD", "TD", "TD"}));
  const auto& kids = t.elements[static_cast<size_t>(row)].kids;
  EXPECT_EQ(kids[0].element, element_with(t, 0, 0));
  EXPECT_TRUE(t.elements[static_cast<size_t>(kids[1].element)].kids.empty());
  EXPECT_EQ(kids[2].element, element_with(t, 0, 1));
  EXPECT_TRUE(t.elements[static_cast<size_t>(kids[3].element)].kids.empty());
  for (const auto& e : t.elements) EXPECT_TRUE(e.type != "P" && e.type != "Div" && e.type != "Figure") << e.type;
}

TEST(Structure, ACellsOneParagraphIsTheCell) {
  Doc d;
  const int32_t table = d.node(Role::Table), tr = d.node(Role::TR, table);
  const int32_t one = d.node(Role::TD, tr), p = d.node(Role::P, one);
  const int32_t two = d.node(Role::TD, tr), p1 = d.node(Role::P, two), p2 = d.node(Role::P, two);
  d.run(0, p, "หนึ่ง");
  d.run(0, p1, "สอง");
  d.run(0, p2, "สาม");
  const auto t = pdf::build_structure(d.doc);
  expect_sound(t, d.doc);
  EXPECT_EQ(t.elements[static_cast<size_t>(element_with(t, 0, 0))].type, "TD");  // the P merged
  EXPECT_EQ(t.elements[static_cast<size_t>(element_with(t, 0, 1))].type, "P");   // two P stay
  EXPECT_EQ(t.elements[static_cast<size_t>(element_with(t, 0, 2))].type, "P");
}

std::vector<std::string> heading_types(const StructureTree& t) {
  std::vector<std::string> out;
  std::vector<int32_t> stack{0};
  while (!stack.empty()) {  // depth first, in kid order: reading order
    const auto& e = t.elements[static_cast<size_t>(stack.back())];
    stack.pop_back();
    if (e.type.size() == 2 && e.type[0] == 'H') out.push_back(e.type);
    for (auto it = e.kids.rbegin(); it != e.kids.rend(); ++it)
      if (it->element >= 0) stack.push_back(it->element);
  }
  return out;
}

StructureTree headings(const std::vector<int>& levels) {
  Doc d;
  for (int level : levels) d.run(0, d.node(Role::H, 0, level), "หัวข้อ");
  return pdf::build_structure(d.doc);
}

TEST(Structure, HeadingLevelsStartAtOneAndSkipNone) {
  EXPECT_EQ(heading_types(headings({3})), (std::vector<std::string>{"H1"}));
  EXPECT_EQ(heading_types(headings({1, 3})), (std::vector<std::string>{"H1", "H2"}));
  EXPECT_EQ(heading_types(headings({2, 1, 2, 4})), (std::vector<std::string>{"H1", "H1", "H2", "H3"}));
  EXPECT_EQ(heading_types(headings({1, 2, 3, 2, 1})), (std::vector<std::string>{"H1", "H2", "H3", "H2", "H1"}));
  // In reading order, not in the order the nodes were made.
  Doc d;
  const int32_t late = d.node(Role::H, 0, 1), early = d.node(Role::H, 0, 3);
  d.run(0, early, "ก่อน");
  d.run(0, late, "หลัง");
  EXPECT_EQ(heading_types(pdf::build_structure(d.doc)), (std::vector<std::string>{"H1", "H1"}));
}

// Sibling headings of one level stay siblings when the level above them is missing: the
// announcement's categories (heading = 3) straight after its H1 title lines (a data set with
// no scope line) would otherwise become H2, H3, H3 …, each category a sub-heading of the one
// before.
TEST(Structure, SiblingHeadingsKeepOneLevelWhenALevelIsMissing) {
  EXPECT_EQ(heading_types(headings({1, 3, 3})), (std::vector<std::string>{"H1", "H2", "H2"}));
  EXPECT_EQ(heading_types(headings({1, 1, 3, 3, 4, 3})), (std::vector<std::string>{"H1", "H1", "H2", "H2", "H3", "H2"}));
}

TEST(Structure, AnItemWithoutANodeGetsAParagraphOfItsOwnUnderTheRoot) {
  Doc d;
  const int32_t p = d.node(Role::P);
  d.run(0, p, "มีที่");
  d.run(0, -1, "ไม่มี");
  d.run(0, -1, "ที่");
  d.rule(0);
  d.run(0, -1, "อีก");
  layout::GlyphRunItem stray;  // a node the structure does not have
  stray.actual_text = "หลง";
  stray.node = 99;
  d.page(0).items.emplace_back(stray);
  const auto t = pdf::build_structure(d.doc);
  expect_sound(t, d.doc);
  const auto& m = t.marks[0];
  ASSERT_EQ(m.size(), 6u);
  for (size_t i : {1u, 2u, 4u, 5u}) {
    ASSERT_GE(m[i].mcid, 0) << i;
    const int32_t e = element_with(t, 0, m[i].mcid);
    EXPECT_EQ(t.elements[static_cast<size_t>(e)].type, "P") << i;
    EXPECT_EQ(t.elements[static_cast<size_t>(e)].parent, 0) << i;
    EXPECT_NE(e, element_with(t, 0, m[0].mcid)) << i;
  }
  EXPECT_EQ(m[1].mcid, m[2].mcid);  // one stretch, one P
  EXPECT_NE(element_with(t, 0, m[2].mcid), element_with(t, 0, m[4].mcid));  // the rule ended it
  EXPECT_EQ(kid_types(t, 0), (std::vector<std::string>{"P", "P", "P"}));
}

TEST(Structure, ANodeWithContentOnTwoPagesHasItsSecondPagesContentAsAnMcr) {
  Doc d;
  const int32_t table = d.node(Role::Table), body = d.node(Role::TBody, table), tr = d.node(Role::TR, body);
  const int32_t a = d.node(Role::TD, tr), b = d.node(Role::TD, tr);
  d.run(0, a, "ยาว");
  d.run(0, b, "บรรทัดที่๑");
  d.run(1, -1, "หัวตาราง", Artifact::Pagination);  // the header repeated
  d.run(1, b, "บรรทัดที่๒");
  const auto t = pdf::build_structure(d.doc);
  expect_sound(t, d.doc);
  const int32_t cell = element_with(t, 0, 1);
  ASSERT_GE(cell, 0);
  EXPECT_EQ(element_with(t, 1, 0), cell);  // one TD on both pages
  const auto& el = t.elements[static_cast<size_t>(cell)];
  ASSERT_TRUE(el.has_page);
  EXPECT_EQ(el.page, 0u);
  ASSERT_EQ(el.kids.size(), 2u);
  EXPECT_EQ(el.kids[0].page, el.page);
  EXPECT_NE(el.kids[1].page, el.page);  // written as an MCR with its own /Pg
  EXPECT_EQ(el.kids[1].page, 1u);
  EXPECT_EQ(el.kids[1].mcid, 0);
  // And the row is one TR.
  int rows = 0;
  for (const auto& e : t.elements) rows += e.type == "TR";
  EXPECT_EQ(rows, 1);
}

TEST(Structure, ALatinRunIsMarkedEnglishAndThaiIsNot) {
  EXPECT_TRUE(pdf::is_latin_run("Facebook,"));
  EXPECT_TRUE(pdf::is_latin_run("(e-mail)"));
  EXPECT_FALSE(pdf::is_latin_run("ประกาศ"));
  EXPECT_FALSE(pdf::is_latin_run("ITAออนไลน์"));
  EXPECT_FALSE(pdf::is_latin_run("๒๕๖๕"));
  EXPECT_FALSE(pdf::is_latin_run("2565"));
  Doc d;
  const int32_t p = d.node(Role::P);
  d.run(0, p, "ช่องทาง");
  d.run(0, p, "Social");
  d.run(0, p, "Network");
  d.run(0, p, "เป็นช่องทาง");
  const auto t = pdf::build_structure(d.doc);
  expect_sound(t, d.doc);
  const auto& m = t.marks[0];
  EXPECT_EQ(m[0].lang, "");
  EXPECT_EQ(m[1].lang, "en");
  EXPECT_EQ(m[2].lang, "en");
  EXPECT_EQ(m[3].lang, "");
  // The language splits the paragraph's marked content: Thai, English, Thai; one P.
  EXPECT_EQ(m[0].mcid, 0);
  EXPECT_EQ(m[1].mcid, 1);
  EXPECT_EQ(m[2].mcid, 1);
  EXPECT_EQ(m[3].mcid, 2);
  EXPECT_EQ(element_with(t, 0, 0), element_with(t, 0, 2));
}

// "Assessment : ITA": the colon between English words stays in the English span; a number
// after Thai stays Thai.
TEST(Structure, PunctuationBetweenEnglishWordsStaysEnglish) {
  EXPECT_TRUE(pdf::is_neutral_run(":"));
  EXPECT_TRUE(pdf::is_neutral_run("2565)"));
  EXPECT_FALSE(pdf::is_neutral_run("ITA"));
  EXPECT_FALSE(pdf::is_neutral_run("ปี"));
  Doc d;
  const int32_t p = d.node(Role::P);
  d.run(0, p, "Assessment");
  d.run(0, p, ":");
  d.run(0, p, "ITA)");
  d.run(0, p, "ปี");
  d.run(0, p, "2565");
  const auto t = pdf::build_structure(d.doc);
  expect_sound(t, d.doc);
  const auto& m = t.marks[0];
  EXPECT_EQ(m[1].lang, "en");
  EXPECT_EQ(m[0].mcid, m[2].mcid);  // one English span
  EXPECT_EQ(m[4].lang, "");
  EXPECT_EQ(m[3].mcid, m[4].mcid);
}

// ---------------------------------------------------------------- the samples' layouts

struct Rendered {
  layout::Document doc;
  Diagnostics diags;
};

const Rendered& rendered(const std::string& sample, const std::string& kind) {
  static std::map<std::string, Rendered> cache;
  const std::string key = sample + "/" + kind;
  if (auto it = cache.find(key); it != cache.end()) return it->second;
  Rendered& r = cache[key];
  auto& res = testing::resources();
  auto ds = data::load_dataset(testing::repo() / "samples" / sample, r.diags);
  auto m = model::build_model(ds, testing::repo() / "data", r.diags);
  auto spec = res.layout(kind, r.diags);
  EXPECT_TRUE(m.view && spec) << r.diags.format_all();
  if (!m.view || !spec) return r;
  // As the build does it: the measures report includes the other layouts.
  layout::LayoutContext ctx{res.fonts(), testing::setter(), ds, res.root(), r.diags,
                            [&](const std::string& k, Diagnostics& d) { return res.layout(k, d); },
                            {},
                            &res.images()};
  r.doc = layout::render_document(*spec, *m.view, ctx);
  EXPECT_FALSE(r.diags.has_errors()) << r.diags.format_all();
  return r;
}

class SampleStructure : public ::testing::TestWithParam<std::tuple<std::string, std::string>> {
 protected:
  const layout::Document& doc() const {
    return rendered(std::get<0>(GetParam()), std::get<1>(GetParam())).doc;
  }
};

const char* item_kind(const layout::Item& item) {
  static const char* const names[] = {"glyph run", "rule", "rect", "image", "link"};
  return names[item.index()];
}

TEST_P(SampleStructure, EveryItemIsTaggedOrAnArtifactAndNodesAreValidWithParentsFirst) {
  const auto& d = doc();
  ASSERT_FALSE(d.pages.empty());
  ASSERT_FALSE(d.structure.empty());
  EXPECT_EQ(d.structure[0].role, Role::Document);
  EXPECT_EQ(d.structure[0].parent, -1);
  for (size_t n = 1; n < d.structure.size(); ++n) {
    EXPECT_GE(d.structure[n].parent, 0) << "node " << n << " (" << layout::role_name(d.structure[n].role) << ")";
    EXPECT_LT(d.structure[n].parent, static_cast<int32_t>(n)) << "node " << n << "'s parent comes after it";
  }
  size_t tagged = 0, artifacts = 0;
  for (size_t p = 0; p < d.pages.size(); ++p)
    for (const auto& item : d.pages[p].items) {
      const int32_t node = layout::node_of(item);
      const Artifact a = layout::artifact_of(item);
      const auto* run = std::get_if<layout::GlyphRunItem>(&item);
      const std::string what = std::string(item_kind(item)) + " on page " + std::to_string(p + 1) +
                               (run ? " «" + run->actual_text + "»" : "");
      if (a != Artifact::None) {
        ++artifacts;
        continue;
      }
      ++tagged;
      EXPECT_GE(node, 0) << what << " has neither node nor artifact";
      EXPECT_LT(node, static_cast<int32_t>(d.structure.size())) << what << " names node " << node;
    }
  EXPECT_GT(tagged, 0u);
  EXPECT_GT(artifacts, 0u);
  // And the PDF stage needs no P of its own for any of them.
  const auto t = pdf::build_structure(d);
  expect_sound(t, d);
}

INSTANTIATE_TEST_SUITE_P(
    Samples, SampleStructure,
    ::testing::Combine(::testing::Values("nongkhai2-2565", "udonthani1-2566"),
                       ::testing::Values("announcement", "order", "monitoring-6m", "measures-report")),
    [](const auto& info) {
      std::string name = std::get<0>(info.param) + "_" + std::get<1>(info.param);
      for (char& c : name)
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
      return name;
    });

// The TR nodes whose content (their cells' items, not artifacts) is on more than one page.
std::map<int32_t, std::set<size_t>> rows_on_pages(const layout::Document& d) {
  std::map<int32_t, std::set<size_t>> pages;
  for (size_t p = 0; p < d.pages.size(); ++p)
    for (const auto& item : d.pages[p].items) {
      int32_t n = layout::node_of(item);
      if (layout::artifact_of(item) != Artifact::None) continue;
      while (n >= 0 && static_cast<size_t>(n) < d.structure.size() && d.structure[static_cast<size_t>(n)].role != Role::TR)
        n = d.structure[static_cast<size_t>(n)].parent;
      if (n >= 0) pages[n].insert(p);
    }
  std::erase_if(pages, [](const auto& kv) { return kv.second.size() < 2; });
  return pages;
}

TEST(SampleStructureRows, ATableRowSplitByAPageBreakIsOneNodeOnBothPages) {
  const char* const layout_blocks = R"(
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
)";
  std::string lines;
  for (int i = 1; i <= 90; ++i) lines += "\"บรรทัดที่" + std::to_string(i) + "\", ";
  const std::string data = "[[rows]]\nname = \"สั้น\"\nlines = [\"หนึ่ง\"]\n"
                           "[[rows]]\nname = \"ยาว\"\nlines = [" + lines + "]\n";
  Diagnostics diags;
  const auto d = testing::render_layout("structure-split", std::string(testing::kTableLayoutHead) + layout_blocks, data, diags);
  ASSERT_FALSE(diags.has_errors()) << diags.format_all();
  ASSERT_GE(d.pages.size(), 2u);
  const auto split = rows_on_pages(d);
  ASSERT_EQ(split.size(), 1u) << "the long row is one TR on its pages";
  const int32_t tr = split.begin()->first;
  // Every line of the long cell has a node under that one TR (the same cell node on each page),
  // and the repeated header is an artifact.
  std::set<int32_t> cells;
  for (const auto& page : d.pages)
    for (const auto& item : page.items)
      if (const auto* run = std::get_if<layout::GlyphRunItem>(&item)) {
        if (run->actual_text.rfind("บรรทัดที่", 0) == 0) {
          ASSERT_GE(run->node, 0) << run->actual_text;
          int32_t n = run->node;
          while (n >= 0 && d.structure[static_cast<size_t>(n)].role != Role::TD) n = d.structure[static_cast<size_t>(n)].parent;
          ASSERT_GE(n, 0) << run->actual_text;
          EXPECT_EQ(d.structure[static_cast<size_t>(n)].parent, tr);
          cells.insert(n);
        }
        if (run->actual_text == "รายละเอียด" && &page != &d.pages.front()) {
          EXPECT_EQ(run->artifact, Artifact::Pagination);
        }
      }
  EXPECT_EQ(cells.size(), 1u);
  // In the PDF's tree: one TR with content on both pages.
  const auto t = pdf::build_structure(d);
  expect_sound(t, d);
  std::map<int32_t, std::set<size_t>> row_pages;  // TR element -> pages of its subtree's content
  for (size_t e = 0; e < t.elements.size(); ++e)
    for (const auto& k : t.elements[e].kids)
      if (k.element < 0 && k.annot < 0) {
        int32_t up = static_cast<int32_t>(e);
        while (up >= 0 && t.elements[static_cast<size_t>(up)].type != "TR") up = t.elements[static_cast<size_t>(up)].parent;
        if (up >= 0) row_pages[up].insert(k.page);
      }
  int split_rows = 0;
  for (const auto& [tr_element, pages] : row_pages) split_rows += pages.size() > 1;
  EXPECT_EQ(split_rows, 1);
}

TEST(SampleStructureRows, ACellsParagraphSplitByAPageBreakIsOneCellWithAnMcrOnTheNextPage) {
  // One paragraph of many lines in a cell: the break falls inside it, so the cell (which takes
  // its one paragraph's content) has marked content on both pages.
  const char* const layout_blocks = R"(
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
  text = "{text}"
)";
  std::string text;
  for (int i = 1; i <= 600; ++i) text += "ข้อความที่" + std::to_string(i) + " ";
  const std::string data = "[[rows]]\nname = \"ยาว\"\ntext = \"" + text + "\"\n";
  Diagnostics diags;
  const auto d = testing::render_layout("structure-split-p", std::string(testing::kTableLayoutHead) + layout_blocks, data, diags);
  ASSERT_FALSE(diags.has_errors()) << diags.format_all();
  ASSERT_GE(d.pages.size(), 2u);
  ASSERT_EQ(rows_on_pages(d).size(), 1u);
  const auto t = pdf::build_structure(d);
  expect_sound(t, d);
  int cells = 0;
  for (const auto& e : t.elements) {
    if (e.type != "TD") continue;
    std::set<size_t> pages;
    for (const auto& k : e.kids)
      if (k.element < 0) pages.insert(k.page);
    if (pages.size() < 2) continue;
    ++cells;
    EXPECT_EQ(e.page, *pages.begin());
    size_t other = 0;
    for (const auto& k : e.kids) other += k.element < 0 && k.page != e.page;
    EXPECT_GT(other, 0u) << "the next page's content is an MCR kid (its page is not the element's /Pg)";
  }
  EXPECT_EQ(cells, 1);
}

TEST(SampleStructureRows, TheSamplesSplitRowsKeepTheirNodesOnBothPages) {
  // Whatever rows the samples' page breaks split: each one node, under one table, on both pages.
  size_t found = 0;
  for (const char* sample : {"nongkhai2-2565", "udonthani1-2566"})
    for (const char* kind : {"order", "monitoring-6m", "measures-report"}) {
      const auto& d = rendered(sample, kind).doc;
      for (const auto& [tr, pages] : rows_on_pages(d)) {
        ++found;
        EXPECT_EQ(d.structure[static_cast<size_t>(tr)].role, Role::TR);
        // The pages are consecutive: one row, continued.
        EXPECT_EQ(*pages.rbegin() - *pages.begin() + 1, pages.size()) << sample << "/" << kind << " node " << tr;
      }
    }
  // The order's annex splits rows in both samples (O42 over two pages, and more); the made-up
  // tables above cover the rule should a layout change stop that.
  EXPECT_GT(found, 0u);
}

TEST(SampleStructureRows, AnIncludedDocumentsContentIsUnderItsPart) {
  // paginate.cpp moves an included document's node ids past the including one's: each Part
  // has content, and each page's content is under one Part or under none.
  for (const char* sample : {"nongkhai2-2565", "udonthani1-2566"}) {
    const auto& d = rendered(sample, "measures-report").doc;
    auto part_of = [&](int32_t n) {
      while (n >= 0 && d.structure[static_cast<size_t>(n)].role != Role::Part) n = d.structure[static_cast<size_t>(n)].parent;
      return n;
    };
    std::map<int32_t, size_t> items_in;  // Part (or -1) -> tagged items
    for (size_t n = 0; n < d.structure.size(); ++n)
      if (d.structure[n].role == Role::Part) items_in[static_cast<int32_t>(n)] = 0;
    EXPECT_EQ(items_in.size(), 3u) << sample;
    for (size_t p = 0; p < d.pages.size(); ++p) {
      std::set<int32_t> parts;
      for (const auto& item : d.pages[p].items) {
        const int32_t n = layout::node_of(item);
        if (layout::artifact_of(item) != Artifact::None || n < 0 || static_cast<size_t>(n) >= d.structure.size()) continue;
        parts.insert(part_of(n));
        ++items_in[part_of(n)];
      }
      EXPECT_LE(parts.size(), 1u) << sample << " page " << p + 1 << " mixes the content of parts";
    }
    for (const auto& [part, n] : items_in) EXPECT_GT(n, 0u) << sample << " node " << part << " has no content";
  }
}

// A link in an included document (its own contents) leads to its own page where that page
// lands in the including document, not to the including document's page of that number.
TEST(StructurePaginate, AnIncludedDocumentsLinksMoveWithItsPages) {
  layout::LayoutSpec spec;
  spec.margin_top = spec.margin_bottom = 50;
  auto sub = std::make_shared<layout::Document>();
  sub->structure.push_back({Role::Document, -1});
  sub->structure.push_back({Role::Link, 0});
  for (int k = 0; k < 2; ++k) sub->pages.emplace_back();
  layout::LinkItem link;
  link.page = 1;  // the sub-document's second page
  link.node = 1;
  sub->pages[0].items.push_back(link);
  std::vector<layout::Box> boxes(2);
  boxes[0].height = 20;
  boxes[0].items.push_back(layout::GlyphRunItem{});
  boxes[1].included = sub;
  layout::Document doc;
  doc.structure.push_back({Role::Document, -1});
  boxes[1].struct_parent = 0;
  layout::paginate(boxes, spec, doc);
  ASSERT_EQ(doc.pages.size(), 3u);  // the including page, then the two included
  const auto* moved = std::get_if<layout::LinkItem>(&doc.pages[1].items.at(0));
  ASSERT_NE(moved, nullptr);
  EXPECT_EQ(moved->page, 2u);
  EXPECT_EQ(moved->node, 2);
  EXPECT_EQ(doc.structure.at(1).role, Role::Part);
}

}  // namespace
}  // namespace oitgen
