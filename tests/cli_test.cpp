// The command line: GNU option forms, help that lists every option, usage errors.
#include <gtest/gtest.h>

#include "test_support.h"

namespace oitgen {
namespace {

using testing::quote;
using testing::repo;
using testing::run;

std::string build_cmd(const std::string& options) {
  return std::string(OITGEN_BINARY) + " build " + quote(repo() / "samples/nongkhai2-2565") + " " + options;
}

TEST(Cli, AcceptsTheGnuOptionForms) {
  const auto dir = testing::temp_dir("cli-forms");
  for (const std::string& form : {"--out=" + (dir / "a").string(), "-o" + (dir / "b").string(),
                                  "--out " + quote(dir / "c"), "-o " + quote(dir / "d")}) {
    const auto r = run(build_cmd(form + " --only=announcement"));
    EXPECT_EQ(r.exit_code, 0) << form << "\n" << r.output;
  }
  for (const char* sub : {"a", "b", "c", "d"}) EXPECT_TRUE(std::filesystem::exists(dir / sub / "announcement.pdf")) << sub;
  EXPECT_FALSE(std::filesystem::exists(dir / "a" / "order.pdf"));  // --only=KIND took effect
  // "--" ends the options: a data set folder may then start with "-".
  std::filesystem::create_symlink(repo() / "samples/nongkhai2-2565", dir / "-sample");
  const auto r = run("cd " + quote(dir) + " && " + OITGEN_BINARY + " build -o e --only announcement -- -sample");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(std::filesystem::exists(dir / "e" / "announcement.pdf"));
}

TEST(Cli, UsageErrorsSayWhatIsWrong) {
  const auto out = testing::temp_dir("cli-usage");
  const std::pair<std::string, std::string> cases[] = {
      {build_cmd("-o"), "oitgen: option '-o' needs a value"},
      {build_cmd("--only"), "oitgen: option '--only' needs a value"},
      {build_cmd("--out="), "oitgen: '--out=' needs a value"},
      {build_cmd("--frob -o " + quote(out)), "oitgen: unknown option '--frob'"},
      {build_cmd(""), "oitgen: no output folder given (-o DIR)"},
      {std::string(OITGEN_BINARY) + " frob", "oitgen: unknown command 'frob'"},
      {build_cmd("-o " + quote(out) + " --only letter"), "error: unknown document kind 'letter'"}};
  for (const auto& [command, message] : cases) {
    const auto r = run(command);
    EXPECT_EQ(r.exit_code, 1) << command;
    EXPECT_NE(r.output.find(message), std::string::npos) << command << "\n" << r.output;
  }
}

TEST(Cli, HelpListsEveryOptionAndTheEnvironment) {
  for (const char* ask : {" --help", " -h", " build --help"}) {
    const auto r = run(std::string(OITGEN_BINARY) + ask);
    EXPECT_EQ(r.exit_code, 0) << ask;
    for (const char* option : {"build DATASET", "-o DIR", "--out DIR", "--out=DIR", "--only KIND", "--only=KIND",
                               "--pdfa", "--no-pdfa", "--pdfua", "--no-pdfua", "--help", "--version", "OITGEN_HOME",
                               "Exit codes"})
      EXPECT_NE(r.output.find(option), std::string::npos) << ask << ": " << option;
  }
}

}  // namespace
}  // namespace oitgen
