#pragma once
// Expected problems (bad data, missing files, bad images) travel as values, never as exceptions
// that could escape to a crash.
#include <string>
#include <unordered_set>
#include <vector>

namespace oitgen {

struct SourceLocation {
  std::string file;  // path as the user gave it (or relative to the data set)
  int line = 0;      // 1-based; 0 = unknown (then only the path is printed)
  int column = 0;
};

enum class Severity { Warning, Error };

// What kind of problem an error is: the exit code follows from it (internal: 2, others: 1).
enum class ErrorKind { Data, Layout, Output, Internal };

struct Diagnostic {
  Severity severity = Severity::Error;
  SourceLocation where;
  std::string message;
  ErrorKind kind = ErrorKind::Data;

  // "file:line:col: error: message"
  std::string format() const;
};

// Collects diagnostics of one run. Not shared between threads: each document build owns one.
class Diagnostics {
 public:
  void error(SourceLocation where, std::string message, ErrorKind kind = ErrorKind::Data);
  void warning(SourceLocation where, std::string message);
  // Adds `d` unless the same problem at the same place is already there.
  void add(Diagnostic d);
  void append(const Diagnostics& other);
  // The same, with every error of `other` counted as `kind` (a layout's problems, say).
  void append(const Diagnostics& other, ErrorKind kind);
  // 2 when an internal error is among them, 1 for any other error, 0 without errors.
  int exit_code() const;

  bool has_errors() const;
  size_t error_count() const;
  const std::vector<Diagnostic>& items() const { return items_; }
  // One line per problem, errors before warnings.
  std::string format_all() const;

 private:
  std::vector<Diagnostic> items_;
  // What add() has seen (severity, place and message in one string), so that telling a new
  // problem from one said before stays O(1) with 100,000 of them.
  std::unordered_set<std::string> seen_;
  size_t errors_ = 0;
};

}  // namespace oitgen
