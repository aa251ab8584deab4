// Bad input: every problem is a message with file:line:col (or the path), exit code 1, and no
// PDF left behind.
#include <gtest/gtest.h>

#include <fstream>

#include "data/dataset.h"
#include "model/office_model.h"
#include "test_support.h"

namespace oitgen {
namespace {

using testing::quote;
using testing::repo;
using testing::run;

// A copy of the sample data set in which `file` has `from` replaced by `to`.
std::filesystem::path broken_sample(const std::string& name, const std::string& file,
                                    const std::string& from, const std::string& to) {
  const auto dir = testing::sample_copy(name);
  if (!file.empty()) testing::replace_in(dir / "data" / file, from, to);
  return dir;
}

struct BuildOutcome {
  testing::CommandResult result;
  bool pdf_written = false;
  bool stray_files = false;
};

BuildOutcome build(const std::filesystem::path& dir) {
  BuildOutcome o;
  o.result = run(std::string(OITGEN_BINARY) + " build " + quote(dir / "data") + " -o " + quote(dir / "out"));
  o.pdf_written = std::filesystem::exists(dir / "out" / "announcement.pdf");
  if (std::filesystem::exists(dir / "out"))
    for (const auto& e : std::filesystem::directory_iterator(dir / "out"))
      o.stray_files |= e.path().string().find(".tmp-") != std::string::npos;
  return o;
}

void expect_rejected(const BuildOutcome& o, const std::string& where, const std::string& what) {
  EXPECT_EQ(o.result.exit_code, 1) << o.result.output;
  EXPECT_FALSE(o.pdf_written);
  EXPECT_FALSE(o.stray_files);
  EXPECT_NE(o.result.output.find(where), std::string::npos) << o.result.output;
  EXPECT_NE(o.result.output.find(what), std::string::npos) << o.result.output;
}

TEST(BadInput, MalformedTomlPointsAtTheLine) {
  auto dir = broken_sample("malformed", "announcement.toml", "closing = \"", "closing = ");
  auto text = *read_file(dir / "data/announcement.toml");
  const int line = static_cast<int>(std::count(text.begin(), text.begin() + text.find("closing = "), '\n')) + 1;
  expect_rejected(build(dir), "announcement.toml:" + std::to_string(line) + ":", "malformed TOML");
}

TEST(BadInput, TruncatedFile) {
  auto dir = broken_sample("truncated", "", "", "");
  auto text = *read_file(dir / "data/announcement.toml");
  text.resize(text.size() / 2);
  std::ofstream(dir / "data/announcement.toml", std::ios::binary | std::ios::trunc) << text;
  expect_rejected(build(dir), "announcement.toml:", "error:");
}

TEST(BadInput, MisspelledKeySuggestsTheRightOne) {
  auto dir = broken_sample("unknown-key", "announcement.toml", "\nsubject = ", "\nsubjet = ");
  auto o = build(dir);
  expect_rejected(o, "announcement.toml:", "unknown key 'announcement.subjet'; did you mean 'subject'?");
}

TEST(BadInput, WrongTypeNamesTheExpectedType) {
  auto dir = broken_sample("wrong-type", "announcement.toml", "date = 2022-01-14", "date = \"14 มกราคม 2565\"");
  expect_rejected(build(dir), "announcement.toml:", "'announcement.date' must be a date");
}

TEST(BadInput, MissingEmblemFileNamesThePath) {
  auto dir = broken_sample("no-emblem", "office.toml", "images/garuda-placeholder.png", "images/garuda.png");
  expect_rejected(build(dir), "office.toml:", "file not found: 'images/garuda.png'");
}

TEST(BadInput, CorruptEmblemImageIsAnErrorNotACrash) {
  auto dir = broken_sample("corrupt-png", "", "", "");
  auto png = *read_file(dir / "data/images/garuda-placeholder.png");
  png.resize(png.size() * 2 / 3);  // truncated inside the image data
  std::ofstream(dir / "data/images/garuda-placeholder.png", std::ios::binary | std::ios::trunc) << png;
  expect_rejected(build(dir), "office.toml:", "corrupt");
}

TEST(BadInput, EmblemPathOutsideTheDataSetIsRefused) {
  auto dir = broken_sample("outside", "office.toml", "images/garuda-placeholder.png", "../../etc/passwd");
  expect_rejected(build(dir), "office.toml:", "leads outside the data set folder");
}

TEST(BadInput, UnknownSignerId) {
  auto dir = broken_sample("signer", "announcement.toml", "signer = \"wannachai\"", "signer = \"nobody\"");
  expect_rejected(build(dir), "announcement.toml:", "'nobody' is not a person id");
}

TEST(BadInput, AnnexItemUnknownToTheCatalogue) {
  auto dir = broken_sample("annex-unknown", "order.toml", "item = \"O7\"", "item = \"O77\"");
  auto o = build(dir);
  expect_rejected(o, "order.toml:", "item 'O77' is not in the OIT catalogue of 2565");
  EXPECT_NE(o.result.output.find("item 'O7' ("), std::string::npos) << o.result.output;  // now missing
}

TEST(BadInput, AnnexItemListedTwice) {
  auto dir = broken_sample("annex-twice", "order.toml", "item = \"O8\"", "item = \"O7\"");
  auto o = build(dir);
  expect_rejected(o, "order.toml:", "item 'O7' is listed twice");
  EXPECT_NE(o.result.output.find("item 'O8' (") , std::string::npos);
  EXPECT_NE(o.result.output.find("is missing from the annex"), std::string::npos);
}

TEST(BadInput, UnknownResponsiblePerson) {
  auto dir = broken_sample("annex-person", "order.toml", "responsible = [\"kannika\"]", "responsible = [\"kanika\"]");
  expect_rejected(build(dir), "order.toml:", "'kanika' is not a person id");
}

TEST(Warnings, OrderYearDisagreeingWithItsDateIsAWarning) {
  auto dir = broken_sample("order-year", "order.toml", "year = 2564", "year = 2565");
  auto o = build(dir);
  EXPECT_EQ(o.result.exit_code, 0) << o.result.output;
  EXPECT_NE(o.result.output.find("warning: the order's year 2565 differs from the year of its date (2564)"),
            std::string::npos)
      << o.result.output;
}

TEST(BadInput, MissingDataSetAndUsageErrors) {
  auto r = run(std::string(OITGEN_BINARY) + " build /nonexistent/folder -o /tmp/x");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("/nonexistent/folder"), std::string::npos);
  EXPECT_EQ(run(std::string(OITGEN_BINARY) + " build").exit_code, 1);
  EXPECT_EQ(run(std::string(OITGEN_BINARY) + " frobnicate").exit_code, 1);
  auto only = run(std::string(OITGEN_BINARY) + " build " + quote(repo() / "samples/nongkhai2-2565") +
                  " -o /tmp/x --only leaflet");
  EXPECT_EQ(only.exit_code, 1);
  EXPECT_NE(only.output.find("unknown document kind 'leaflet'"), std::string::npos);
  auto help = run(std::string(OITGEN_BINARY) + " --help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.output.find("--only KIND"), std::string::npos);
  EXPECT_EQ(run(std::string(OITGEN_BINARY) + " --version").output.rfind("oitgen ", 0), 0u);
}

TEST(Model, SignerIsResolvedWithFullName) {
  Diagnostics d;
  auto ds = data::load_dataset(repo() / "samples/nongkhai2-2565", d);
  auto m = model::build_model(ds, repo() / "data", d);
  ASSERT_TRUE(m.view) << d.format_all();
  const auto* signer = m.view->get("announcement")->get("signed_by");
  ASSERT_NE(signer, nullptr);
  EXPECT_EQ(signer->get("full_name")->s, "นายวรรณชัย บุสนาม");
}

// Document kinds load only what their layouts require: an order whose assessment year has no
// OIT catalogue stops the order (one error that names the setting), not the announcement.
TEST(DocumentKinds, MissingCatalogueNamesTheSettingAndSparesOtherKinds) {
  auto dir = broken_sample("no-catalogue", "order.toml", "assessment_year = 2565", "assessment_year = 2568");
  auto only = run(std::string(OITGEN_BINARY) + " build " + quote(dir / "data") + " -o " + quote(dir / "only") +
                  " --only announcement");
  EXPECT_EQ(only.exit_code, 0) << only.output;
  EXPECT_TRUE(std::filesystem::exists(dir / "only/announcement.pdf"));
  auto o = build(dir);
  expect_rejected(o, "order.toml:", "no OIT catalogue for assessment year 2568");
  EXPECT_NE(o.result.output.find("'order.annex.assessment_year' chooses the year"), std::string::npos) << o.result.output;
  EXPECT_NE(o.result.output.find("have: 2565, 2566, 2567"), std::string::npos) << o.result.output;
  size_t errors = 0;
  for (size_t at = o.result.output.find(": error:"); at != std::string::npos; at = o.result.output.find(": error:", at + 1))
    ++errors;
  EXPECT_EQ(errors, 1u) << o.result.output;
}

TEST(DocumentKinds, MeasuresYearsWithoutReferenceDataNameTheirSetting) {
  auto fy = broken_sample("measures-fy", "measures.toml", "fiscal_year = 2565", "fiscal_year = 2568");
  expect_rejected(build(fy), "measures.toml:12:", "'measures.fiscal_year' chooses the year");
  auto ay = broken_sample("measures-ay", "measures.toml", "assessment_year = 2564", "assessment_year = 2563");
  auto o = build(ay);
  expect_rejected(o, "measures.toml:13:", "no ITA framework for assessment year 2563");
  EXPECT_NE(o.result.output.find("'measures.assessment_year' chooses the year"), std::string::npos);
}

TEST(DocumentKinds, MeasuresReportNeedsTheDataItComposes) {
  // Without monitoring data the measures report cannot include the project results.
  auto dir = broken_sample("measures-no-monitoring", "", "", "");
  std::filesystem::remove(dir / "data/monitoring.toml");
  auto o = build(dir);
  expect_rejected(o, "measures-report.toml:", "the included layout 'monitoring-6m' needs [monitoring] data");
}

TEST(DocumentKinds, BadMeasuresFiguresAreRefused) {
  expect_rejected(build(broken_sample("measures-score", "measures.toml", "score = 98.05", "score = 198.05")),
                  "measures.toml:", "the score of indicator 1 must be a score from 0 to 100");
  expect_rejected(build(broken_sample("measures-oit-id", "measures.toml", "O7 = 100", "O07 = 100")), "measures.toml:",
                  "'O07' is not an OIT item id such as O1 or O43");
  expect_rejected(build(broken_sample("measures-years", "measures.toml", "year = 2560", "year = 2557")),
                  "measures.toml:", "the years of 'measures.history' must rise");
  expect_rejected(build(broken_sample("measures-item", "measures.toml", "item = \"O9\"", "item = \"O99\"")),
                  "measures.toml:", "item 'O99' is not in the OIT catalogue of 2565");
}

}  // namespace
}  // namespace oitgen
