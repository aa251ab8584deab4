// Hostile data files: each limit of data/limits.h is an error at its place (file:line:col, or
// the path), never a crash, an exception, a read that blocks or an internal error.
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <fstream>

#include "data/data_file.h"
#include "data/dataset.h"
#include "data/dataset_schema.h"
#include "data/limits.h"
#include "data/toml_loader.h"
#include "data/toml_shape.h"
#include "test_support.h"

namespace oitgen {
namespace {

namespace fs = std::filesystem;

std::string repeat(std::string_view s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

// The first error of parsing `text`, formatted; "" when it parsed.
std::string parse_error(const std::string& text) {
  Diagnostics diags;
  const auto tree = data::parse_toml(text, "x.toml", diags);
  if (tree) return diags.has_errors() ? "parsed, with errors: " + diags.format_all() : "";
  return diags.items().empty() ? "failed without a message" : diags.items().front().format();
}

TEST(TomlShape, ADottedKeyOfTwentyThousandPartsIsAnErrorAtThePartPastTheLimit) {
  EXPECT_EQ(parse_error("x = 1\n" + repeat("a.", 20000) + "a = 1\n"),
            "x.toml:2:129: error: a dotted key or table header has more than 64 parts");
  EXPECT_EQ(parse_error("[" + repeat("a.", 20000) + "a]\n"),
            "x.toml:1:130: error: a dotted key or table header has more than 64 parts");
  EXPECT_EQ(parse_error("[[" + repeat("a . ", 100) + "a]]\n"),
            "x.toml:1:259: error: a dotted key or table header has more than 64 parts");
  EXPECT_EQ(parse_error("x = {" + repeat("\"q\".", 100) + "a = 1}\n"),
            "x.toml:1:262: error: a dotted key or table header has more than 64 parts");
}

TEST(TomlShape, NestingOfTwentyThousandIsAnErrorAtTheLevelPastTheLimit) {
  EXPECT_EQ(parse_error("x = " + repeat("[", 20000) + "\n"),
            "x.toml:1:69: error: tables, arrays and dotted keys nest more than 64 levels deep");
  EXPECT_EQ(parse_error("x = " + repeat("{a=", 20000) + "\n"),
            "x.toml:1:195: error: tables, arrays and dotted keys nest more than 64 levels deep");
  EXPECT_EQ(parse_error("x = " + repeat("[{a=", 20000) + "\n"),
            "x.toml:1:131: error: tables, arrays and dotted keys nest more than 64 levels deep");
  // The column counts characters, not bytes: Thai before the brackets.
  EXPECT_EQ(parse_error("\"ก\" = " + repeat("[", 100) + "\n"),
            "x.toml:1:71: error: tables, arrays and dotted keys nest more than 64 levels deep");
}

TEST(TomlShape, TheLimitsThemselvesAreAccepted) {
  EXPECT_EQ(parse_error(repeat("a.", 63) + "a = 1\n"), "");
  EXPECT_EQ(parse_error("[" + repeat("a.", 62) + "a]\nb = 1\n"), "");
  EXPECT_EQ(parse_error("[[" + repeat("a.", 61) + "a]]\nb = 1\n[[" + repeat("a.", 61) + "a]]\n"), "");
  EXPECT_EQ(parse_error("x = " + repeat("[", 64) + repeat("]", 64) + "\n"), "");
  EXPECT_EQ(parse_error("x = " + repeat("{a=", 63) + "{}" + repeat("}", 63) + "\n"), "");
  // Closed levels count no more: many arrays one after the other.
  EXPECT_EQ(parse_error("x = [" + repeat("[[1]], ", 10000) + "]\n"), "");
  // A new header starts from the top again.
  EXPECT_EQ(parse_error(repeat("[" + repeat("a.", 40) + "a]\n", 1) + "[b]\nc = " + repeat("[", 60) +
                        repeat("]", 60) + "\n"),
            "");
}

TEST(TomlShape, KeysAndNestingTogetherAreBoundedToo) {
  // 64 inline tables with a 64-part key in each (a tree 4,096 deep) overflowed the stack in the
  // conversion to Nodes under ASan: each part of a dotted key is a level of the tree.
  EXPECT_EQ(parse_error("x = " + repeat("{" + repeat("a.", 63) + "a = ", 63) + "1" + repeat("}", 63) + "\n"),
            "x.toml:1:132: error: tables, arrays and dotted keys nest more than 64 levels deep");
  // A header's parts and a key's under it.
  EXPECT_EQ(parse_error("[" + repeat("a.", 39) + "a]\n" + repeat("b.", 30) + "b = 1\n"),
            "x.toml:2:49: error: tables, arrays and dotted keys nest more than 64 levels deep");
  // A key's parts and the arrays of its value.
  EXPECT_EQ(parse_error(repeat("a.", 59) + "a = " + repeat("[", 10) + "\n"),
            "x.toml:1:128: error: tables, arrays and dotted keys nest more than 64 levels deep");
  // [[array]] is a level more than [table].
  EXPECT_EQ(parse_error("[[" + repeat("a.", 63) + "a]]\n"),
            "x.toml:1:129: error: tables, arrays and dotted keys nest more than 64 levels deep");
}

TEST(TomlShape, StringsAndCommentsCountForNothing) {
  const std::string many = repeat("a.[{", 1000);
  EXPECT_EQ(parse_error("x = \"" + many + "\"\n"), "");
  EXPECT_EQ(parse_error("x = '" + many + "'\n"), "");
  EXPECT_EQ(parse_error("x = \"\"\"\n" + many + "\n\"\"\"\n"), "");
  EXPECT_EQ(parse_error("x = '''\n" + many + "\n'''\n"), "");
  EXPECT_EQ(parse_error("# " + many + "\nx = 1\n"), "");
  EXPECT_EQ(parse_error("x = 1 # " + many + "\n"), "");
  // Escaped quotes do not end a basic string; quotes before the closing three are content.
  EXPECT_EQ(parse_error("x = \"\\\"" + many + "\\\\\"\n"), "");
  EXPECT_EQ(parse_error("x = \"\"\"\\\"\"\"" + many + "\"\"\"\"\"\ny = 1\n"), "");
  EXPECT_EQ(parse_error("x = '''''" + many + "'''''\n"), "");
  // After a string the count starts again, and lines are counted inside multi-line strings.
  EXPECT_EQ(parse_error("x = \"\"\"\n\n\n\"\"\"\ny = " + repeat("[", 70)),
            "x.toml:5:69: error: tables, arrays and dotted keys nest more than 64 levels deep");
  // Quoted parts count as parts.
  EXPECT_EQ(parse_error(repeat("'a'.", 64) + "a = 1"),
            "x.toml:1:257: error: a dotted key or table header has more than 64 parts");
}

TEST(TomlShape, IsLinear) {
  // 4 MB of brackets opened and closed, and of dotted runs cut short: one pass each.
  Diagnostics diags;
  EXPECT_TRUE(data::check_toml_shape(repeat("[]", 2'000'000), "x", 64, 64, diags));
  EXPECT_TRUE(data::check_toml_shape(repeat("a.a ", 1'000'000), "x", 64, 64, diags));
  EXPECT_FALSE(diags.has_errors());
}

TEST(StringLimit, ATextPastTheLimitIsAnErrorAtTheValue) {
  const std::string thai = repeat("ก", data::kMaxStringChars);  // 3 bytes each
  EXPECT_EQ(parse_error("x = 1\ntext = \"" + thai + "\"\n"), "");
  EXPECT_EQ(parse_error("x = 1\ntext = \"" + thai + "ข\"\n"),
            "x.toml:2:8: error: the text is 100001 characters long; a value may have at most 100000");
  EXPECT_EQ(parse_error("list = [1, '''" + thai + "ขค''']\n"),
            "x.toml:1:12: error: the text is 100002 characters long; a value may have at most 100000");
}

TEST(DateLimit, TheYearZeroIsRefusedAtTheValue) {
  Diagnostics diags;
  const auto tree = data::parse_toml("[announcement]\ndate = 0000-01-14\n", "a.toml", diags);
  ASSERT_TRUE(tree) << diags.format_all();
  data::check(*tree, *data::dataset_schema(), "", diags);
  ASSERT_TRUE(diags.has_errors());
  EXPECT_NE(diags.format_all().find("a.toml:2:8: error: 'announcement.date' has the year 0000, which is no year of a "
                                    "document; TOML dates are Gregorian, like 2022-01-14"),
            std::string::npos)
      << diags.format_all();
  // toml++ itself refuses months and days that do not exist.
  EXPECT_NE(parse_error("d = 2022-13-01\n"), "");
  EXPECT_NE(parse_error("d = 2023-02-29\n"), "");
  EXPECT_EQ(parse_error("d = 2024-02-29\n"), "");
}

// A data set folder holding only `files` (name → content).
fs::path folder_with(const std::string& name, const std::vector<std::pair<std::string, std::string>>& files) {
  const auto dir = testing::temp_dir(name) / "data";
  fs::create_directories(dir);
  for (const auto& [file, content] : files) std::ofstream(dir / file, std::ios::binary) << content;
  return dir;
}

std::string load_errors(const fs::path& folder) {
  Diagnostics diags;
  const auto ds = data::load_dataset(folder, diags);
  EXPECT_FALSE(ds.tree);
  return diags.format_all();
}

TEST(DataFile, ANonRegularFileIsAnErrorAtItsPathAndIsNeverOpened) {
  const auto dir = folder_with("nonregular", {{"office.toml", "[office]\n"}});
  ASSERT_EQ(::mkfifo((dir / "fifo.toml").c_str(), 0644), 0);
  fs::create_directory(dir / "dir.toml");
  fs::create_symlink("nowhere.toml", dir / "dangling.toml");
  fs::create_symlink("loop.toml", dir / "loop.toml");
  const std::string errors = load_errors(dir);  // returns at all: the FIFO was not opened
  const std::string d = (dir / "").lexically_normal().string();
  EXPECT_NE(errors.find(d + "fifo.toml: error: cannot read the file: it is a FIFO (named pipe), not a file"),
            std::string::npos) << errors;
  EXPECT_NE(errors.find(d + "dir.toml: error: cannot read the file: it is a directory, not a file"), std::string::npos)
      << errors;
  EXPECT_NE(errors.find(d + "dangling.toml: error: cannot read the file: it is a symbolic link to nothing"),
            std::string::npos) << errors;
  EXPECT_NE(errors.find(d + "loop.toml: error: cannot read the file: it is a loop of symbolic links"),
            std::string::npos) << errors;
  fs::remove_all(dir.parent_path());
}

TEST(DataFile, AFileThatIsNotThereOrUnreadableSaysWhy) {
  const auto dir = testing::temp_dir("unreadable");
  Diagnostics diags;
  EXPECT_FALSE(data::read_data_file(dir / "missing.toml", "missing.toml", 100, diags));
  EXPECT_EQ(diags.format_all(), "missing.toml: error: cannot read the file: No such file or directory\n");
  if (::geteuid() != 0) {  // root reads anything
    std::ofstream(dir / "secret.toml") << "x = 1\n";
    fs::permissions(dir / "secret.toml", fs::perms::none);
    Diagnostics d2;
    EXPECT_FALSE(data::read_data_file(dir / "secret.toml", "secret.toml", 100, d2));
    EXPECT_EQ(d2.format_all(), "secret.toml: error: cannot read the file: Permission denied\n");
  }
  fs::remove_all(dir);
}

TEST(DataFile, ReadsAFileUpToItsLimitAndNoMore) {
  const auto dir = testing::temp_dir("sizes");
  std::ofstream(dir / "ten.toml", std::ios::binary) << "0123456789";
  Diagnostics diags;
  EXPECT_EQ(data::read_data_file(dir / "ten.toml", "ten.toml", 10, diags), "0123456789");
  EXPECT_FALSE(data::read_data_file(dir / "ten.toml", "ten.toml", 9, diags));
  EXPECT_EQ(diags.format_all(), "ten.toml: error: the file is 10 bytes; a data file may hold at most 9 bytes\n");
  fs::remove_all(dir);
}

TEST(DataSetLimits, AFileLargerThanTheLimitIsAnErrorAtItsPath) {
  const auto dir = folder_with("bigfile", {{"office.toml", ""}});
  fs::resize_file(dir / "office.toml", data::kMaxDataFileBytes + 1);  // sparse: nothing is written
  const std::string errors = load_errors(dir);
  EXPECT_NE(errors.find("office.toml: error: the file is 16777217 bytes; a data file may hold at most 16 MiB"),
            std::string::npos) << errors;
  fs::remove_all(dir.parent_path());
}

TEST(DataSetLimits, FilesLargerTogetherThanTheLimitAreAnErrorAtTheFolder) {
  const auto dir = folder_with("bigset", {});
  const size_t each = data::kMaxDataFileBytes - 1;
  for (size_t i = 0; i <= data::kMaxDataSetBytes / each; ++i) {
    const auto file = dir / ("part" + std::to_string(i) + ".toml");
    std::ofstream(file) << "#";
    fs::resize_file(file, each);  // a comment and then NUL bytes (malformed, but read whole)
  }
  const std::string errors = load_errors(dir);
  EXPECT_NE(errors.find(dir.string() + ": error: the data set's .toml files hold more than 64 MiB together"),
            std::string::npos) << errors.substr(0, 2000);
  fs::remove_all(dir.parent_path());
}

TEST(DataSetLimits, MoreFilesThanTheLimitAreAnErrorAtTheFolder) {
  const auto dir = folder_with("manyfiles", {});
  for (size_t i = 0; i <= data::kMaxDataFiles; ++i) std::ofstream(dir / ("f" + std::to_string(i) + ".toml"));
  EXPECT_EQ(load_errors(dir), dir.string() + ": error: the data set folder has more than 1000 .toml files\n");
  fs::remove(dir / "f0.toml");
  EXPECT_EQ(load_errors(dir).find("more than 1000"), std::string::npos);
  fs::remove_all(dir.parent_path());
}

TEST(DataSetLimits, AFolderThatIsALoopOrAFileIsAnErrorNotAnException) {
  const auto dir = testing::temp_dir("folderloop");
  fs::create_symlink("loop", dir / "loop");
  EXPECT_EQ(load_errors(dir / "loop"),
            (dir / "loop").string() + ": error: cannot open the data set folder: Too many levels of symbolic links\n");
  std::ofstream(dir / "file");
  EXPECT_EQ(load_errors(dir / "file"), (dir / "file").string() + ": error: data set folder not found\n");
  EXPECT_EQ(load_errors(dir / "file" / "below"),
            (dir / "file" / "below").string() + ": error: data set folder not found\n");
  fs::remove_all(dir);
}

TEST(DataSetLimits, AnUnreadableFolderIsAnError) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads any folder";
  const auto dir = testing::temp_dir("folderperm");
  fs::create_directory(dir / "data");
  fs::permissions(dir / "data", fs::perms::none);
  EXPECT_EQ(load_errors(dir / "data"),
            (dir / "data").string() + ": error: cannot read the data set folder: Permission denied\n");
  fs::permissions(dir / "data", fs::perms::owner_all);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace oitgen
