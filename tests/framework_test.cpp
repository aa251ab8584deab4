// The assessment framework as data (data/ita/<year>.toml, data/oit/<year>.toml): the shipped
// years and their status, the tool and total computations against the seed and a hand-worked
// 2566 case, the per-tool condition of the pass levels, every kind of bad framework file refused
// at its file:line:col, a framework of another shape (26 items, a test fixture) shaping the
// documents, a non-education agency, and `init --from` carrying the order over by item.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "data/dataset.h"
#include "model/framework.h"
#include "model/office_model.h"
#include "model/oit_catalogue.h"
#include "model/thai_format.h"
#include "test_support.h"
#include "util/files.h"

namespace oitgen {
namespace {

namespace fs = std::filesystem;
using testing::quote;
using testing::repo;
using testing::contains_paragraph;
using testing::run;

std::string thai(const std::string& s) { return model::to_thai_digits(s); }
std::string bin() { return OITGEN_BINARY; }

model::Framework framework(int64_t year) {
  Diagnostics d;
  auto fw = model::load_framework(repo() / "data", year, {}, "test", d);
  EXPECT_TRUE(fw) << d.format_all();
  return fw ? *fw : model::Framework{};
}

// ------------------------------------------------------------------ the shipped years

TEST(Framework, ShipsTheEstablishedYearsAnd2567AsProvisionalAndNothingLater) {
  for (const int64_t year : {2564, 2565, 2566}) EXPECT_FALSE(framework(year).provisional) << year;
  EXPECT_TRUE(framework(2567).provisional);
  for (const int64_t year : {2568, 2569}) {
    Diagnostics d;
    EXPECT_FALSE(model::load_framework(repo() / "data", year, {"x.toml", 3, 5}, "measures.assessment_year", d));
    EXPECT_NE(d.format_all().find("x.toml:3:5: error: no ITA framework for assessment year " + std::to_string(year)),
              std::string::npos)
        << d.format_all();
    EXPECT_FALSE(fs::exists(repo() / "data/oit" / (std::to_string(year) + ".toml")));
  }
  for (const int64_t year : {2565, 2566, 2567}) {
    Diagnostics d;
    const auto cat = model::load_oit_catalogue(repo() / "data", year, {}, "test", d);
    ASSERT_TRUE(cat) << d.format_all();
    EXPECT_EQ(cat->items.size(), 43u) << year;
    EXPECT_EQ(cat->provisional, year == 2567);
  }
  // 2566 renumbered: O10 is the personal-data policy, O11 merges the plan and budget items.
  Diagnostics d;
  const auto cat = model::load_oit_catalogue(repo() / "data", 2566, {}, "test", d);
  EXPECT_EQ(cat->items[9].name, "นโยบายคุ้มครองข้อมูลส่วนบุคคล");
  EXPECT_EQ(cat->items[10].was, (std::vector<std::string>{"O10", "O18"}));
  const auto fw = framework(2566);
  double weights = 0;
  for (const auto& t : fw.tools) weights += t.weight;
  EXPECT_EQ(weights, 100);
  EXPECT_EQ(fw.indicator(4)->tool, "IIT");
  EXPECT_EQ(fw.indicator(7)->tool, "EIT");
  EXPECT_EQ(fw.indicator(9)->tool, "OIT");
}

TEST(Framework, PassLevelsNeedEveryToolAtTheirMinimum) {
  const auto fw = framework(2566);
  const auto level = [&](double total, double iit, double eit, double oit) {
    return fw.level_of(total, {{"IIT", iit}, {"EIT", eit}, {"OIT", oit}}).label;
  };
  // NACC, Aug 2568: 94.64 overall with EIT below 85 is ผ่าน, not ผ่านดี.
  EXPECT_EQ(level(94.64, 100, 84, 98.6), "ผ่าน");
  EXPECT_EQ(level(94.64, 100, 85, 98.6), "ผ่านดี");
  EXPECT_EQ(level(96, 96, 96, 96), "ผ่านดีเยี่ยม");
  EXPECT_EQ(level(96, 94.99, 96, 97), "ผ่านดี");
  EXPECT_EQ(level(84.99, 90, 90, 80), "ต้องปรับปรุง");
  EXPECT_EQ(level(69.99, 70, 70, 70), "ต้องปรับปรุงโดยด่วน");
  // One score with no tools behind it (an indicator, a national average) skips the tool levels.
  EXPECT_EQ(fw.level_of(98.0).label, "ผ่าน");
  EXPECT_EQ(fw.level_of(98.0).text(), "ผ่าน");
  // AA–F is the same rule with no tool minimums.
  const auto old = framework(2565);
  EXPECT_EQ(old.level_of(87.56, {}).text(), "A (Very Good)");
  EXPECT_EQ(old.level_of(68.75).label, "C");
  EXPECT_EQ(old.level_of(95.0).label, "AA");
}

// ------------------------------------------------------------------ computed totals

data::NodePtr measures_of(const fs::path& set, Diagnostics& d) {
  auto ds = data::load_dataset(set, d);
  EXPECT_TRUE(ds.tree) << d.format_all();
  auto m = model::build_model(ds, repo() / "data", d);
  EXPECT_TRUE(m.view) << d.format_all();
  return m.view ? std::make_shared<data::Node>(*m.view->get("measures")) : nullptr;
}

double tool_score(const data::Node& measures, const std::string& id) {
  for (const auto& t : measures.get("tools")->array)
    if (t->get("id")->s == id) return t->get("score")->number();
  return -1;
}

TEST(Totals, TheSeedsTotalIsItsIndicatorsByTheToolsWeights) {
  Diagnostics d;
  const auto m = measures_of(repo() / "samples/nongkhai2-2565", d);
  ASSERT_TRUE(m);
  // 0.3 × 93.44 + 0.3 × 99.50 + 0.4 × 74.20 = 87.56, the seed's stated 2564 total.
  EXPECT_DOUBLE_EQ(tool_score(*m, "IIT"), 93.44);
  EXPECT_DOUBLE_EQ(tool_score(*m, "EIT"), 99.50);
  EXPECT_DOUBLE_EQ(tool_score(*m, "OIT"), 74.20);
  EXPECT_DOUBLE_EQ(m->get("result")->get("score")->number(), 87.56);
  EXPECT_EQ(m->get("result")->get("level_text")->s, "A (Very Good)");
  EXPECT_EQ(d.format_all().find("total"), std::string::npos) << d.format_all();
}

TEST(Totals, AStatedTotalTheIndicatorsContradictIsAWarningAtItsPlace) {
  const auto dir = testing::sample_copy("total-contradicted");
  testing::replace_in(dir / "data/measures.toml", "score = 87.56", "score = 88.56");
  Diagnostics d;
  const auto m = measures_of(dir / "data", d);
  ASSERT_TRUE(m);
  const auto text = *read_file(dir / "data/measures.toml");
  const auto line = std::count(text.begin(), text.begin() + text.find("score = 88.56"), '\n') + 1;
  EXPECT_NE(d.format_all().find("measures.toml:" + std::to_string(line) + ":9: warning: the data gives the 2564 total "
                                "as 88.56, but its indicators give 87.56 (0.3 × 93.44 + 0.3 × 99.50 + 0.4 × 74.20); "
                                "the report prints 87.56"),
            std::string::npos)
      << d.format_all();
  EXPECT_DOUBLE_EQ(m->get("result")->get("score")->number(), 87.56);
}

// The อบต. fixture (assessed on 2566) with its ten indicator scores replaced.
fs::path abt_with_scores(const std::string& name, const std::vector<double>& scores) {
  const auto dir = testing::temp_dir(name);
  fs::copy(repo() / "tests/fixtures/abt-nongnamsai-2567", dir / "data", fs::copy_options::recursive);
  auto text = *read_file(dir / "data/measures.toml");
  size_t at = 0;
  for (const double s : scores) {
    at = text.find("\nscore = ", text.find("[[measures.indicators]]", at));
    const auto end = text.find('\n', at + 1);
    char buf[32];
    std::snprintf(buf, sizeof buf, "\nscore = %.2f", s);
    text.replace(at, end - at, buf);
    at = end;
  }
  std::ofstream(dir / "data/measures.toml", std::ios::binary | std::ios::trunc) << text;
  return dir;
}

TEST(Totals, AHandWorked2566CaseAndItsLevel) {
  // IIT (90 + 92 + 94 + 96 + 98) / 5 = 94; EIT (88 + 90 + 92) / 3 = 90; OIT (80 + 90) / 2 = 85;
  // 0.3 × 94 + 0.3 × 90 + 0.4 × 85 = 89.20: every tool at 85 or more, so ผ่านดี.
  {
    Diagnostics d;
    const auto m = measures_of(abt_with_scores("hand-2566", {90, 92, 94, 96, 98, 88, 90, 92, 80, 90}) / "data", d);
    ASSERT_TRUE(m);
    EXPECT_DOUBLE_EQ(tool_score(*m, "IIT"), 94);
    EXPECT_DOUBLE_EQ(tool_score(*m, "EIT"), 90);
    EXPECT_DOUBLE_EQ(tool_score(*m, "OIT"), 85);
    EXPECT_DOUBLE_EQ(m->get("result")->get("score")->number(), 89.20);
    EXPECT_EQ(m->get("result")->get("level")->s, "ผ่านดี");
  }
  // OIT (80 + 89.98) / 2 = 84.99: the same total to the hundredth, one tool short: ผ่าน.
  {
    Diagnostics d;
    const auto m = measures_of(abt_with_scores("hand-2566b", {90, 92, 94, 96, 98, 88, 90, 92, 80, 89.98}) / "data", d);
    ASSERT_TRUE(m);
    EXPECT_DOUBLE_EQ(m->get("result")->get("score")->number(), 89.20);
    EXPECT_EQ(m->get("result")->get("level")->s, "ผ่าน");
  }
}

TEST(Totals, NinetyFourSixtyFourWithEit84IsPassNotGoodInThePrintedReport) {
  // IIT 100, EIT 84, OIT 98.6: 30 + 25.2 + 39.44 = 94.64.
  const auto dir = abt_with_scores("pass-not-good", {100, 100, 100, 100, 100, 84, 84, 84, 98.6, 98.6});
  const auto r = run(bin() + " build " + quote(dir / "data") + " -o " + quote(dir / "out") + " --only measures-report");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto text = testing::pdftotext(dir / "out/measures-report.pdf");
  EXPECT_TRUE(contains_paragraph(text, thai("ได้คะแนน 94.64 ซึ่งถือว่ามีคุณธรรมและความโปร่งใสในการดำเนินงานอยู่ใน ระดับ ผ่าน โดย")))
      << text.substr(0, 6000);
  EXPECT_TRUE(contains_paragraph(text, thai("แบบวัด EIT ได้คะแนน 84.00")));
}

// ------------------------------------------------------------------ bad framework files

struct BadFile {
  std::string name;     // the test's name
  std::string file;     // "ita/2566.toml"
  std::string replace;  // the text edited (its first occurrence)
  std::string with;
  std::string at;       // the text whose line the error names (after the edit)
  std::string message;  // part of the message
};

class BadFramework : public ::testing::TestWithParam<BadFile> {};

TEST_P(BadFramework, IsRefusedAtItsFileLineAndColumn) {
  const auto& c = GetParam();
  const auto dir = testing::temp_dir("bad-framework");
  fs::create_directories(dir / "ita");
  fs::create_directories(dir / "oit");
  for (const char* f : {"ita/2566.toml", "oit/2566.toml"}) fs::copy(repo() / "data" / f, dir / f);
  testing::replace_in(dir / c.file, c.replace, c.with);
  Diagnostics d;
  const bool loaded = c.file.rfind("ita", 0) == 0 ? model::load_framework(dir, 2566, {}, "t", d).has_value()
                                                   : model::load_oit_catalogue(dir, 2566, {}, "t", d).has_value();
  EXPECT_FALSE(loaded);
  const auto text = *read_file(dir / c.file);
  const auto pos = text.find(c.at);
  ASSERT_NE(pos, std::string::npos) << c.at;
  const auto line = std::count(text.begin(), text.begin() + pos, '\n') + 1;
  const std::string where = (dir / c.file).string() + ":" + std::to_string(line) + ":";
  bool found = false;
  for (const auto& item : d.items())
    found |= item.severity == Severity::Error && item.format().rfind(where, 0) == 0 &&
             item.message.find(c.message) != std::string::npos;
  EXPECT_TRUE(found) << "expected at " << where << ": " << c.message << "\n" << d.format_all();
}

INSTANTIATE_TEST_SUITE_P(
    Files, BadFramework,
    ::testing::Values(
        BadFile{"tool_twice", "ita/2566.toml", "id = \"EIT\"", "id = \"IIT\"", "id = \"IIT\"\nname = \"แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก",
                "tool 'IIT' is listed twice"},
        BadFile{"weights_not_100", "ita/2566.toml", "weight = 40", "weight = 45", "[[tools]]", "weights add up to 105, not 100"},
        BadFile{"indicator_out_of_order", "ita/2566.toml", "number = 3\n", "number = 2\n", "number = 2\nname = \"การใช้อำนาจ\"",
                "indicator 2 comes after indicator 2"},
        BadFile{"indicator_unknown_tool", "ita/2566.toml", "tool = \"IIT\"", "tool = \"XIT\"", "\"XIT\"", "belongs to tool 'XIT'"},
        BadFile{"levels_not_descending", "ita/2566.toml", "min = 70", "min = 90", "min = 90",
                "level 'ต้องปรับปรุง' (from 90) is listed after level 'ผ่าน' (from 85)"},
        BadFile{"level_unreachable", "ita/2566.toml", "tool_min = { IIT = 85, EIT = 85, OIT = 85 }\n", "", "label = \"ผ่าน\"\n",
                "level 'ผ่าน' can never be given: level 'ผ่านดี' above it"},
        BadFile{"last_level_not_0", "ita/2566.toml", "min = 0\n", "min = 10\n", "[[levels]]", "the last level must start at 0"},
        BadFile{"status_unknown", "ita/2566.toml", "status = \"official\"", "status = \"final\"", "\"final\"",
                "status is \"official\" or \"provisional\""},
        BadFile{"tool_min_unknown_tool", "ita/2566.toml", "IIT = 95,", "XYZ = 95,", "XYZ", "minimum for tool 'XYZ'"},
        BadFile{"year_not_the_files", "ita/2566.toml", "year = 2566", "year = 2565", "year = 2565", "says year = 2565"},
        BadFile{"item_out_of_order", "oit/2566.toml", "id = \"O12\"", "id = \"O13\"", "id = \"O13\"\nname = \"รายงานการกำกับ",
                "item 'O13' where 'O12' comes"},
        BadFile{"group_under_wrong_indicator", "oit/2566.toml", "number = \"9.3\"", "number = \"10.3\"", "\"10.3\"",
                "group '10.3' is under indicator 9"},
        BadFile{"group_twice", "oit/2566.toml", "number = \"9.3\"", "number = \"9.2\"", "number = \"9.2\"\nname = \"การจัดซื้อจัดจ้าง\"",
                "group '9.2' is listed twice"},
        BadFile{"was_without_follows", "oit/2566.toml", "follows = 2565\n", "", "was = [\"O10\"", "set 'follows'"}),
    [](const ::testing::TestParamInfo<BadFile>& info) { return info.param.name; });

// An office adds its year in its own OITGEN_HOME; `check` validates the file it chose.
fs::path home_with(const fs::path& dir, const std::vector<std::pair<fs::path, std::string>>& extra) {
  const auto home = dir / "home";
  fs::create_directories(home);
  fs::create_directory_symlink(repo() / "fonts", home / "fonts");
  fs::create_directory_symlink(repo() / "layouts", home / "layouts");
  fs::copy(repo() / "data", home / "data", fs::copy_options::recursive);
  for (const auto& [from, to] : extra) fs::copy(from, home / "data" / to);
  return home;
}

TEST(OfficeYear, CheckValidatesAFrameworkFileAddedToItsOwnHome) {
  const auto dir = testing::temp_dir("office-year");
  const auto home = home_with(dir, {{repo() / "data/ita/2566.toml", "ita/2568.toml"}});
  const auto set = testing::sample_copy("office-year-set") / "data";
  testing::replace_in(set / "measures.toml", "assessment_year = 2564", "assessment_year = 2568");
  testing::replace_in(set / "measures.toml", "year = 2564\nscore = 87.56", "year = 2568\nscore = 87.56");
  // As copied, the file still says 2566.
  auto r = run("OITGEN_HOME=" + quote(home) + " " + bin() + " check " + quote(set));
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find((home / "data/ita/2568.toml").string() + ":11:8: error: this file is data/ita/2568.toml but "
                                                                   "says year = 2566"),
            std::string::npos)
      << r.output;
  testing::replace_in(home / "data/ita/2568.toml", "year = 2566", "year = 2568");
  r = run("OITGEN_HOME=" + quote(home) + " " + bin() + " check " + quote(set));
  EXPECT_EQ(r.exit_code, 0) << r.output;
}

// ------------------------------------------------------------------ documents of other shapes

const char* const kEducationWords[] = {"การศึกษา", "เขตพื้นที่", "ศึกษาธิการ", "สพฐ", "โรงเรียน", "เขต"};

TEST(Agencies, AnAbtBuildsAllFourDocumentsWithNoEducationWords) {
  const auto dir = testing::temp_dir("abt");
  const auto r = run(bin() + " build " + quote(repo() / "tests/fixtures/abt-nongnamsai-2567") + " -o " + quote(dir));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output.find("warning"), std::string::npos) << r.output;
  for (const char* kind : {"announcement", "order", "monitoring-6m", "measures-report"}) {
    const auto text = testing::pdftotext(dir / (std::string(kind) + ".pdf"));
    ASSERT_FALSE(text.empty()) << kind;
    for (const char* word : kEducationWords) EXPECT_EQ(text.find(word), std::string::npos) << kind << ": " << word;
  }
  const auto text = testing::pdftotext(dir / "measures-report.pdf");
  for (const std::string& s :
       {thai("จากการประเมินองค์การบริหารส่วนตำบลทั้งสิ้น 7832 แห่ง ได้คะแนนเฉลี่ยร้อยละ 93.82"),
        std::string("อยู่ในระดับ ผ่าน"), thai("ได้คะแนน 89.46 ซึ่งถือว่ามีคุณธรรมและความโปร่งใสในการดำเนินงานอยู่ใน ระดับ ผ่านดี"),
        thai("แบบวัด OIT ได้คะแนน 85.75")})
    EXPECT_TRUE(contains_paragraph(text, s)) << s << "\n" << text.substr(0, 6000);
  EXPECT_EQ(text.find("Very Good"), std::string::npos);
}

std::string generated_2599_files(const fs::path& data_dir) {
  Diagnostics d;
  const auto cat = model::load_oit_catalogue(repo() / "tests/fixtures/framework-2599", 2599, {}, "t", d);
  EXPECT_TRUE(cat) << d.format_all();
  std::string annex, oit, supervision;
  for (const auto& item : cat->items) {
    annex += "\n[[order.annex.items]]\nitem = \"" + item.id + "\"\ntitle = \"" + item.name + "\"\nresponsible = [\"suda\"]\n";
    oit += item.id + " = " + (item.id == "O26" ? "0" : "100") + "\n";
    supervision += "\n[[measures.supervision]]\nitem = \"" + item.id + "\"\nresult = \"ดำเนินการแล้ว\"\n";
  }
  auto order = *read_file(data_dir / "order.toml");
  order = order.substr(0, order.find("assessment_year = 2566")) + "assessment_year = 2599\n" + annex;
  order.replace(order.find("43 ข้อมูล"), std::string("43 ข้อมูล").size(), "26 ข้อมูล");  // the title is the office's text
  std::ofstream(data_dir / "order.toml", std::ios::binary | std::ios::trunc) << order;
  std::ofstream(data_dir / "measures.toml", std::ios::binary | std::ios::trunc)
      << "[measures]\nfiscal_year = 2600\nassessment_year = 2599\noit_year = 2599\npreface = [\"คำนำ\"]\n"
         "\n[[measures.history]]\nyear = 2598\nscore = 85.00\n"
         "\n[[measures.indicators]]\nnumber = 1\nscore = 90\n\n[[measures.indicators]]\nnumber = 2\nscore = 91\n"
         "\n[[measures.indicators]]\nnumber = 3\nscore = 92\n\n[[measures.indicators]]\nnumber = 4\nscore = 80\n"
         "\n[[measures.indicators]]\nnumber = 5\nscore = 82\n\n[[measures.indicators]]\nnumber = 6\nscore = 95\n"
         "\n[[measures.indicators]]\nnumber = 7\nscore = 93\n"
         "\n[measures.oit]\n"
      << oit
      << "\n[[measures.activities]]\ntitle = \"การกำกับติดตาม\"\nsupervision = true\n"
      << supervision;
  return "";
}

TEST(Shapes, ATwentySixItemFrameworkShapesTheAnnexTheGridAndTheSupervisionTable) {
  const auto dir = testing::temp_dir("shape-2599");
  const auto fixture = repo() / "tests/fixtures/framework-2599";
  const auto home = home_with(dir, {{fixture / "ita/2599.toml", "ita/2599.toml"}, {fixture / "oit/2599.toml", "oit/2599.toml"}});
  fs::copy(repo() / "tests/fixtures/abt-nongnamsai-2567", dir / "data", fs::copy_options::recursive);
  generated_2599_files(dir / "data");
  const auto r = run("OITGEN_HOME=" + quote(home) + " " + bin() + " build " + quote(dir / "data") + " -o " + quote(dir / "out"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  // The fixture is provisional: said once, at the setting that chose the year.
  size_t said = 0;
  for (size_t at = r.output.find("is provisional"); at != std::string::npos; at = r.output.find("is provisional", at + 1))
    ++said;
  EXPECT_EQ(said, 1u) << r.output;
  EXPECT_NE(r.output.find("toml:"), std::string::npos);
  EXPECT_NE(r.output.find("' chooses 2599, whose "), std::string::npos) << r.output;
  for (const char* kind : {"announcement", "order", "monitoring-6m", "measures-report"})
    EXPECT_TRUE(fs::exists(dir / "out" / (std::string(kind) + ".pdf"))) << kind;
  const auto order = testing::pdftotext(dir / "out/order.pdf");
  for (const char* group : {"6.1 กลุ่มทดสอบก", "6.2 กลุ่มทดสอบข", "7.3 กลุ่มทดสอบฉ"})
    EXPECT_TRUE(contains_paragraph(order, thai(std::string("ตัวชี้วัดย่อย ") + group))) << group << "\n" << order;
  EXPECT_TRUE(contains_paragraph(order, thai("ข้อมูลทดสอบที่ 26")));
  EXPECT_EQ(order.find(thai("ข้อมูลทดสอบที่ 27")), std::string::npos);
  EXPECT_EQ(order.find("ข้อมูลเชิงสถิติ"), std::string::npos);  // nothing of the 43-item list
  const auto measures = testing::pdftotext(dir / "out/measures-report.pdf");
  // 0.25 × 91 + 0.25 × 81 + 0.5 × 94 = 90.00, OIT at 90 or more: the fixture's top level.
  for (const std::string& s : {thai("จำนวน 26 ข้อมูล ได้คะแนน 0 จำนวน 1 ข้อมูล"), thai("ได้คะแนน 90.00"),
                               std::string("ระดับ ทดสอบสูง"), thai("O26 ข้อมูลทดสอบที่ 26")})
    EXPECT_TRUE(contains_paragraph(measures, s)) << s << "\n" << measures.substr(0, 6000);
  EXPECT_FALSE(contains_paragraph(measures, thai("O27 ")));
  EXPECT_EQ(measures.find("Very Good"), std::string::npos);
}

// ------------------------------------------------------------------ moving on a year

TEST(Init, FromTwoThousandFiveSixtyFiveCarriesTheAssignmentsOverByItem) {
  const auto dir = testing::temp_dir("init-by-item");
  auto r = run(bin() + " init " + quote(dir / "2566") + " --from " + quote(repo() / "samples/nongkhai2-2565"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto order = *read_file(dir / "2566/order.toml");
  EXPECT_NE(order.find("assessment_year = 2566  # TODO"), std::string::npos);
  // 2565 O10 แผนดำเนินงานประจำปี and O18 แผนการใช้จ่ายงบประมาณประจำปี are 2566's O11: their people join.
  const auto o11 = order.substr(order.find("item = \"O11\""), 4000);
  EXPECT_NE(order.find("[[order.annex.items]]  # TODO: O11 continues 2565 O10 (แผนดำเนินงานประจำปี) and O18 "
                       "(แผนการใช้จ่ายงบประมาณประจำปี)"),
            std::string::npos);
  EXPECT_NE(o11.find("title = \"แผนดำเนินงานและการใช้งบประมาณประจำปี\""), std::string::npos) << o11;
  EXPECT_NE(o11.find("\"ratree\""), std::string::npos) << o11;
  // Renumbered under the same name: 2565 O13 คู่มือ… is 2566's O14, its row whole.
  const auto o14 = order.substr(order.find("item = \"O14\""), 300);
  EXPECT_NE(o14.find("title = \"คู่มือหรือมาตรฐานการปฏิบัติงาน\""), std::string::npos) << o14;
  EXPECT_EQ(order.find("# TODO: O14"), std::string::npos);
  // New items and items with no counterpart are TODOs with the reason.
  EXPECT_NE(order.find("# TODO: O10 is new in 2566: no 2565 item corresponds"), std::string::npos);
  EXPECT_NE(order.find("# TODO: O31 is new in 2566"), std::string::npos);
  EXPECT_NE(order.find("# TODO: 2565 O32 (ช่องทางการรับฟังความคิดเห็น) has no counterpart in the 2566 catalogue"),
            std::string::npos);
  // The supervision table follows 2566's items.
  const auto measures = *read_file(dir / "2566/measures.toml");
  EXPECT_EQ(measures.find("oit_year"), std::string::npos);
  EXPECT_NE(measures.find("assessment_year = 2565  # TODO"), std::string::npos);
  r = run(bin() + " build " + quote(dir / "2566") + " -o " + quote(dir / "out"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto annex = testing::pdftotext(dir / "out/order.pdf");
  EXPECT_NE(annex.find("O10\n\nนโยบายคุ้มครองข้อมูล"), std::string::npos) << annex.substr(0, 4000);

  // A year on again: assessed on 2566, the report prints the pass levels; 2567 is provisional.
  r = run(bin() + " init " + quote(dir / "2567") + " --from " + quote(dir / "2566"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  auto text = *read_file(dir / "2567/measures.toml");
  EXPECT_NE(text.find("assessment_year = 2566  # TODO"), std::string::npos);
  // The 2565 total was computed, never written: carried on as the fact it now is.
  EXPECT_NE(text.find("year = 2565\nscore = 0.0\n"), std::string::npos) << text.substr(0, 2000);
  const double scores[] = {98.05, 87.84, 94.58, 93.16, 93.56, 99.67, 99.29, 99.54, 79.64, 68.75};
  size_t at = text.find("[[measures.indicators]]");
  for (const double s : scores) {
    at = text.find("score = 0.0", at);
    ASSERT_NE(at, std::string::npos);
    char buf[32];
    std::snprintf(buf, sizeof buf, "score = %.2f", s);
    text.replace(at, 11, buf);
  }
  std::ofstream(dir / "2567/measures.toml", std::ios::binary | std::ios::trunc) << text;
  r = run(bin() + " build " + quote(dir / "2567") + " -o " + quote(dir / "out2"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("order.toml:19:19: warning: 'order.annex.assessment_year' chooses 2567, whose OIT catalogue "
                          "is provisional"),
            std::string::npos)
      << r.output;
  EXPECT_EQ(r.output.find("is provisional"), r.output.rfind("is provisional")) << r.output;  // said once
  const auto report = testing::pdftotext(dir / "out2/measures-report.pdf");
  // The seed's scores again: 87.56, but OIT 74.20 is below 85: ผ่าน, not ผ่านดี.
  EXPECT_TRUE(contains_paragraph(
      report, thai("ได้คะแนน 87.56 ซึ่งถือว่ามีคุณธรรมและความโปร่งใสในการดำเนินงานอยู่ใน ระดับ ผ่าน โดย")))
      << report.substr(0, 6000);
  EXPECT_EQ(report.find("Very Good"), std::string::npos);
}

}  // namespace
}  // namespace oitgen
