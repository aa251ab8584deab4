#include "util/diagnostics.h"

#include <algorithm>

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

void Diagnostics::add(Diagnostic d) {
  // The same problem found again (an image every document uses, a template that warns once per
  // row it renders) is said once.
  std::string key = d.severity == Severity::Error ? "E" : "W";
  key += std::to_string(d.where.line) + ":" + std::to_string(d.where.column) + ":" + std::to_string(d.where.file.size()) +
         ":" + d.where.file + d.message;
  if (!seen_.insert(std::move(key)).second) return;
  errors_ += d.severity == Severity::Error;
  items_.push_back(std::move(d));
}

void Diagnostics::error(SourceLocation where, std::string message, ErrorKind kind) {
  add({Severity::Error, std::move(where), std::move(message), kind});
}

void Diagnostics::warning(SourceLocation where, std::string message) {
  add({Severity::Warning, std::move(where), std::move(message)});
}

void Diagnostics::append(const Diagnostics& other) {
  for (const auto& d : other.items_) add(d);
}

void Diagnostics::append(const Diagnostics& other, ErrorKind kind) {
  for (auto d : other.items_) {
    if (d.severity == Severity::Error && d.kind == ErrorKind::Data) d.kind = kind;
    add(std::move(d));
  }
}

int Diagnostics::exit_code() const {
  int code = 0;
  for (const auto& d : items_)
    if (d.severity == Severity::Error) code = std::max(code, d.kind == ErrorKind::Internal ? 2 : 1);
  return code;
}

bool Diagnostics::has_errors() const { return error_count() > 0; }

size_t Diagnostics::error_count() const { return errors_; }

std::string Diagnostics::format_all() const {
  // Errors first: they are what stops the build; warnings follow in the order found.
  std::string out;
  for (const auto severity : {Severity::Error, Severity::Warning})
    for (const auto& d : items_)
      if (d.severity == severity) out += d.format() + "\n";
  return out;
}

}  // namespace oitgen
