// The editor's map between the preview and the data: each glyph run and image knows the data
// value it prints (layout::Document::sources), PathIndex turns that place into a data path, and
// the regions answer clicks and focus (docs/SERVE.md, "Preview").
#include <cmath>
#include <map>
#include <regex>
#include <set>

#include "layout/run_sources.h"
#include "serve/path_index.h"
#include "serve/position_map.h"
#include "test_support.h"

namespace oitgen {
namespace {

using serve::PathIndex;
using serve::Region;

// ------------------------------------------------------------------------------------------
// PathIndex

// Line numbers below are the TOML text's own (1-based).
constexpr const char* kSmallData = R"([office]
name = "สำนักงานเขตพื้นที่การศึกษา"

[[people]]
id = "a"
first = "วรรณชัย"
last = "บุสนาม"

[[people]]
id = "b"
photos = [{ caption = "ประชุมคณะกรรมการ", src = "images/a.jpg" }]
"a b" = 1

[monitoring.project.budget]
# approved first, then spent
spent = 61000
)";

struct SmallData {
  Diagnostics diags;
  data::NodePtr tree = data::parse_toml(kSmallData, "small.toml", diags);
  PathIndex index{*tree};
  const data::Node& at(std::initializer_list<std::string> steps) const {
    const data::Node* n = tree.get();
    for (const auto& s : steps) n = s.front() == '#' ? n->array.at(std::stoul(s.substr(1))).get() : n->get(s);
    return *n;
  }
};

TEST(PathIndex, NamesTheValueThatStartsAtAPlace) {
  SmallData d;
  ASSERT_TRUE(d.tree) << d.diags.format_all();
  EXPECT_EQ(d.index.path_of(d.at({"office", "name"}).where), "office.name");
  EXPECT_EQ(d.index.path_of(d.at({"people", "#0", "last"}).where), "people[0].last");
  EXPECT_EQ(d.index.path_of(d.at({"people", "#1", "id"}).where), "people[1].id");
  EXPECT_EQ(d.index.path_of(d.at({"monitoring", "project", "budget", "spent"}).where),
            "monitoring.project.budget.spent");
  // A key TOML cannot write bare is quoted, as the form's field ids have it.
  EXPECT_EQ(d.index.path_of(d.at({"people", "#1", "a b"}).where), "people[1].\"a b\"");
}

TEST(PathIndex, FindsAValueAfterThaiTextOnItsLine) {
  SmallData d;
  ASSERT_TRUE(d.tree) << d.diags.format_all();
  const auto& caption = d.at({"people", "#1", "photos", "#0", "caption"}).where;
  const auto& src = d.at({"people", "#1", "photos", "#0", "src"}).where;
  ASSERT_EQ(caption.line, 11);
  ASSERT_EQ(src.line, 11);
  ASSERT_GT(src.column, caption.column);
  EXPECT_EQ(d.index.path_of(src), "people[1].photos[0].src");
  EXPECT_EQ(d.index.path_of(caption), "people[1].photos[0].caption");
  // Inside the caption's Thai text: still the caption, not the value after it.
  EXPECT_EQ(d.index.path_of({"small.toml", 11, caption.column + 3}), "people[1].photos[0].caption");
  EXPECT_EQ(d.index.path_of({"small.toml", 11, src.column + 2}), "people[1].photos[0].src");
  // At the key of `photos = […]`: the first value of the line.
  EXPECT_EQ(d.index.path_of({"small.toml", 11, 1}), "people[1].photos");
}

TEST(PathIndex, AHeaderNamesItsTableAndTheRestNothing) {
  SmallData d;
  ASSERT_TRUE(d.tree) << d.diags.format_all();
  EXPECT_EQ(d.index.path_of({"small.toml", 14, 1}), "monitoring.project.budget");
  EXPECT_EQ(d.index.path_of({"small.toml", 14, 12}), "monitoring.project.budget");
  // [[people]] opens the array and its element: the element, the innermost.
  EXPECT_EQ(d.index.path_of({"small.toml", 9, 1}), "people[1]");
  EXPECT_EQ(d.index.path_of({"small.toml", 1, 1}), "office");
  EXPECT_EQ(d.index.path_of({"small.toml", 15, 1}), std::nullopt);  // a comment
  EXPECT_EQ(d.index.path_of({"small.toml", 3, 1}), std::nullopt);   // a blank line
  EXPECT_EQ(d.index.path_of({"other.toml", 2, 8}), std::nullopt);
  EXPECT_EQ(d.index.path_of({"small.toml", 0, 0}), std::nullopt);
  Diagnostic message{Severity::Error, d.at({"monitoring", "project", "budget", "spent"}).where, "m"};
  EXPECT_EQ(d.index.path_of(message), "monitoring.project.budget.spent");
  EXPECT_EQ(d.index.path_of(Diagnostic{Severity::Error, {"small.toml", 0, 0}, "m"}), "");
}

// ------------------------------------------------------------------------------------------
// Which source a word run prints

TEST(RunSources, GivesEachRunTheValueItsTextCameFrom) {
  const std::vector<text::StyledText> spans{{"เรื่อง มาตรการการเผยแพร่ ข้อมูล", nullptr, 10},
                                            {" ของ หนองคาย เขต ๒", nullptr, 10}};
  const std::vector<text::TextSource> sources{{"มาตรการการเผยแพร่ ข้อมูล", {"a.toml", 3, 11}},
                                              {"หนองคาย เขต ๒", {"o.toml", 2, 8}}};
  layout::RunSources runs(spans, sources);
  EXPECT_EQ(runs.next("เรื่อง"), -1);
  EXPECT_EQ(runs.next("มาตรการการเผยแพร่"), 0);
  EXPECT_EQ(runs.next("ข้อมูล"), 0);
  EXPECT_EQ(runs.next("ของ"), -1);
  EXPECT_EQ(runs.next("หนองคาย"), 1);
  EXPECT_EQ(runs.next("เขต"), 1);
  EXPECT_EQ(runs.next("๒"), 1);
  int calls = 0;
  EXPECT_EQ(runs.id(1, [&](const SourceLocation& l) { return ++calls, l.line * 10; }), 20);
  EXPECT_EQ(runs.id(1, [&](const SourceLocation&) { return ++calls, 99; }), 20);  // remembered
  EXPECT_EQ(calls, 1);
}

TEST(RunSources, ARunOverTemplateTextAndAValueGetsTheValue) {
  // "รายงานการดำเนินงาน{monitoring.project.name}": no space between them, one word run.
  const std::vector<text::StyledText> spans{{"รายงานการดำเนินงานโครงการเสริมสร้าง คุณธรรม ประจำปี", nullptr, 10}};
  const std::vector<text::TextSource> sources{{"โครงการเสริมสร้าง คุณธรรม", {"m.toml", 40, 8}}};
  layout::RunSources runs(spans, sources);
  EXPECT_EQ(runs.next("รายงานการดำเนินงานโครงการเสริมสร้าง"), 0);
  EXPECT_EQ(runs.next("คุณธรรม"), 0);
  EXPECT_EQ(runs.next("ประจำปี"), -1);
}

// ------------------------------------------------------------------------------------------
// Regions, on hand-made lists

TEST(Regions, TheLastPaintedRegionWinsAClick) {
  const std::vector<Region> regions{{0, 0, 0, 100, 100, "monitoring.project.activities[0].photos[0].src"},
                                    {0, 10, 10, 50, 10, "monitoring.project.activities[0].photos[0].caption"},
                                    {1, 10, 10, 50, 10, "office.name"}};
  EXPECT_EQ(serve::path_at(regions, 0, 20, 15), "monitoring.project.activities[0].photos[0].caption");
  EXPECT_EQ(serve::path_at(regions, 0, 80, 80), "monitoring.project.activities[0].photos[0].src");
  EXPECT_EQ(serve::path_at(regions, 1, 20, 15), "office.name");
  EXPECT_EQ(serve::path_at(regions, 1, 80, 80), std::nullopt);
  EXPECT_EQ(serve::path_at(regions, 2, 20, 15), std::nullopt);
}

TEST(Regions, APathFindsItselfAndWhatIsUnderIt) {
  const std::vector<Region> regions{{0, 0, 0, 1, 1, "people[1].first"}, {0, 0, 0, 1, 1, "people[1].last"},
                                    {0, 0, 0, 1, 1, "people[10].last"}, {0, 0, 0, 1, 1, "people[1]"},
                                    {0, 0, 0, 1, 1, "people_extra"}};
  std::vector<std::string> found;
  for (const auto& r : serve::regions_for(regions, "people[1]")) found.push_back(r.path);
  EXPECT_EQ(found, (std::vector<std::string>{"people[1].first", "people[1].last", "people[1]"}));
  EXPECT_EQ(serve::regions_for(regions, "people").size(), 4u);
  EXPECT_TRUE(serve::regions_for(regions, "office").empty());
}

// ------------------------------------------------------------------------------------------
// The sample's documents

struct SampleBuild {
  std::map<std::string, pipeline::BuiltDocument> documents;
  PathIndex index;
  std::string problems;
};

const SampleBuild& sample() {
  static const SampleBuild built = [] {
    SampleBuild b;
    pipeline::BuildOptions options;
    options.dataset = testing::repo() / "samples/nongkhai2-2565";
    options.keep_layout = true;
    Diagnostics d;
    for (auto& doc : pipeline::build_documents(options, testing::resources(), d)) {
      auto kind = doc.kind;
      b.documents.emplace(std::move(kind), std::move(doc));
    }
    b.problems = d.format_all();
    // The data tree the build read, loaded again: its places are the layout's sources'.
    Diagnostics dd;
    auto ds = data::load_dataset(options.dataset, dd);
    if (ds.tree) b.index = PathIndex(*ds.tree);
    return b;
  }();
  return built;
}

std::vector<Region> regions(const std::string& kind) {
  const auto& s = sample();
  auto it = s.documents.find(kind);
  if (it == s.documents.end() || !it->second.layout) {
    ADD_FAILURE() << "no layout of " << kind << ": " << s.problems;
    return {};
  }
  return serve::regions_of(*it->second.layout, s.index);
}

std::vector<Region> exactly(const std::vector<Region>& all, const std::string& path) {
  std::vector<Region> out;
  for (const auto& r : all)
    if (r.path == path) out.push_back(r);
  return out;
}

// The centre of `r` clicked gives its path back.
void expect_click_finds(const std::vector<Region>& all, const Region& r) {
  EXPECT_EQ(serve::path_at(all, r.page, r.x + r.w / 2, r.y + r.h / 2), r.path)
      << "page " << r.page << " at " << r.x << "," << r.y;
}

TEST(PositionMap, TheSampleBuildsEveryDocumentWithItsLayout) {
  const auto& s = sample();
  ASSERT_EQ(s.documents.size(), 4u) << s.problems;
  EXPECT_GT(s.index.size(), 100u);
  for (const auto& [kind, doc] : s.documents) {
    ASSERT_TRUE(doc.layout) << kind;
    EXPECT_EQ(doc.layout->pages.size(), doc.pages) << kind;
    EXPECT_FALSE(doc.layout->sources.empty()) << kind;
  }
}

TEST(PositionMap, ClickingTheProjectNameFindsIt) {
  const auto all = regions("monitoring-6m");
  const auto name = exactly(all, "monitoring.project.name");
  ASSERT_FALSE(name.empty());
  for (const auto& r : name) expect_click_finds(all, r);
  // The words of one line are one region: no two regions of the name on one line.
  std::set<std::pair<size_t, long>> lines;
  for (const auto& r : name) EXPECT_TRUE(lines.insert({r.page, std::lround(r.y * 100)}).second) << r.page << " " << r.y;
}

TEST(PositionMap, TheBudgetSpentFigureHasItsRegion) {
  const auto all = regions("monitoring-6m");
  const auto spent = exactly(all, "monitoring.project.budget.spent");
  // The amount and the amount in words.
  ASSERT_GE(spent.size(), 2u);
  for (const auto& r : spent) expect_click_finds(all, r);
}

TEST(PositionMap, APhotoAndItsCaptionMapToTheirValues) {
  const std::regex src(R"(monitoring\.project\.activities\[\d+\](\.steps\[\d+\])?\.photos\[\d+\]\.src)");
  const std::regex caption(R"(monitoring\.project\.activities\[\d+\](\.steps\[\d+\])?\.photos\[\d+\]\.caption)");
  for (const std::string kind : {"monitoring-6m", "measures-report"}) {
    SCOPED_TRACE(kind);
    const auto all = regions(kind);
    size_t photos = 0, captions = 0;
    for (const auto& r : all) {
      if (std::regex_match(r.path, src)) {
        ++photos;
        expect_click_finds(all, r);
      }
      if (std::regex_match(r.path, caption)) {
        ++captions;
        expect_click_finds(all, r);
      }
    }
    // Eight photos in the sample, each with its caption (the measures report includes them).
    EXPECT_EQ(photos, 8u);
    EXPECT_GE(captions, 8u);
  }
}

TEST(PositionMap, EveryRegionLiesInsideItsPage) {
  for (const auto& [kind, doc] : sample().documents) {
    ASSERT_TRUE(doc.layout) << kind;
    const auto all = regions(kind);
    EXPECT_FALSE(all.empty()) << kind;
    for (const auto& r : all) {
      ASSERT_LT(r.page, doc.layout->pages.size()) << kind;
      const auto& page = doc.layout->pages[r.page];
      EXPECT_TRUE(r.w > 0 && r.h > 0 && r.x >= 0 && r.y >= 0 && r.x + r.w <= page.width && r.y + r.h <= page.height)
          << kind << " " << r.path << " page " << r.page << ": " << r.x << "," << r.y << " " << r.w << "x" << r.h;
    }
  }
}

TEST(PositionMap, FocusingAPersonFindsTheirName) {
  // The announcement is signed by people[0] (office.toml): the name under the signature.
  const auto all = regions("announcement");
  const auto person = serve::regions_for(all, "people[0]");
  ASSERT_FALSE(person.empty());
  for (const auto& r : person) EXPECT_TRUE(r.path.rfind("people[0]", 0) == 0) << r.path;
  EXPECT_TRUE(serve::regions_for(all, "people[5]").empty());  // not in the announcement
}

TEST(PositionMap, TheAnnouncementsSubjectAndEmblem) {
  const auto all = regions("announcement");
  const auto subject = exactly(all, "announcement.subject");
  ASSERT_FALSE(subject.empty());
  for (const auto& r : subject) expect_click_finds(all, r);
  const auto emblem = exactly(all, "office.emblem");
  ASSERT_EQ(emblem.size(), 1u);
  expect_click_finds(all, emblem.front());
  EXPECT_EQ(emblem.front().page, 0u);
}

TEST(PositionMap, KeepingTheLayoutLeavesThePdfAsItWas) {
  pipeline::BuildOptions options;
  options.dataset = testing::repo() / "samples/nongkhai2-2565";
  Diagnostics d;
  const auto plain = pipeline::build_documents(options, testing::resources(), d);
  ASSERT_EQ(plain.size(), sample().documents.size()) << d.format_all();
  for (const auto& doc : plain) {
    EXPECT_FALSE(doc.layout) << doc.kind;
    const auto it = sample().documents.find(doc.kind);
    ASSERT_NE(it, sample().documents.end()) << doc.kind;
    EXPECT_TRUE(doc.pdf == it->second.pdf) << doc.kind;
  }
}

}  // namespace
}  // namespace oitgen
