// The 6-month monitoring report (monitoring-6m): bad activity photos and budget data refused by
// the real CLI with file:line messages and nothing written; the figures it prints (Thai digits,
// amounts in words); page labels, photo-grid geometry and the monitoring model without the CLI.
#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>
#include <fstream>
#include <vector>

#include "data/dataset.h"
#include "layout/photo_grid.h"
#include "layout/toc.h"
#include "model/office_model.h"
#include "test_support.h"

namespace oitgen {
namespace {

namespace fs = std::filesystem;
using testing::quote;
using testing::replace_in;
using testing::repo;
using testing::rgb_png;

// A fresh copy of the sample data set at root/data; the CLI writes to root/out, which exists and
// is empty beforehand. Removed again when the test passed.
struct SampleCopy {
  fs::path root;
  explicit SampleCopy(const std::string& name) : root(testing::temp_dir("monitoring-test-" + name)) {
    fs::copy(repo() / "samples/nongkhai2-2565", data(), fs::copy_options::recursive);
    fs::create_directories(out());
  }
  ~SampleCopy() {
    if (!::testing::Test::HasFailure()) fs::remove_all(root);
  }
  fs::path data() const { return root / "data"; }
  fs::path out() const { return root / "out"; }
  fs::path file(const std::string& relative) const { return data() / relative; }
};

std::string read(const fs::path& p) {
  auto text = read_file(p);
  EXPECT_TRUE(text) << p;
  return text ? *text : std::string();
}

void write(const fs::path& p, const std::string& bytes) {
  std::ofstream(p, std::ios::binary | std::ios::trunc) << bytes;
}


// "monitoring.toml:LINE:" for the line on which `needle` first occurs in the file.
std::string location_of(const fs::path& p, const std::string& needle) {
  const auto text = read(p);
  const auto at = text.find(needle);
  EXPECT_NE(at, std::string::npos) << needle;
  const auto line = std::count(text.begin(), text.begin() + static_cast<long>(std::min(at, text.size())), '\n') + 1;
  return p.filename().string() + ":" + std::to_string(line) + ":";
}

struct CliOutcome {
  testing::CommandResult result;
  std::vector<std::string> written;  // everything in the output folder afterwards
};

CliOutcome build(const SampleCopy& s, const std::string& extra = "") {
  CliOutcome o;
  o.result = testing::run(std::string(OITGEN_BINARY) + " build " + quote(s.data()) + " -o " + quote(s.out()) + extra);
  for (const auto& e : fs::recursive_directory_iterator(s.out())) o.written.push_back(e.path().filename().string());
  return o;
}

std::string joined(const std::vector<std::string>& names) {
  std::string s;
  for (const auto& n : names) s += n + " ";
  return s;
}

// Exit code 1 (not a crash), no file of any kind written, and the message has `where` and `what`.
void expect_refused(const CliOutcome& o, const std::string& where, const std::string& what) {
  EXPECT_EQ(o.result.exit_code, 1) << o.result.output;
  EXPECT_TRUE(o.written.empty()) << joined(o.written);
  EXPECT_NE(o.result.output.find(where), std::string::npos) << "no '" << where << "' in:\n" << o.result.output;
  EXPECT_NE(o.result.output.find(what), std::string::npos) << "no '" << what << "' in:\n" << o.result.output;
}

// Exit code 0 with only the report written, and a warning that has `where` and `what`.
void expect_warned(const CliOutcome& o, const std::string& where, const std::string& what) {
  EXPECT_EQ(o.result.exit_code, 0) << o.result.output;
  EXPECT_EQ(joined(o.written), "monitoring-6m.pdf ");
  EXPECT_NE(o.result.output.find(where), std::string::npos) << "no '" << where << "' in:\n" << o.result.output;
  EXPECT_NE(o.result.output.find("warning: " + what), std::string::npos) << "no '" << what << "' in:\n"
                                                                         << o.result.output;
}

// The text of the monitoring report built from `s`, or "" when the build failed.
std::string built_report_text(const SampleCopy& s) {
  const auto o = build(s, " --only monitoring-6m");
  EXPECT_EQ(o.result.exit_code, 0) << o.result.output;
  const auto pdf = s.out() / "monitoring-6m.pdf";
  EXPECT_TRUE(fs::exists(pdf)) << o.result.output;
  return fs::exists(pdf) ? testing::pdftotext(pdf) : std::string();
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// ---------------------------------------------------------------- A. bad photos

TEST(MonitoringPhotos, CorruptJpegIsRefused) {
  SampleCopy s("corrupt-jpeg");
  std::string bytes = "\xFF\xD8";
  for (int i = 0; i < 200; ++i) bytes += "this is not JPEG data ";
  write(s.file("images/act1-meeting.jpg"), bytes);
  const auto where = location_of(s.file("monitoring.toml"), "src = \"images/act1-meeting.jpg\"");
  auto o = build(s);
  expect_refused(o, where, "images/act1-meeting.jpg");
  EXPECT_TRUE(has(o.result.output, "corrupt")) << o.result.output;
}

TEST(MonitoringPhotos, TruncatedJpegIsRefused) {
  SampleCopy s("truncated-jpeg");
  auto jpeg = read(s.file("images/act3-visit.jpg"));
  jpeg.resize(jpeg.size() / 2);
  write(s.file("images/act3-visit.jpg"), jpeg);
  const auto where = location_of(s.file("monitoring.toml"), "src = \"images/act3-visit.jpg\"");
  auto o = build(s);
  expect_refused(o, where, "images/act3-visit.jpg");
  EXPECT_TRUE(has(o.result.output, "corrupt or truncated")) << o.result.output;
}

TEST(MonitoringPhotos, PngWithDamagedImageDataIsAnErrorNotACrash) {
  SampleCopy s("corrupt-png");
  auto png = read(s.file("images/act2-poster.png"));
  const auto idat = png.find("IDAT");
  ASSERT_NE(idat, std::string::npos);
  const auto* len_bytes = reinterpret_cast<const unsigned char*>(png.data() + idat - 4);
  const size_t length = size_t{len_bytes[0]} << 24 | size_t{len_bytes[1]} << 16 | size_t{len_bytes[2]} << 8 | len_bytes[3];
  ASSERT_GT(length, 64u);
  const size_t middle = idat + 4 + length / 2;
  for (size_t i = middle; i < middle + 32; ++i) png[i] = static_cast<char>(png[i] ^ 0x5A);
  write(s.file("images/act2-poster.png"), png);
  const auto where = location_of(s.file("monitoring.toml"), "src = \"images/act2-poster.png\"");
  auto o = build(s);
  expect_refused(o, where, "images/act2-poster.png");  // exit code exactly 1: no signal, no abort
  EXPECT_TRUE(has(o.result.output, "corrupt")) << o.result.output;
}

TEST(MonitoringPhotos, MissingPhotoNamesTheFileAtItsLine) {
  SampleCopy s("missing-photo");
  const auto toml = s.file("monitoring.toml");
  replace_in(toml, "src = \"images/act5-supervision.jpg\"", "src = \"images/act5-nowhere.jpg\"");
  auto o = build(s);
  expect_refused(o, location_of(toml, "src = \"images/act5-nowhere.jpg\""),
                 "file not found: 'images/act5-nowhere.jpg'");
}

TEST(MonitoringPhotos, PathLeadingOutsideTheDataSetIsRefused) {
  SampleCopy s("outside");
  const auto toml = s.file("monitoring.toml");
  replace_in(toml, "src = \"images/act4-meeting.jpg\"", "src = \"../../etc/passwd\"");
  auto o = build(s);
  expect_refused(o, location_of(toml, "src = \"../../etc/passwd\""),
                 "path '../../etc/passwd' leads outside the data set folder");
}

TEST(MonitoringPhotos, SymlinkLeadingOutsideTheDataSetIsRefused) {
  SampleCopy s("outside-link");
  fs::remove(s.file("images/act4-meeting.jpg"));
  fs::create_symlink("/etc/passwd", s.file("images/act4-meeting.jpg"));
  auto o = build(s);
  expect_refused(o, location_of(s.file("monitoring.toml"), "src = \"images/act4-meeting.jpg\""),
                 "path 'images/act4-meeting.jpg' leads outside the data set folder");
}

TEST(MonitoringPhotos, TextFileNamedJpgIsNeitherJpegNorPng) {
  SampleCopy s("not-an-image");
  write(s.file("images/act1-risk.jpg"), "Photos will be added later.\n");
  auto o = build(s);
  expect_refused(o, location_of(s.file("monitoring.toml"), "src = \"images/act1-risk.jpg\""),
                 "images/act1-risk.jpg' is neither a JPEG nor a PNG");
}

// A header claiming 20000×20000 pixels over a few bytes of data: refused before anything is
// allocated for it.
TEST(MonitoringPhotos, ImpossiblyLargePngIsRefusedBeforeDecoding) {
  SampleCopy s("huge-png");
  write(s.file("images/act2-poster.png"), rgb_png(20000, 20000, 1));
  auto o = build(s);
  EXPECT_EQ(o.result.exit_code, 1) << o.result.output;
  EXPECT_TRUE(o.written.empty()) << joined(o.written);
  EXPECT_NE(o.result.output.find("images/act2-poster.png' is 20000x20000 pixels"), std::string::npos)
      << o.result.output;
}

// A thumbnail blown up to a 6 cm photo cell prints blurred: said, and the report is written.
TEST(MonitoringPhotos, LowResolutionPhotoIsAWarning) {
  SampleCopy s("thumbnail");
  write(s.file("images/act2-poster.png"), rgb_png(40, 30, 30));
  auto o = build(s, " --only monitoring-6m");
  expect_warned(o, location_of(s.file("monitoring.toml"), "src = \"images/act2-poster.png\""),
                "photo 'images/act2-poster.png' prints at");
  EXPECT_TRUE(has(o.result.output, "pixels per inch and will look blurred")) << o.result.output;
}

// ---------------------------------------------------------------- B. figures and budget data

TEST(MonitoringFigures, SampleBudgetInDigitsWordsAndPerCent) {
  SampleCopy s("figures");
  const auto text = built_report_text(s);
  for (const char* part : {"๑๐๐,๐๐๐", "๖๑,๐๐๐", "๓๙,๐๐๐", "หนึ่งแสนบาทถ้วน", "หกหมื่นหนึ่งพันบาทถ้วน",
                           "สามหมื่นเก้าพันบาทถ้วน"})
    EXPECT_TRUE(has(text, part)) << part;
  EXPECT_TRUE(testing::contains_paragraph(text, "ร้อยละ ๖๑.๐๐")) << text;
}

TEST(MonitoringFigures, ChangedSpendingRecomputesRemainingAndPerCent) {
  SampleCopy s("figures-changed");
  replace_in(s.file("monitoring.toml"), "spent = 61000", "spent = 75500");
  const auto text = built_report_text(s);
  for (const char* part : {"๗๕,๕๐๐", "เจ็ดหมื่นห้าพันห้าร้อยบาทถ้วน", "๒๔,๕๐๐", "สองหมื่นสี่พันห้าร้อยบาทถ้วน"})
    EXPECT_TRUE(has(text, part)) << part;
  EXPECT_TRUE(testing::contains_paragraph(text, "ร้อยละ ๗๕.๕๐")) << text;
  for (const char* stale : {"๓๙,๐๐๐", "สามหมื่นเก้าพันบาทถ้วน", "๖๑,๐๐๐", "๖๑.๐๐"})
    EXPECT_FALSE(has(text, stale)) << stale;
}

// One amount with satang gives every amount of the document two decimals: no "100,000" beside
// "61,000.50" in one table.
TEST(MonitoringFigures, OneAmountWithSatangGivesAllAmountsTwoDecimals) {
  SampleCopy s("figures-satang");
  replace_in(s.file("monitoring.toml"), "spent = 61000", "spent = 61000.5");
  const auto text = built_report_text(s);
  for (const char* part : {"๑๐๐,๐๐๐.๐๐ บาท", "๖๑,๐๐๐.๕๐ บาท", "๓๘,๙๙๙.๕๐ บาท", "หกหมื่นหนึ่งพันบาทห้าสิบสตางค์"})
    EXPECT_TRUE(has(text, part)) << part;
  EXPECT_FALSE(has(text, "๑๐๐,๐๐๐ บาท")) << text;
}

// An activity that has not started has nothing to show among the results: no empty heading
// there, while part 1 still lists it with its status.
TEST(MonitoringFigures, NotStartedActivityPrintsNoEmptyHeading) {
  SampleCopy s("not-started");
  replace_in(s.file("monitoring.toml"), "[[monitoring.project.kpis]]",
             "[[monitoring.project.activities]]\ntitle = \"กิจกรรมที่ยังไม่เริ่ม\"\nstatus = \"not-started\"\n\n"
             "[[monitoring.project.kpis]]");
  const auto text = built_report_text(s);
  EXPECT_TRUE(testing::contains_paragraph(text, "กิจกรรมย่อยที่ ๖ กิจกรรมที่ยังไม่เริ่ม (ยังไม่ได้ดำเนินการ)")) << text;
  EXPECT_FALSE(has(text, "๒.๖ กิจกรรมที่ยังไม่เริ่ม")) << text;
  EXPECT_TRUE(has(text, "๒.๕ ")) << text;  // the others keep theirs
}

TEST(MonitoringFigures, SpendingAboveTheApprovedBudgetIsRefused) {
  SampleCopy s("overspent");
  const auto toml = s.file("monitoring.toml");
  replace_in(toml, "spent = 61000", "spent = 100001");
  auto o = build(s);
  expect_refused(o, location_of(toml, "spent = 100001"), "the amount spent (100,001 baht)");
  EXPECT_TRUE(has(o.result.output, "approved budget (100,000 baht")) << o.result.output;
}

TEST(MonitoringFigures, UnknownActivityStatusListsTheAllowedValues) {
  SampleCopy s("status");
  const auto toml = s.file("monitoring.toml");
  replace_in(toml, "status = \"in-progress\"", "status = \"finished\"");
  auto o = build(s);
  expect_refused(o, location_of(toml, "status = \"finished\""),
                 "unknown activity status 'finished'; expected one of: \"done\", \"in-progress\", \"not-started\"");
}

TEST(MonitoringFigures, UnknownBudgetSourceListsTheAllowedValues) {
  SampleCopy s("source");
  const auto toml = s.file("monitoring.toml");
  replace_in(toml, "source = \"plan\"", "source = \"donation\"");
  auto o = build(s);
  expect_refused(o, location_of(toml, "source = \"donation\""),
                 "unknown budget source 'donation'; expected one of: \"plan\", \"obec\", \"other\"");
}

TEST(MonitoringFigures, RoundWithoutItsPeriodIsRefused) {
  SampleCopy s("round-no-period");
  const auto toml = s.file("monitoring.toml");
  replace_in(toml, "[[monitoring.periods]]\nnumber = 2\nmonths = 9\nfrom = 2022-04-01\nto = 2022-06-30\n", "");
  replace_in(toml, "round = 6", "round = 9");
  auto o = build(s);
  expect_refused(o, location_of(toml, "round = 9"), "no period in 'monitoring.periods' covers 9 months");
}

TEST(MonitoringFigures, RoundOtherThanSixNineOrTwelveIsRefused) {
  SampleCopy s("round-7");
  const auto toml = s.file("monitoring.toml");
  replace_in(toml, "round = 6", "round = 7");
  auto o = build(s);
  expect_refused(o, location_of(toml, "round = 7"), "'monitoring.round' is the months covered: 6, 9 or 12");
}

// A date outside the fiscal year (1 October 2564 – 30 September 2565) is most likely a typing
// slip: said, but the report is still written.
TEST(MonitoringFigures, DateOutsideTheFiscalYearIsAWarning) {
  SampleCopy s("date-outside-year");
  const auto toml = s.file("monitoring.toml");
  replace_in(toml, "date = 2022-06-09", "date = 2023-06-09");
  auto o = build(s, " --only monitoring-6m");
  expect_warned(o, location_of(toml, "date = 2023-06-09"),
                "the activity's date 9 มิถุนายน พ.ศ. 2566 lies outside fiscal year 2565");
}

// Only what the schema requires: every optional part of the layout must cope with its absence.
TEST(MonitoringFigures, ADataSetWithOnlyTheRequiredKeysBuilds) {
  const auto root = testing::temp_dir("monitoring-minimal");
  fs::create_directories(root / "data/images");
  fs::copy(repo() / "samples/nongkhai2-2565/images/garuda-placeholder.png", root / "data/images/emblem.png");
  write(root / "data/office.toml", R"([office]
name = "สำนักงานทดสอบ"
emblem = "images/emblem.png"
director = "boss"

[[people]]
id = "boss"
title = "นาย"
first = "ทดสอบ"
last = "ระบบ"
position = "ผู้อำนวยการ"
)");
  write(root / "data/monitoring.toml", R"([monitoring]
fiscal_year = 2566
round = 6
preface = ["คำนำสั้น ๆ"]

[[monitoring.periods]]
number = 1
months = 6
from = 2022-10-01
to = 2023-03-31

[monitoring.project]
name = "โครงการทดสอบฤๅษีกำ"
responsible = "boss"
objective = "เพื่อทดสอบ"
outputs = ["ผลผลิตหนึ่ง"]
outcomes = ["ผลลัพธ์หนึ่ง"]
kpis = [{ indicator = "ตัวชี้วัดหนึ่ง", target = "ร้อยละ 80" }]
activities = [{ title = "กิจกรรมเดียว", status = "not-started", photos = [{ src = "images/emblem.png" }] }]
targets = { quantitative = ["ทุกคน"], qualitative = ["ดี"] }
budget = { approved = 5000.50, spent = 0, source = "other" }
)");
  const auto r = testing::run(std::string(OITGEN_BINARY) + " build " + quote(root / "data") + " -o " +
                              quote(root / "out"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto text = testing::pdftotext(root / "out/monitoring-6m.pdf");
  for (const char* s : {"โครงการทดสอบฤๅษีกำ", "กิจกรรมย่อยที่ ๑ กิจกรรมเดียว (ยังไม่ได้ดำเนินการ)", "๕,๐๐๐.๕๐ บาท",
                        "ห้าพันบาทห้าสิบสตางค์", "ร้อยละ ๐.๐๐"})
    EXPECT_TRUE(testing::contains_paragraph(text, s)) << s << "\n" << text;
  if (!::testing::Test::HasFailure()) fs::remove_all(root);
}

// ---------------------------------------------------------------- C. without the CLI

TEST(PageLabels, ThaiLetterNumbersSkipObsoleteLettersAndGoOnPastTheAlphabet) {
  EXPECT_EQ(layout::thai_letter_number(1), "ก");
  EXPECT_EQ(layout::thai_letter_number(2), "ข");
  EXPECT_EQ(layout::thai_letter_number(3), "ค");  // not ฃ
  EXPECT_EQ(layout::thai_letter_number(4), "ง");  // not ฅ
  EXPECT_EQ(layout::thai_letter_number(41), "ฮ");
  EXPECT_EQ(layout::thai_letter_number(42), "กก");
  EXPECT_EQ(layout::thai_letter_number(43), "กข");
  EXPECT_EQ(layout::thai_letter_number(0), "");
}

TEST(PageLabels, RunsOfUnnumberedLetteredAndNumberedPages) {
  using layout::PageNumberFormat;
  const std::vector<layout::NumberingStart> starts = {{3, PageNumberFormat::Numbers, 1},  // given out of order
                                                      {0, PageNumberFormat::None, 1},
                                                      {1, PageNumberFormat::ThaiLetters, 1}};
  EXPECT_EQ(layout::page_labels(6, starts), (std::vector<std::string>{"", "ก", "ข", "1", "2", "3"}));
  EXPECT_EQ(layout::page_labels(4, {}), (std::vector<std::string>{"1", "2", "3", "4"}));
  EXPECT_TRUE(layout::page_labels(0, starts).empty());
}

TEST(PhotoGrid, FitWithinKeepsTheAspectInsideTheBox) {
  const auto portrait = layout::fit_within(600, 800, 400, 300);  // height limits
  EXPECT_DOUBLE_EQ(portrait.w, 225);
  EXPECT_DOUBLE_EQ(portrait.h, 300);
  const auto landscape = layout::fit_within(800, 600, 300, 400);  // width limits
  EXPECT_DOUBLE_EQ(landscape.w, 300);
  EXPECT_DOUBLE_EQ(landscape.h, 225);
  const auto small = layout::fit_within(80, 60, 400, 400);  // scaled up to the box, still whole
  EXPECT_DOUBLE_EQ(small.w, 400);
  EXPECT_DOUBLE_EQ(small.h, 300);
  const auto none = layout::fit_within(0, 600, 300, 400);
  EXPECT_EQ(none.w, 0);
  EXPECT_EQ(none.h, 0);
}

TEST(PhotoGrid, CellsHaveEqualWidthsAndAShortLastRowIsCentred) {
  double cell_w = 0;
  const auto full = layout::cell_lefts(2, 2, 50, 400, 20, cell_w);
  EXPECT_DOUBLE_EQ(cell_w, 190);
  ASSERT_EQ(full.size(), 2u);
  EXPECT_DOUBLE_EQ(full[0], 50);
  EXPECT_DOUBLE_EQ(full[1] - (full[0] + cell_w), 20);  // the gap between
  EXPECT_DOUBLE_EQ(full[1] + cell_w, 450);              // ends at the frame's right edge

  const auto lone = layout::cell_lefts(1, 2, 50, 400, 20, cell_w);
  EXPECT_DOUBLE_EQ(cell_w, 190);  // same width as in a full row
  ASSERT_EQ(lone.size(), 1u);
  EXPECT_DOUBLE_EQ(lone[0], 155);  // centred: 105 free on each side
  EXPECT_DOUBLE_EQ(lone[0] - 50, 450 - (lone[0] + cell_w));

  const auto three = layout::cell_lefts(3, 3, 0, 400, 20, cell_w);
  EXPECT_DOUBLE_EQ(cell_w, 120);
  EXPECT_EQ(three, (std::vector<double>{0, 140, 280}));
}

TEST(MonitoringModel, SampleBudgetPeriodsAndStatusAreDerived) {
  Diagnostics d;
  auto ds = data::load_dataset(repo() / "samples/nongkhai2-2565", d);
  auto m = model::build_model(ds, repo() / "data", d);
  ASSERT_TRUE(m.view) << d.format_all();
  EXPECT_FALSE(d.has_errors()) << d.format_all();
  const auto* monitoring = m.view->get("monitoring");
  ASSERT_NE(monitoring, nullptr);

  const auto* budget = monitoring->get("project")->get("budget");
  ASSERT_NE(budget->get("remaining"), nullptr);
  EXPECT_EQ(budget->get("remaining")->kind, data::Node::Kind::Integer);
  EXPECT_EQ(budget->get("remaining")->i, 39000);
  ASSERT_NE(budget->get("percent_spent"), nullptr);
  EXPECT_EQ(budget->get("percent_spent")->s, "61.00");

  const auto& periods = monitoring->get("periods")->array;
  ASSERT_EQ(periods.size(), 3u);
  for (size_t i = 0; i < periods.size(); ++i) {
    ASSERT_NE(periods[i]->get("current"), nullptr);
    EXPECT_EQ(periods[i]->get("current")->b, i == 0) << "period " << i;
  }

  const auto* first = monitoring->get("project")->get("activities")->array.at(0).get();
  ASSERT_NE(first->get("status_text"), nullptr);
  EXPECT_EQ(first->get("status_text")->s, "ดำเนินการแล้ว");
}

}  // namespace
}  // namespace oitgen
