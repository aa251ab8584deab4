// The daily-use commands end to end, through the real binary: check, schema (validated with an
// independent JSON Schema validator), init (fresh and --from last year), build --watch.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "test_support.h"
#include "util/files.h"

namespace oitgen {
namespace {

namespace fs = std::filesystem;
using testing::quote;
using testing::repo;
using testing::run;

const char* const kSamples[] = {"samples/nongkhai2-2565", "samples/udonthani1-2566"};

std::string bin() { return OITGEN_BINARY; }

TEST(Check, BothSamplesAreCleanAndNothingIsWritten) {
  for (const char* sample : kSamples) {
    const auto r = run(bin() + " check " + quote(repo() / sample));
    EXPECT_EQ(r.exit_code, 0) << sample << "\n" << r.output;
    EXPECT_EQ(r.output, "") << sample;
  }
}

TEST(Check, ReportsEveryProblemWithItsSourceLineAndCaret) {
  const auto dir = testing::sample_copy("check-many");
  auto edit = [&](const std::string& file, const std::string& from, const std::string& to) {
    testing::replace_in(dir / "data" / file, from, to);
  };
  edit("announcement.toml", "\nsubject = ", "\nsubjet = ");
  edit("office.toml", "director = \"wannachai\"", "director = \"wannachay\"");
  edit("monitoring.toml", "spent = 61000", "spent = nan");
  const auto r = run("NO_COLOR=1 " + bin() + " check " + quote(dir / "data"));
  EXPECT_EQ(r.exit_code, 1) << r.output;
  // All three, not only the first; the unknown key and id with a suggestion; no colour codes.
  for (const char* part : {"announcement.toml:8:10: error: unknown key 'announcement.subjet'; did you mean 'subject'?",
                           " 8 | subjet = ", "monitoring.toml:180:9: error: 'monitoring.project.budget.spent' must be a "
                                            "finite number, found nan",
                           "180 | spent = nan", "     |         ^"})
    EXPECT_NE(r.output.find(part), std::string::npos) << part << "\n" << r.output;
  EXPECT_EQ(r.output.find("\033["), std::string::npos);
  EXPECT_NE(r.output.find("oitgen: 2 error(s)"), std::string::npos) << r.output;
  // The misspelt director is found once the keys are right.
  edit("announcement.toml", "\nsubjet = ", "\nsubject = ");
  edit("monitoring.toml", "spent = nan", "spent = 61000");
  const auto r2 = run(bin() + " check " + quote(dir / "data"));
  EXPECT_NE(r2.output.find("office.director 'wannachay' is not a person id of [[people]]; did you mean 'wannachai'?"),
            std::string::npos)
      << r2.output;
  EXPECT_FALSE(fs::exists(dir / "data" / "out"));
}

TEST(Schema, ValidatesEveryFileOfBothSamplesAndRejectsAMisspeltKey) {
  const auto dir = testing::temp_dir("schema");
  const auto schema = run(bin() + " schema > " + quote(dir / "schema.json"));
  ASSERT_EQ(schema.exit_code, 0) << schema.output;
  const std::string validator = "/usr/bin/python3 " + quote(repo() / "tests/tools/validate_schema.py") + " " +
                                quote(dir / "schema.json");
  for (const char* sample : kSamples)
    for (const auto& e : fs::directory_iterator(repo() / sample))
      if (e.path().extension() == ".toml") {
        const auto r = run(validator + " " + quote(e.path()));
        EXPECT_EQ(r.exit_code, 0) << e.path() << "\n" << r.output;
      }
  auto text = *read_file(repo() / "samples/nongkhai2-2565/monitoring.toml");
  text.replace(text.find("\nround = "), 9, "\nrounds = ");
  std::ofstream(dir / "misspelt.toml") << text;
  const auto bad = run(validator + " " + quote(dir / "misspelt.toml"));
  EXPECT_EQ(bad.exit_code, 1) << bad.output;
  EXPECT_NE(bad.output.find("'rounds' was unexpected"), std::string::npos) << bad.output;
  // Descriptions in both languages reach the editor.
  const auto json = *read_file(dir / "schema.json");
  EXPECT_NE(json.find("\"description\": \"The project's budget"), std::string::npos);
  EXPECT_NE(json.find("\"format\": \"date\""), std::string::npos);
  // One kind alone.
  EXPECT_EQ(run(bin() + " schema monitoring").exit_code, 0);
  EXPECT_EQ(run(bin() + " schema letters").exit_code, 1);
}

// Every typed value of the schema but the root has a description in English and Thai.
TEST(Schema, EveryKeyIsDescribedInBothLanguages) {
  const auto dir = testing::temp_dir("schema-described");
  ASSERT_EQ(run(bin() + " schema > " + quote(dir / "schema.json")).exit_code, 0);
  const char* script =
      "import json,sys\n"
      "s=json.load(open(sys.argv[1]))\n"
      "typed=[];bad=[]\n"
      "def walk(n,p):\n"
      "  if isinstance(n,dict):\n"
      "    if 'type' in n:\n"
      "      typed.append(p)\n"
      "      if p and ' \u2014 ' not in n.get('description',''): bad.append(p)\n"
      "    for k,v in n.items(): walk(v,p+'/'+k)\n"
      "  elif isinstance(n,list):\n"
      "    for v in n: walk(v,p)\n"
      "walk(s,'')\n"
      "print(len(typed), bad)\n"
      "sys.exit(1 if bad or len(typed) < 120 else 0)\n";
  std::ofstream(dir / "described.py") << script;
  const auto r = run("/usr/bin/python3 " + quote(dir / "described.py") + " " + quote(dir / "schema.json"));
  EXPECT_EQ(r.exit_code, 0) << r.output;
}

std::string check_warnings_only(const fs::path& data) {
  const auto r = run(bin() + " check " + quote(data));
  EXPECT_EQ(r.exit_code, 0) << r.output;
  std::istringstream in(r.output);
  std::string line, others;
  for (std::string l; std::getline(in, l);)
    if (!l.empty() && l[0] != ' ' && l.find(": warning: TODO: ") == std::string::npos) others += l + "\n";
  return others;
}

void expect_pdfs_sound(const fs::path& out) {
  for (const char* kind : {"announcement", "order", "monitoring-6m", "measures-report"}) {
    const auto pdf = out / (std::string(kind) + ".pdf");
    ASSERT_TRUE(fs::exists(pdf)) << pdf;
    testing::expect_sound_pdf(pdf);
  }
}

TEST(Init, FreshDataSetChecksAndBuildsWithItsPlaceholders) {
  const auto dir = testing::temp_dir("init-fresh");
  const std::string office = "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาทดลอง";
  const auto r = run(bin() + " init " + quote(dir / "new") + " --office " + quote(office));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  for (const char* f : {"office.toml", "announcement.toml", "order.toml", "monitoring.toml", "measures.toml",
                        "images/emblem.png"})
    EXPECT_TRUE(fs::exists(dir / "new" / f)) << f;
  EXPECT_EQ(check_warnings_only(dir / "new"), "");
  const auto b = run(bin() + " build " + quote(dir / "new") + " -o " + quote(dir / "out"));
  ASSERT_EQ(b.exit_code, 0) << b.output;
  expect_pdfs_sound(dir / "out");
  const std::string text = testing::pdftotext(dir / "out/announcement.pdf");
  for (const std::string& placeholder : {"ประกาศ" + office, "เรื่อง มาตรการการเผยแพร่ข้อมูลสาธารณะของ" + office,
                                        std::string("ย่อหน้าแรกของประกาศ"), std::string("(นายชื่อ นามสกุล)")})
    EXPECT_TRUE(testing::contains_paragraph(text, placeholder)) << placeholder << "\n" << text;
  // An existing data set is never overwritten.
  const auto again = run(bin() + " init " + quote(dir / "new") + " --office x");
  EXPECT_EQ(again.exit_code, 1);
}

TEST(Init, FromLastYearMovesOnAYearAndBuilds) {
  const auto dir = testing::temp_dir("init-from");
  const auto r = run(bin() + " init " + quote(dir / "next") + " --from " + quote(repo() / "samples/nongkhai2-2565"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(check_warnings_only(dir / "next"), "");
  const auto monitoring = *read_file(dir / "next/monitoring.toml");
  EXPECT_NE(monitoring.find("fiscal_year = 2566  # TODO"), std::string::npos) << monitoring.substr(0, 400);
  EXPECT_NE(monitoring.find("from = 2022-10-01"), std::string::npos);
  EXPECT_NE(monitoring.find("spent = 0"), std::string::npos);
  EXPECT_EQ(monitoring.find("photos"), std::string::npos);  // activities and photos emptied
  const auto order = *read_file(dir / "next/order.toml");
  EXPECT_NE(order.find("year = 2565  # TODO"), std::string::npos);
  EXPECT_NE(order.find("responsible = [\n  \"kannika\",\n]"), std::string::npos);  // assignments kept
  const auto office = *read_file(dir / "next/office.toml");
  EXPECT_NE(office.find("id = \"wannachai\""), std::string::npos);
  const auto b = run(bin() + " build " + quote(dir / "next") + " -o " + quote(dir / "out"));
  ASSERT_EQ(b.exit_code, 0) << b.output;
  expect_pdfs_sound(dir / "out");
  EXPECT_NE(testing::pdftotext(dir / "out/monitoring-6m.pdf").find("ประจำปีงบประมาณ ๒๕๖๖"), std::string::npos);
}

// Polls until `done` holds or ten seconds pass.
template <typename Fn>
bool eventually(Fn done) {
  for (int i = 0; i < 200; ++i) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

TEST(Watch, RebuildsOnSaveKeepsTheLastGoodPdfsAndStopsOnSigint) {
  const auto dir = testing::sample_copy("watch");
  const auto log = dir / "log.txt";
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    const std::string out = (dir / "out").string(), data = (dir / "data").string(), l = log.string();
    freopen(l.c_str(), "w", stdout);
    freopen(l.c_str(), "a", stderr);
    execl(OITGEN_BINARY, OITGEN_BINARY, "build", data.c_str(), "-o", out.c_str(), "--only", "announcement", "--watch",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  const auto pdf = dir / "out/announcement.pdf";
  auto log_has = [&](const std::string& s) { return read_file(log).value_or("").find(s) != std::string::npos; };
  ASSERT_TRUE(eventually([&] { return fs::exists(pdf) && log_has(" built "); })) << read_file(log).value_or("");
  const auto first = *read_file(pdf);
  // A save that changes the text: a new PDF.
  auto text = *read_file(dir / "data/announcement.toml");
  text.replace(text.find("จึงประกาศให้ทราบ"), std::string("จึงประกาศให้ทราบ").size(), "จึงประกาศให้ทราบทั่วกัน");
  std::ofstream(dir / "data/announcement.toml", std::ios::binary | std::ios::trunc) << text;
  ASSERT_TRUE(eventually([&] { return read_file(pdf).value_or(first) != first; })) << read_file(log).value_or("");
  const auto second = *read_file(pdf);
  // A broken save: the error is printed, the last good PDF stays.
  std::ofstream(dir / "data/announcement.toml", std::ios::binary | std::ios::trunc) << "[announcement\nsubject = ";
  ASSERT_TRUE(eventually([&] { return log_has("not built"); })) << read_file(log).value_or("");
  EXPECT_TRUE(log_has("announcement.toml:1:"));
  EXPECT_EQ(*read_file(pdf), second);
  // Ctrl-C: a clean stop.
  kill(pid, SIGINT);
  int status = 0;
  waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFEXITED(status)) << status;
  EXPECT_EQ(WEXITSTATUS(status), 0);
  EXPECT_TRUE(log_has(" stopped"));
}

}  // namespace
}  // namespace oitgen
