#pragma once
// Helpers shared by the tests: the repository's resources, running commands, reading PDFs back.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "pipeline/build.h"
#include "data/dataset.h"
#include "data/image.h"
#include "data/toml_loader.h"
#include "layout/engine.h"
#include "text/paragraph.h"
#include "util/files.h"

namespace oitgen::testing {

inline std::filesystem::path repo() { return OITGEN_SOURCE_ROOT; }

// One Resources object for the whole test binary, as in the real program.
inline pipeline::Resources& resources() {
  static pipeline::Resources r(repo());
  return r;
}

inline std::shared_ptr<const text::Font> font(const std::string& file = "Laksaman.ttf") {
  Diagnostics d;
  return resources().fonts().get(repo() / "fonts" / file, d);
}

inline text::TextSetter& setter() {
  static Diagnostics d;
  static text::TextSetter s(resources().break_rules(d));
  return s;
}

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

inline CommandResult run(const std::string& command) {
  CommandResult r;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return r;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) r.output.append(buf, n);
  const int status = ::pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

inline std::string quote(const std::filesystem::path& p) { return "'" + p.string() + "'"; }

// Default-mode pdftotext of the whole file (or of one page when page > 0).
inline std::string pdftotext(const std::filesystem::path& pdf, int page = 0) {
  std::string cmd = "pdftotext ";
  if (page > 0) cmd += "-f " + std::to_string(page) + " -l " + std::to_string(page) + " ";
  return run(cmd + quote(pdf) + " -").output;
}

inline std::filesystem::path temp_dir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("oitgen-test-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

// A fresh temporary folder holding a copy of the sample data set nongkhai2-2565 as `data/`.
inline std::filesystem::path sample_copy(const std::string& name) {
  const auto dir = temp_dir(name);
  std::filesystem::copy(repo() / "samples/nongkhai2-2565", dir / "data", std::filesystem::copy_options::recursive);
  return dir;
}

// Replaces the first `from` in the file by `to`; a failure when the file does not hold `from`.
inline void replace_in(const std::filesystem::path& file, const std::string& from, const std::string& to) {
  auto text = read_file(file);
  ASSERT_TRUE(text) << file;
  const auto at = text->find(from);
  ASSERT_NE(at, std::string::npos) << from;
  text->replace(at, from.size(), to);
  std::ofstream(file, std::ios::binary | std::ios::trunc) << *text;
}

// Checks what every PDF oitgen writes must pass: it exists, qpdf --check passes, and pdffonts
// says yes for emb, sub and uni on each of its CID fonts. Returns how many CID fonts it has.
inline size_t expect_sound_pdf(const std::filesystem::path& pdf) {
  EXPECT_TRUE(std::filesystem::exists(pdf)) << pdf;
  EXPECT_EQ(run("qpdf --check " + quote(pdf)).exit_code, 0) << pdf;
  size_t fonts = 0;
  std::istringstream in(run("pdffonts " + quote(pdf)).output);
  for (std::string line; std::getline(in, line);)
    if (line.find("CID TrueType") != std::string::npos) {
      ++fonts;
      EXPECT_NE(line.find("yes yes yes"), std::string::npos) << pdf << ": " << line;
    }
  return fonts;
}

// Page count of a PDF as pdfinfo reports it; 0 when it cannot be read.
inline int page_count(const std::filesystem::path& pdf) {
  const auto info = run("pdfinfo " + quote(pdf)).output;
  const auto at = info.find("Pages:");
  return at == std::string::npos ? 0 : std::stoi(info.substr(at + 6));
}

// The merged data tree of the shipped sample, as the data files have it.
inline data::NodePtr sample_data() {
  Diagnostics d;
  auto ds = data::load_dataset(repo() / "samples/nongkhai2-2565", d);
  EXPECT_TRUE(ds.tree) << d.format_all();
  return ds.tree;
}

// Lays out the layout file text `layout` over the data file text `data` with the shared
// resources. Both are written to a temp folder named after `name`, which image paths are
// relative to. Problems (a bad layout, bad data) are in `diags`; the document is then empty.
inline layout::Document render_layout(const std::string& name, const std::string& layout, const std::string& data,
                                      Diagnostics& diags) {
  const auto dir = temp_dir(name);
  std::ofstream(dir / "layout.toml") << layout;
  auto spec = layout::load_layout(dir / "layout.toml", diags);
  auto tree = data::parse_toml(data, "data.toml", diags);
  if (!spec || !tree) return {};
  data::Dataset ds{dir, tree};
  auto& res = resources();
  layout::LayoutContext ctx{res.fonts(), setter(), ds, res.root(), diags};
  return layout::render_document(*spec, *tree, ctx);
}

inline std::string collapse_spaces(std::string s) {
  std::string out;
  for (char c : s) {
    if (c == '\n' || c == '\t') c = ' ';
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// The contents, read in layout mode: an entry's title may run over lines; its last line ends
// in the page label, far right.
struct TocLine {
  std::string title, label;
};

inline std::vector<TocLine> read_contents(const std::string& layout_text) {
  std::vector<TocLine> entries;
  std::istringstream in(layout_text);
  bool started = false;
  std::string pending;
  for (std::string line; std::getline(in, line);) {
    const std::string trimmed = collapse_spaces(line.substr(std::min(line.find_first_not_of(' '), line.size())));
    if (!started) {
      // The header: "หน้า" alone, or at the end of a "เนื้อหา … หน้า" row.
      started = trimmed == "หน้า" || trimmed.ends_with(" หน้า");
      continue;
    }
    if (trimmed.empty()) continue;
    const auto start = line.find_first_not_of(' ');
    const auto gap = line.rfind("   ");
    if (gap == std::string::npos || gap < start || line.find_first_not_of(' ', gap) == std::string::npos) {
      pending += trimmed + "\n";  // a line end, which may or may not stand for a space
      continue;
    }
    const std::string head = collapse_spaces(line.substr(0, gap));
    const std::string label = collapse_spaces(line.substr(line.find_first_not_of(' ', gap)));
    entries.push_back({pending + head.substr(std::min(head.find_first_not_of(' '), head.size())), label});
    pending.clear();
  }
  return entries;
}

// The head of a test layout: the page margins, one font (Laksaman, regular and bold) and the body
// and table styles; a test appends its [[blocks]].
inline const char* const kTableLayoutHead = R"(
[document]
title = "t"
[page]
margin_top = 2.5
margin_bottom = 2.0
[fonts.f]
regular = "fonts/Laksaman.ttf"
bold = "fonts/Laksaman-Bold.ttf"
scale = 0.6648
[styles.body]
font = "f"
size = 16
[styles.table-cell]
font = "f"
size = 14
[styles.table-header]
based_on = "table-cell"
bold = true
[styles.table-group]
based_on = "table-cell"
bold = true
)";

// A valid 8-bit RGB PNG whose header says w × h; its image data holds `rows` mid-grey rows
// (fewer than h makes a header that promises more than the file has).
inline std::string rgb_png(uint32_t w, uint32_t h, uint32_t rows) {
  std::string raw;
  for (uint32_t y = 0; y < rows; ++y) raw += '\0' + std::string(3 * w, '\x80');  // filter byte, pixels
  return data::encode_rgb_png(w, h, raw);
}

// True when `paragraph` occurs in `extracted`, where the extraction may have turned a space
// of the paragraph into a line end, or put a line end (or page break) where the paragraph has
// none. Nothing else may differ: no extra or missing characters, no extra spaces.
bool contains_paragraph(const std::string& extracted, const std::string& paragraph);

}  // namespace oitgen::testing
