#include "cli/report.h"

#include <unistd.h>

#include <cstdlib>
#include <map>
#include <sstream>

#include "util/files.h"
#include "util/utf.h"

namespace oitgen::cli {
namespace {

// Thai vowels and tone marks above and below: no width on a terminal.
bool zero_width(char32_t c) { return c == 0x0E31 || (c >= 0x0E34 && c <= 0x0E3A) || (c >= 0x0E47 && c <= 0x0E4E); }

}  // namespace

bool use_colour(std::FILE* stream) {
  if (const char* no = std::getenv("NO_COLOR"); no && *no) return false;
  if (const char* term = std::getenv("TERM"); term && std::string(term) == "dumb") return false;
  return ::isatty(::fileno(stream)) == 1;
}

std::string render(const Diagnostics& diags, bool colour) {
  const char* bold = colour ? "\033[1m" : "";
  const char* red = colour ? "\033[1;31m" : "";
  const char* magenta = colour ? "\033[1;35m" : "";
  const char* green = colour ? "\033[1;32m" : "";
  const char* reset = colour ? "\033[0m" : "";
  std::map<std::string, std::vector<std::string>> files;  // lines of each file read
  auto source_line = [&](const SourceLocation& where) -> const std::string* {
    if (where.line <= 0 || where.file.empty()) return nullptr;
    auto it = files.find(where.file);
    if (it == files.end()) {
      std::vector<std::string> lines;
      if (auto text = read_file(where.file)) {
        std::istringstream in(*text);
        for (std::string l; std::getline(in, l);) lines.push_back(l);
      }
      it = files.emplace(where.file, std::move(lines)).first;
    }
    const auto& lines = it->second;
    return where.line <= static_cast<int>(lines.size()) ? &lines[where.line - 1] : nullptr;
  };
  std::string out;
  for (const auto severity : {Severity::Error, Severity::Warning})
    for (const auto& d : diags.items()) {
      if (d.severity != severity) continue;
      std::string place = d.where.file.empty() ? "oitgen" : d.where.file;
      if (d.where.line > 0) place += ":" + std::to_string(d.where.line);
      if (d.where.line > 0 && d.where.column > 0) place += ":" + std::to_string(d.where.column);
      out += std::string(bold) + place + ": " + reset + (severity == Severity::Error ? red : magenta) +
             (severity == Severity::Error ? "error: " : "warning: ") + reset + bold + d.message + reset + "\n";
      const std::string* line = source_line(d.where);
      if (!line) continue;
      const std::string number = std::to_string(d.where.line);
      std::string shown = *line;
      if (shown.size() > 300) shown = shown.substr(0, 300) + "…";  // a 5000-character word
      out += " " + number + " | " + shown + "\n";
      std::string caret;
      const std::u32string text = to_u32(*line);
      for (int c = 0; c + 1 < d.where.column && c < static_cast<int>(text.size()) && c < 300; ++c)
        if (!zero_width(text[c])) caret += text[c] == '\t' ? '\t' : ' ';
      out += " " + std::string(number.size(), ' ') + " | " + green + caret + "^" + reset + "\n";
    }
  return out;
}

}  // namespace oitgen::cli
