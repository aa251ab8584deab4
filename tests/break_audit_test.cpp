// The break audit: every line end of the sample PDFs, read back with pdftotext, checked against
// the source words. A line that ends inside a word (no space, no dictionary or word-list boundary
// there) while it had a better place to break is counted; the sample must have none.
// OITGEN_AUDIT_DIR=<folder of PDFs> audits other PDFs (to count an older build's breaks).
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <sstream>

#include "test_support.h"
#include "data/dataset.h"
#include "model/thai_format.h"
#include "text/breaker.h"
#include "util/files.h"
#include "util/utf.h"

namespace oitgen {
namespace {

namespace fs = std::filesystem;
using testing::quote;
using testing::repo;
using testing::run;

// Thai letters, vowels and marks (not digits or signs such as ๆ and ฯ).
bool is_thai_letter(char32_t c) { return c >= 0x0E01 && c <= 0x0E4E && c != 0x0E2F && c != 0x0E46; }

struct BadBreak {
  std::string file, before, after;
  int page = 0;
};

struct Word {
  double x0 = 0, x1 = 0;
  std::u32string text;
};
struct Line {
  double x0 = 0, x1 = 0, y0 = 0, y1 = 0;
  std::vector<Word> words;
  std::u32string text() const {
    std::u32string t;
    for (const auto& w : words) t += (t.empty() ? U"" : U" ") + w.text;
    return t;
  }
};

double attribute(const std::string& tag, const std::string& name) {
  const auto at = tag.find(" " + name + "=\"");
  return at == std::string::npos ? 0 : std::stod(tag.substr(at + name.size() + 3));
}

std::string unescaped(std::string s) {
  for (const auto& [from, to] : {std::pair{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}})
    for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + 1)) s.replace(at, strlen(from), to);
  return s;
}

// Every text line of one page with its box (pdftotext -bbox-layout); poppler's own grouping
// into blocks is not relied on.
std::vector<Line> lines_of(const fs::path& pdf, int page) {
  const std::string xml = run("pdftotext -bbox-layout -f " + std::to_string(page) + " -l " + std::to_string(page) + " " +
                              quote(pdf) + " -")
                              .output;
  std::vector<Line> lines;
  for (size_t at = xml.find('<'); at != std::string::npos; at = xml.find('<', at + 1)) {
    const size_t end = xml.find('>', at);
    const std::string tag = xml.substr(at, end - at + 1);
    if (tag.rfind("<line", 0) == 0) {
      lines.push_back({0, 0, attribute(tag, "yMin"), attribute(tag, "yMax"), {}});
    } else if (tag.rfind("<word", 0) == 0 && !lines.empty()) {
      const size_t close = xml.find("</word>", end);
      const Word w{attribute(tag, "xMin"), attribute(tag, "xMax"), to_u32(unescaped(xml.substr(end + 1, close - end - 1)))};
      // poppler may join the text of cells side by side into one line: a gap wider than a
      // space starts a line of its own.
      Line& l = lines.back();
      if (!l.words.empty() && w.x0 - l.words.back().x1 > 5) lines.push_back({0, 0, l.y0, l.y1, {}});
      lines.back().words.push_back(w);
    }
  }
  for (auto& l : lines)
    if (!l.words.empty()) {
      l.x0 = l.words.front().x0;
      l.x1 = l.words.back().x1;
    }
  return lines;
}

// The source words are ICU's dictionary, the project's word list and the data's people: the end
// of a surname is a word boundary, though ICU does not know the name.
std::vector<std::u32string> surnames(const std::string& sample) {
  std::vector<std::u32string> out;
  Diagnostics d;
  const auto data = data::load_dataset(repo() / "samples" / sample, d).tree;
  for (const auto& p : data->get("people")->array) out.push_back(to_u32(p->get("last")->s));
  return out;
}

// pdftotext drops the space at a line end; where the source has one at that place (data or
// layout text, digits as printed), the line broke at a space.
std::u32string source_corpus(const std::string& sample) {
  std::string all;
  for (const auto& dir : {repo() / "samples" / sample, repo() / "layouts"})
    for (const auto& e : fs::directory_iterator(dir))
      if (e.path().extension() == ".toml") all += *read_file(e.path()) + "\n";
  return to_u32(model::to_thai_digits_everywhere(all));
}

std::vector<BadBreak> audit(const fs::path& pdf, text::Breaker& breaker, const std::vector<std::u32string>& names,
                            const std::u32string& corpus) {
  std::vector<BadBreak> bad;
  const int pages = testing::page_count(pdf);
  for (int p = 1; p <= pages; ++p) {
    const auto lines = lines_of(pdf, p);
    for (const Line& la : lines) {
      if (la.words.empty()) continue;
      // The line that continues this one: right below it, in the same column (it may start
      // left of a first line's indent, never right of it).
      const Line* next = nullptr;
      for (const Line& l : lines)
        if (&l != &la && !l.words.empty() && l.y0 > la.y1 - 3 && l.y0 < la.y1 + 6 && l.x0 <= la.x0 + 3 &&
            l.x0 >= la.x0 - 75 && l.x0 < la.x1 && (!next || l.y0 < next->y0))
          next = &l;
      if (!next) continue;
      const Line& lb = *next;
      // A wrap, not a paragraph's end: the next line's first word would not have fitted here.
      double right = la.x1;
      for (const Line& l : lines)
        if (std::abs(l.x0 - lb.x0) < 2 && l.x1 > la.x0) right = std::max(right, l.x1);
      const double first_w = lb.words.front().x1 - lb.words.front().x0;
      if (la.x1 + first_w <= right + 1) continue;
      const std::u32string a = la.text(), b = lb.text();
      // Only a break between two Thai letters can be inside a Thai word; Latin words, digits
      // and marks had a space, or an address broke after '/', '.', '-' or '@'.
      if (!is_thai_letter(a.back()) || !is_thai_letter(b.front())) continue;
      const std::u32string joined = a + b;
      const auto ok = breaker.line_opportunities(joined);
      if (ok[a.size()]) continue;  // a word boundary
      bool after_name = false;
      for (const auto& name : names)
        after_name |= a.size() >= name.size() && a.compare(a.size() - name.size(), name.size(), name) == 0;
      if (after_name) continue;
      const std::u32string spaced = a.substr(a.size() > 6 ? a.size() - 6 : 0) + U" " + b.substr(0, 6);
      if (corpus.find(spaced) != std::u32string::npos) continue;
      bool better = false;  // a space or boundary earlier on the line
      for (size_t k = 1; k < a.size() && !better; ++k) better = ok[k] || a[k - 1] == ' ';
      if (better)
        bad.push_back({pdf.filename().string(), to_utf8(a.substr(a.size() > 20 ? a.size() - 20 : 0)),
                       to_utf8(b.substr(0, 20)), p});
    }
  }
  return bad;
}

// Both samples (OITGEN_AUDIT_DIR: the PDFs of the first sample in that folder instead).
TEST(BreakAudit, NoLineEndsInsideAWordThatHadABetterPlace) {
  Diagnostics rules_diags;
  text::Breaker breaker(testing::resources().break_rules(rules_diags));
  size_t total = 0;
  for (const std::string sample : {"nongkhai2-2565", "udonthani1-2566"}) {
    fs::path dir;
    if (const char* other = std::getenv("OITGEN_AUDIT_DIR")) {
      if (sample != "nongkhai2-2565") continue;
      dir = other;
    } else {
      dir = testing::temp_dir("break-audit-" + sample);
      const auto r = run(std::string(OITGEN_BINARY) + " build " + quote(repo() / "samples" / sample) + " -o " + quote(dir));
      ASSERT_EQ(r.exit_code, 0) << r.output;
    }
    const auto names = surnames(sample);
    const auto corpus = source_corpus(sample);
    for (const char* kind : {"announcement", "order", "monitoring-6m", "measures-report"}) {
      const auto pdf = dir / (std::string(kind) + ".pdf");
      if (!fs::exists(pdf)) continue;
      const auto bad = audit(pdf, breaker, names, corpus);
      total += bad.size();
      for (const auto& b : bad)
        ADD_FAILURE() << sample << " " << b.file << " page " << b.page << ": …" << b.before << " | " << b.after << "…";
    }
  }
  std::cout << "break audit: " << total << " line ends inside a word that had a better place\n";
}

}  // namespace
}  // namespace oitgen
