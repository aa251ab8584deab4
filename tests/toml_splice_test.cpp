// The editor's save path: the JSON of a data file, edited, written back into the same TOML text
// with every byte that was not edited kept (serve/toml_splice.h).
#include <gtest/gtest.h>
#include <toml++/toml.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "data/dataset_schema.h"
#include "data/toml_loader.h"
#include "serve/toml_splice.h"
#include "serve/tree_json.h"

namespace oitgen {
namespace {

using Json = nlohmann::ordered_json;
namespace fs = std::filesystem;

const data::Type& schema() {
  static const data::TypeRef type = data::dataset_schema();
  return *type;
}

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<fs::path> sample_files() {
  std::vector<fs::path> out;
  for (const char* set : {"nongkhai2-2565", "udonthani1-2566"})
    for (const auto& e : fs::directory_iterator(fs::path(OITGEN_SOURCE_ROOT) / "samples" / set))
      if (e.path().extension() == ".toml") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

Json to_json(std::string_view text) {
  Diagnostics d;
  auto tree = data::parse_toml(text, "t.toml", d);
  EXPECT_TRUE(tree) << d.format_all();
  return tree ? serve::file_to_json(*tree) : Json();
}

serve::SpliceResult splice(std::string_view text, const Json& wanted) {
  return serve::splice_toml(text, wanted, schema(), "t.toml");
}

// Splices and expects success and a result that reads back as `wanted`.
std::string spliced(std::string_view text, const Json& wanted) {
  auto r = splice(text, wanted);
  EXPECT_TRUE(r.text) << r.error;
  if (!r.text) return "";
  EXPECT_TRUE(serve::same_data(to_json(*r.text), wanted)) << *r.text;
  return *r.text;
}

// The byte range [begin, end) of the original that differs from `after`: what the edit touched.
std::pair<size_t, size_t> changed_range(const std::string& before, const std::string& after) {
  size_t p = 0;
  while (p < before.size() && p < after.size() && before[p] == after[p]) ++p;
  size_t s = 0;
  while (s < before.size() - p && s < after.size() - p && before[before.size() - 1 - s] == after[after.size() - 1 - s]) ++s;
  return {p, before.size() - s};
}

// Byte offsets of toml++ positions (lines from 1, columns in code points, after a BOM).
size_t byte_offset(const std::string& text, const toml::source_position& pos) {
  size_t off = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  for (size_t line = 1; line < pos.line; ++line) off = text.find('\n', off) + 1;
  for (size_t col = 1; col < pos.column; ++col) {
    ++off;
    while (off < text.size() && (static_cast<unsigned char>(text[off]) & 0xC0) == 0x80) ++off;
  }
  return off;
}

std::string plus_one_day(const std::string& date) {
  int y, m, d;
  std::sscanf(date.c_str(), "%d-%d-%d", &y, &m, &d);
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (++d > kDays[m - 1] + (m == 2 && leap)) d = 1, ++m;
  if (m > 12) m = 1, ++y;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

// A leaf of the file: where it is in the JSON, its toml++ node (for its span) and its kind.
struct Leaf {
  Json::json_pointer pointer;
  const toml::node* node;
};

void leaves(const toml::node& n, const Json::json_pointer& at, std::vector<Leaf>& out) {
  if (const auto* t = n.as_table()) {
    for (const auto& [k, v] : *t) leaves(v, at / std::string(k.str()), out);
  } else if (const auto* a = n.as_array()) {
    for (size_t i = 0; i < a->size(); ++i) leaves(*a->get(i), at / i, out);
  } else {
    out.push_back({at, &n});
  }
}

TEST(TomlSplice, UnchangedDataGivesTheSameBytes) {
  for (const auto& file : sample_files()) {
    const std::string text = read(file);
    const auto r = splice(text, to_json(text));
    ASSERT_TRUE(r.text) << file << ": " << r.error;
    EXPECT_EQ(*r.text, text) << file;
  }
}

TEST(TomlSplice, FileToJsonKeepsOrderKindsAndRows) {
  const std::string text = "b = 1\na = 2.5\nd = 2022-01-31\n[[r]]\nx = true\n[[r]]\nx = false\n";
  const Json j = to_json(text);
  EXPECT_EQ(j.dump(), R"({"b":1,"a":2.5,"d":"2022-01-31","r":[{"x":true,"@row":0},{"x":false,"@row":1}]})");
}

// Every leaf of every sample file changed alone: one contiguous change inside its span.
TEST(TomlSplice, EveryLeafOfTheSamplesChangesOnlyItsSpan) {
  size_t checked = 0;
  for (const auto& file : sample_files()) {
    const std::string text = read(file);
    const Json original = to_json(text);
    const toml::table root = toml::parse(text);
    std::vector<Leaf> all;
    leaves(root, Json::json_pointer(), all);
    for (const auto& leaf : all) {
      Json wanted = original;
      Json& v = wanted[leaf.pointer];
      if (leaf.node->is_string()) v = v.get<std::string>() == "ปู่ \"ป่า\" น้ำ" ? "ป่า" : "ปู่ \"ป่า\" น้ำ";
      else if (leaf.node->is_integer()) v = v.get<int64_t>() + 1;
      else if (leaf.node->is_floating_point()) v = v.get<double>() + 0.5;
      else if (leaf.node->is_date()) v = plus_one_day(v.get<std::string>());
      else if (leaf.node->is_boolean()) v = !v.get<bool>();
      else continue;
      const std::string where = file.filename().string() + " " + leaf.pointer.to_string();
      const auto r = splice(text, wanted);
      ASSERT_TRUE(r.text) << where << ": " << r.error;
      EXPECT_TRUE(serve::same_data(to_json(*r.text), wanted)) << where;
      const auto [b, e] = changed_range(text, *r.text);
      const size_t vb = byte_offset(text, leaf.node->source().begin), ve = byte_offset(text, leaf.node->source().end);
      EXPECT_GE(b, vb) << where;
      EXPECT_LE(e, ve) << where;
      ++checked;
    }
  }
  EXPECT_GT(checked, 1000u);
}

// The text of a row from its header to its last value, as it stands in the file.
std::string row_text(const std::string& text, const toml::table& row) {
  size_t last = row.source().end.line;
  std::function<void(const toml::node&)> walk = [&](const toml::node& n) {
    last = std::max<size_t>(last, n.source().end.line);
    if (const auto* t = n.as_table())
      for (const auto& [k, v] : *t) walk(v);
    if (const auto* a = n.as_array())
      for (const auto& v : *a) walk(v);
  };
  walk(row);
  if (row.is_inline())
    return text.substr(byte_offset(text, row.source().begin),
                       byte_offset(text, row.source().end) - byte_offset(text, row.source().begin));
  const size_t b = byte_offset(text, {row.source().begin.line, 1});
  const size_t e = byte_offset(text, {static_cast<toml::source_index>(last + 1), 1});
  return text.substr(b, e - b);
}

std::vector<std::string> comment_lines(const std::string& text, size_t from_line = 0, size_t to_line = 0) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  for (size_t n = 1; std::getline(in, line); ++n) {
    if (n >= from_line && n <= to_line) continue;
    const auto p = line.find_first_not_of(" \t");
    if (p != std::string::npos && line[p] == '#') out.push_back(line);
  }
  return out;
}

// The lines a removed row takes with it: its comments touching its header, its header, its values.
std::pair<size_t, size_t> row_lines(const std::string& text, const toml::table& row, bool first) {
  const std::string body = row_text(text, row);
  size_t from = row.source().begin.line;
  const size_t to = from + std::count(body.begin(), body.end(), '\n') - 1;
  if (!first && !row.is_inline()) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    while (from > 1 && !lines[from - 2].empty() && lines[from - 2].find_first_not_of(" \t") != std::string::npos &&
           lines[from - 2][lines[from - 2].find_first_not_of(" \t")] == '#')
      --from;
  }
  return {from, to};
}

struct TableArray {
  Json::json_pointer pointer;
  const toml::array* array;
};

void table_arrays(const toml::node& n, const Json::json_pointer& at, std::vector<TableArray>& out) {
  if (const auto* t = n.as_table()) {
    for (const auto& [k, v] : *t) table_arrays(v, at / std::string(k.str()), out);
  } else if (const auto* a = n.as_array()) {
    if (a->is_array_of_tables()) out.push_back({at, a});
    for (size_t i = 0; i < a->size(); ++i) table_arrays(*a->get(i), at / i, out);
  }
}

TEST(TomlSplice, RowsOfTheSamplesAddRemoveMove) {
  size_t checked = 0;
  for (const auto& file : sample_files()) {
    const std::string text = read(file);
    const Json original = to_json(text);
    const toml::table root = toml::parse(text);
    std::vector<TableArray> arrays;
    table_arrays(root, Json::json_pointer(), arrays);
    for (const auto& ta : arrays) {
      const size_t n = ta.array->size();
      const std::string where = file.filename().string() + " " + ta.pointer.to_string();
      auto row = [&](size_t k) { return ta.array->get(k)->as_table(); };
      // Checks the result; `removed` is the row whose comments may go.
      auto check = [&](const Json& wanted, std::optional<size_t> removed, const std::vector<size_t>& kept,
                       const char* what) {
        const auto r = splice(text, wanted);
        ASSERT_TRUE(r.text) << where << " " << what << ": " << r.error;
        EXPECT_TRUE(serve::same_data(to_json(*r.text), wanted)) << where << " " << what;
        size_t from = 0, to = 0;
        if (removed) std::tie(from, to) = row_lines(text, *row(*removed), *removed == 0);
        for (const auto& c : comment_lines(text, from, to))
          EXPECT_NE(r.text->find(c), std::string::npos) << where << " " << what << ": lost " << c;
        for (const size_t k : kept)
          EXPECT_NE(r.text->find(row_text(text, *row(k))), std::string::npos) << where << " " << what << ": row " << k;
        ++checked;
      };
      std::vector<size_t> all(n);
      for (size_t k = 0; k < n; ++k) all[k] = k;
      {
        Json wanted = original;
        Json copy = wanted[ta.pointer].back();
        copy.erase("@row");
        wanted[ta.pointer].push_back(copy);
        check(wanted, std::nullopt, all, "add");
      }
      if (n >= 2) {
        Json wanted = original;
        wanted[ta.pointer].erase(0);
        check(wanted, 0, std::vector<size_t>(all.begin() + 1, all.end()), "remove first");
        wanted = original;
        wanted[ta.pointer].erase(n - 1);
        check(wanted, n - 1, std::vector<size_t>(all.begin(), all.end() - 1), "remove last");
        wanted = original;
        std::swap(wanted[ta.pointer][n - 1], wanted[ta.pointer][n - 2]);
        check(wanted, std::nullopt, all, "move up");
      }
    }
  }
  EXPECT_GT(checked, 40u);
}

TEST(TomlSplice, ArraysOfStrings) {
  const std::string text = "[a]\nlist = [\n  \"one\",  # first\n  \"two\",\n  \"three\",\n]\nshort = [\"x\", \"y\"]\n";
  Json w = to_json(text);
  w["a"]["list"][1] = "สอง";
  EXPECT_EQ(spliced(text, w), "[a]\nlist = [\n  \"one\",  # first\n  \"สอง\",\n  \"three\",\n]\nshort = [\"x\", \"y\"]\n");
  w = to_json(text);
  w["a"]["list"].push_back("four");
  w["a"]["short"].push_back("z");
  EXPECT_EQ(spliced(text, w),
            "[a]\nlist = [\n  \"one\",  # first\n  \"two\",\n  \"three\",\n  \"four\",\n]\nshort = [\"x\", \"y\", \"z\"]\n");
  w = to_json(text);
  w["a"]["list"].erase(1);
  w["a"]["short"].erase(0);
  EXPECT_EQ(spliced(text, w), "[a]\nlist = [\n  \"one\",  # first\n  \"three\",\n]\nshort = [\"y\"]\n");
  w = to_json(text);
  w["a"]["short"].erase(1);
  w["a"]["list"].erase(0);
  EXPECT_EQ(spliced(text, w), "[a]\nlist = [\n  \"two\",\n  \"three\",\n]\nshort = [\"x\"]\n");
  // Without a trailing comma the convention stays.
  const std::string bare = "l = [\n  1,\n  2\n]\n";
  w = to_json(bare);
  w["l"].push_back(3);
  EXPECT_EQ(spliced(bare, w), "l = [\n  1,\n  2,\n  3\n]\n");
  w = to_json(bare);
  w["l"] = Json::array();
  EXPECT_EQ(spliced(bare, w), "l = []\n");
}

TEST(TomlSplice, KeysAddedAndRemoved) {
  const std::string text = "# top\n[office]\nname = \"ก\"  # the name\nwebsite = \"w\"\n\n# people\n[[people]]\nid = \"p\"\n";
  Json w = to_json(text);
  w["office"]["emblem"] = "images/e.png";
  EXPECT_EQ(spliced(text, w),
            "# top\n[office]\nname = \"ก\"  # the name\nwebsite = \"w\"\nemblem = \"images/e.png\"\n\n# people\n[[people]]\nid = \"p\"\n");
  w = to_json(text);
  w["office"].erase("website");
  EXPECT_EQ(spliced(text, w), "# top\n[office]\nname = \"ก\"  # the name\n\n# people\n[[people]]\nid = \"p\"\n");
  // A value whose kind changed is written anew in its place.
  w = to_json(text);
  w["office"]["website"] = Json::array({"a", "b"});
  EXPECT_EQ(spliced(text, w), "# top\n[office]\nname = \"ก\"  # the name\nwebsite = [\"a\", \"b\"]\n\n# people\n[[people]]\nid = \"p\"\n");
  // New tables: a sub-table at the end of its parent, a section at the end of the file.
  w = to_json(text);
  w["office"]["extra"] = {{"x", 1}};
  w["order"] = {{"number", 169}, {"date", "2021-12-01"}, {"body", {"ข้อ"}}};
  EXPECT_EQ(spliced(text, w), "# top\n[office]\nname = \"ก\"  # the name\nwebsite = \"w\"\n\n[office.extra]\nx = 1\n\n"
                              "# people\n[[people]]\nid = \"p\"\n\n[order]\nnumber = 169\ndate = 2021-12-01\nbody = [\"ข้อ\"]\n");
  // A date where the schema wants one only when it is a real date.
  w = to_json(text);
  w["order"] = {{"date", "2021-02-30"}};
  EXPECT_NE(spliced(text, w).find("date = \"2021-02-30\""), std::string::npos);
}

TEST(TomlSplice, BomAndCrlfStay) {
  const std::string text = "\xEF\xBB\xBF# c\r\n[office]\r\nname = \"ก\"\r\n\r\n[[people]]\r\nid = \"a\"\r\n";
  Json w = to_json(text);
  w["office"]["name"] = "ข";
  w["office"]["director"] = "a";
  Json row = {{"id", "b"}};
  w["people"].push_back(row);
  const std::string out = spliced(text, w);
  EXPECT_EQ(out, "\xEF\xBB\xBF# c\r\n[office]\r\nname = \"ข\"\r\ndirector = \"a\"\r\n\r\n[[people]]\r\nid = \"a\"\r\n"
                 "\r\n[[people]]\r\nid = \"b\"\r\n");
}

TEST(TomlSplice, StringStylesStay) {
  const std::string text = "a = 'lit'\nb = \"\"\"\nline one\nline two\"\"\"\nc = '''\nraw\n'''\nd = 'x'\n";
  Json w = to_json(text);
  w["a"] = "ปู่ \"ป่า\"";
  w["b"] = "หนึ่ง\nสอง";
  w["c"] = "r\\aw";
  w["d"] = "it's";
  EXPECT_EQ(spliced(text, w),
            "a = 'ปู่ \"ป่า\"'\nb = \"\"\"\nหนึ่ง\nสอง\"\"\"\nc = '''\nr\\aw'''\nd = \"it's\"\n");
}

TEST(TomlSplice, DottedKeys) {
  const std::string text = "[t]\nsite.name = \"a\"\nsite.url = \"u\"\nz = 1\n";
  Json w = to_json(text);
  w["t"]["site"]["name"] = "b";
  w["t"]["site"]["lang"] = "th";
  w["t"]["site"].erase("url");
  EXPECT_EQ(spliced(text, w), "[t]\nsite.name = \"b\"\nsite.lang = \"th\"\nz = 1\n");
}

TEST(TomlSplice, InlineTablesInArrays) {
  const std::string text =
      "[[monitoring.project.activities]]\ntitle = \"t\"\nphotos = [\n  { src = \"a.jpg\", caption = \"ก\" },\n"
      "  { src = \"b.jpg\" },\n]\n";
  Json w = to_json(text);
  auto& photos = w["monitoring"]["project"]["activities"][0]["photos"];
  photos[0]["caption"] = "ข";
  photos[1]["caption"] = "ค";
  photos.push_back({{"src", "c.jpg"}});
  EXPECT_EQ(spliced(text, w), "[[monitoring.project.activities]]\ntitle = \"t\"\nphotos = [\n"
                              "  { src = \"a.jpg\", caption = \"ข\" },\n  { src = \"b.jpg\", caption = \"ค\" },\n"
                              "  { src = \"c.jpg\" },\n]\n");
  w = to_json(text);
  w["monitoring"]["project"]["activities"][0]["photos"].erase(0);
  w["monitoring"]["project"]["activities"][0]["photos"][0].erase("src");
  spliced(text, w);
  // A moved photo: the array is written anew, still the same data.
  w = to_json(text);
  auto& p2 = w["monitoring"]["project"]["activities"][0]["photos"];
  std::swap(p2[0], p2[1]);
  spliced(text, w);
}

TEST(TomlSplice, NewRowWithNestedRows) {
  const std::string text = "[[a]]\nx = 1\n\n[[a.s]]\ny = 2\n\n# after\n[b]\nz = 3\n";
  Json w = to_json(text);
  w["a"].push_back({{"x", 5}, {"s", {{{"y", 6}}, {{"y", 7}}}}, {"t", {{"k", "v"}}}});
  EXPECT_EQ(spliced(text, w), "[[a]]\nx = 1\n\n[[a.s]]\ny = 2\n\n[[a]]\nx = 5\n\n[[a.s]]\ny = 6\n\n[[a.s]]\ny = 7\n\n"
                              "[a.t]\nk = \"v\"\n\n# after\n[b]\nz = 3\n");
  // All rows removed: the array stays as an empty one.
  w = to_json(text);
  w["a"] = Json::array();
  spliced(text, w);
}

TEST(TomlSplice, HostileInput) {
  const std::string text = "[office]\nname = \"a\"\n";
  // Deep JSON.
  Json deep = "x";
  for (int i = 0; i < 200; ++i) deep = Json::object({{"k", deep}});
  Json w = to_json(text);
  w["office"]["deep"] = deep;
  EXPECT_FALSE(splice(text, w).text);
  Json deep_array = 1;
  for (int i = 0; i < 100000; ++i) deep_array = Json::array({std::move(deep_array)});
  w = to_json(text);
  w["office"]["deep"] = std::move(deep_array);
  EXPECT_FALSE(splice(text, w).text);
  // Keys of any characters, values with quotes, backslashes, newlines, control characters.
  w = to_json(text);
  for (const char* k : {"a b", "\"q\"", "ก.ข", "", "new\nline", "back\\slash", "tab\tkey", "'"})
    w["office"][k] = std::string("v\"\\\n\t\x01\x1f\x7f'") + k;
  w["office"]["name"] = "\"\"\"'''\\";
  spliced(text, w);
  w = to_json(text);
  w["weird key"] = {{"sub.key", {{"x y", 1}}}};
  spliced(text, w);
  // Very long strings: within the loader's limit they are written, past it refused.
  w = to_json(text);
  w["office"]["name"] = std::string(90'000, 'x');
  spliced(text, w);
  w["office"]["name"] = std::string(200'000, 'x');
  EXPECT_FALSE(splice(text, w).text);
  // Values TOML cannot hold.
  w = to_json(text);
  w["office"]["name"] = nullptr;
  EXPECT_FALSE(splice(text, w).text);
  w["office"]["name"] = std::numeric_limits<uint64_t>::max();
  EXPECT_FALSE(splice(text, w).text);
  // Not an object, bad @row values, a row that is not an object.
  EXPECT_FALSE(splice(text, Json::array()).text);
  const std::string rows = "[[r]]\nx = 1\n[[r]]\nx = 2\n";
  w = to_json(rows);
  w["r"][0]["@row"] = 99;
  w["r"][1]["@row"] = "zero";
  spliced(rows, w);
  w = to_json(rows);
  w["r"][0]["@row"] = 1;
  w["r"][1]["@row"] = 1;
  spliced(rows, w);
  w = to_json(rows);
  w["r"].push_back("text");
  spliced(rows, w);
  // A file that is not TOML.
  EXPECT_FALSE(splice("a = [", to_json(text)).text);
}

TEST(TomlSplice, FloatsAndNumbers) {
  const std::string text = "[measures]\nnational = { offices = 225, average = 92.65 }\n";
  Json w = to_json(text);
  w["measures"]["national"]["average"] = 93.0;
  w["measures"]["national"]["offices"] = 226;
  EXPECT_EQ(spliced(text, w), "[measures]\nnational = { offices = 226, average = 93.0 }\n");
  w["measures"]["national"]["average"] = 0.1;
  EXPECT_EQ(spliced(text, w), "[measures]\nnational = { offices = 226, average = 0.1 }\n");
}

}  // namespace
}  // namespace oitgen

namespace oitgen {
namespace {

TEST(TomlSplice, RemovedRowLeavesTheCommentsBetweenRows) {
  const std::string text = "[[people]]\nid = \"a\"\n\n# about the next ones\n\n# b\n[[people]]\nid = \"b\"\n\n[[people]]\nid = \"c\"\n";
  Json w = to_json(text);
  w["people"].erase(1);
  EXPECT_EQ(spliced(text, w), "[[people]]\nid = \"a\"\n\n# about the next ones\n\n[[people]]\nid = \"c\"\n");
  w = to_json(text);
  w["people"].erase(0);
  EXPECT_EQ(spliced(text, w), "# about the next ones\n\n# b\n[[people]]\nid = \"b\"\n\n[[people]]\nid = \"c\"\n");
}

TEST(TomlSplice, RowsReorderedWithANewOneBetween) {
  const std::string text = "# rows\n[[r]]\nx = 1\n\n# two\n[[r]]\nx = 2\n\n[[r]]\nx = 3\n\n[after]\ny = 1\n";
  Json w = to_json(text);
  Json fresh = {{"x", 9}};
  w["r"] = Json::array({w["r"][2], fresh, w["r"][0], w["r"][1]});
  w["r"][3]["x"] = 20;
  EXPECT_EQ(spliced(text, w), "# rows\n[[r]]\nx = 3\n\n[[r]]\nx = 9\n\n[[r]]\nx = 1\n\n# two\n[[r]]\nx = 20\n\n[after]\ny = 1\n");
}

TEST(TomlSplice, ImplicitTablesAndNewRootKeys) {
  const std::string text = "# head\n\n[a.b]\nc = 1\n";
  Json w = to_json(text);
  w["a"]["k"] = "v";
  w["top"] = 1;
  EXPECT_EQ(spliced(text, w), "top = 1\n# head\n\n[a.b]\nc = 1\n\n[a]\nk = \"v\"\n");
}

TEST(TomlSplice, MultiLineStringsInACrlfFile) {
  const std::string text = "a = \"\"\"\r\none\r\ntwo\"\"\"\r\nb = 1\r\n";
  Json w = to_json(text);
  w["a"] = "หนึ่ง\nสอง \"\"\" \\";
  EXPECT_EQ(spliced(text, w), "a = \"\"\"\r\nหนึ่ง\r\nสอง \\\"\\\"\\\" \\\\\"\"\"\r\nb = 1\r\n");
}

TEST(TomlSplice, FileWithoutFinalNewline) {
  const std::string text = "[[r]]\nx = 1";
  Json w = to_json(text);
  w["r"][0]["y"] = 2;
  w["r"].push_back({{"x", 3}});
  EXPECT_EQ(spliced(text, w), "[[r]]\nx = 1\ny = 2\n\n[[r]]\nx = 3\n");
}

}  // namespace
}  // namespace oitgen

namespace oitgen {
namespace {

void containers(const Json& j, const Json::json_pointer& at, std::vector<Json::json_pointer>& out) {
  if (j.is_object() || j.is_array()) out.push_back(at);
  if (j.is_object()) {
    for (const auto& [k, v] : j.items())
      if (k[0] != '@') containers(v, at / k, out);
  } else if (j.is_array()) {
    for (size_t i = 0; i < j.size(); ++i) containers(j[i], at / i, out);
  }
}

// Up to four random edits at once (remove, copy, swap, add, retype, rename-like additions with
// odd keys) on every sample file: each save must succeed, since splice_toml checks itself,
// success means the file reads back as exactly what was sent.
TEST(TomlSplice, RandomEditsOfTheSamples) {
  std::mt19937 rng(20240601);
  size_t failures = 0;
  for (const auto& file : sample_files()) {
    const std::string text = read(file);
    const Json base = to_json(text);
    for (int round = 0; round < 200; ++round) {
      Json w = base;
      const int edits = 1 + static_cast<int>(rng() % 4);
      for (int e = 0; e < edits; ++e) {
        std::vector<Json::json_pointer> all;
        containers(w, Json::json_pointer(), all);
        Json& c = w[all[rng() % all.size()]];
        const int op = static_cast<int>(rng() % 5);
        if (c.is_array()) {
          if (op == 0 && !c.empty()) {
            c.erase(rng() % c.size());
          } else if (op == 1 && !c.empty()) {
            Json copy = c[rng() % c.size()];
            if (copy.is_object()) copy.erase("@row");
            c.insert(c.begin() + static_cast<long>(rng() % (c.size() + 1)), copy);
          } else if (op == 2 && c.size() >= 2) {
            std::swap(c[rng() % c.size()], c[rng() % c.size()]);
          } else if (op == 3) {
            c.push_back("ใหม่ 'x'");
          } else if (!c.empty() && c[0].is_string()) {
            c[0] = "แก้ \"y\"";
          }
        } else if (c.is_object() && !c.empty()) {
          auto it = c.begin();
          std::advance(it, rng() % c.size());
          const std::string k = it.key();
          if (k[0] == '@') continue;
          if (op == 0) c.erase(k);
          else if (op == 1) c["new key " + std::to_string(e)] = rng() % 2 ? Json("ค่า") : Json({{"z", 1.5}});
          else if (op == 2) c[k] = Json::array({"a", 2});
          else if (op == 3) c[k] = Json({{"we ird.\"k", Json::array({Json({{"q", "v"}}), Json({{"q", 2}})})}, {"", "e"}});
          else c[k] = "s\n\"t\"";
        }
      }
      const auto r = splice(text, w);
      if (!r.text) ADD_FAILURE() << file.filename() << " round " << round << ": " << r.error;
      failures += !r.text;
      if (failures > 5) return;
    }
  }
}

}  // namespace
}  // namespace oitgen
