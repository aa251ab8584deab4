#include "util/diagnostics.h"

namespace oitgen {

std::string Diagnostic::format() const {
  std::string out = where.file.empty() ? std::string("oitgen") : where.file;
  if (where.line > 0) {
    out += ":" + std::to_string(where.line);
    if (where.column > 0) out += ":" + std::to_string(where.column);
  }
  out += severity == Severity::Error ? ": error: " : ": warning: ";
  out += message;
  return out;
}

void Diagnostics::error(SourceLocation where, std::string message) {
  items_.push_back({Severity::Error, std::move(where), std::move(message)});
}

void Diagnostics::warning(SourceLocation where, std::string message) {
  // The same template may warn once per row it renders: say it once.
  for (const auto& d : items_)
    if (d.severity == Severity::Warning && d.message == message && d.where.file == where.file &&
        d.where.line == where.line && d.where.column == where.column)
      return;
  items_.push_back({Severity::Warning, std::move(where), std::move(message)});
}

void Diagnostics::append(const Diagnostics& other) {
  for (const auto& d : other.items_) {
    if (d.severity == Severity::Warning) warning(d.where, d.message);
    else items_.push_back(d);
  }
}

bool Diagnostics::has_errors() const { return error_count() > 0; }

size_t Diagnostics::error_count() const {
  size_t n = 0;
  for (const auto& d : items_) n += d.severity == Severity::Error;
  return n;
}

std::string Diagnostics::format_all() const {
  std::string out;
  for (const auto& d : items_) out += d.format() + "\n";
  return out;
}

}  // namespace oitgen
