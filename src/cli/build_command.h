#pragma once
// `oitgen build`: data set folder in, one PDF per document kind out.
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "layout/layout_spec.h"
#include "text/break_rules.h"
#include "text/font_library.h"

namespace oitgen::cli {

// What every build in this process shares: fonts, break rules, parsed layouts. Loaded once,
// safe to use from several threads.
class Resources {
 public:
  explicit Resources(std::filesystem::path root) : root_(std::move(root)) {}
  const std::filesystem::path& root() const { return root_; }
  text::FontLibrary& fonts() { return fonts_; }
  std::shared_ptr<const text::BreakRules> break_rules(Diagnostics& diags);
  std::shared_ptr<const layout::LayoutSpec> layout(const std::string& kind, Diagnostics& diags);

 private:
  std::filesystem::path root_;
  text::FontLibrary fonts_;
  std::mutex mutex_;
  std::shared_ptr<const text::BreakRules> rules_;
  std::map<std::string, std::shared_ptr<const layout::LayoutSpec>> layouts_;
};

struct BuildOptions {
  std::filesystem::path dataset;
  std::filesystem::path out_dir;
  std::optional<std::string> only;  // one document kind
};

struct BuiltDocument {
  std::string kind;
  std::string pdf;
  size_t pages = 0;
};

// Builds every document in memory; nothing is written. Diagnostics say what went wrong.
std::vector<BuiltDocument> build_documents(const BuildOptions& options, Resources& resources,
                                           Diagnostics& diags);

// The whole command: returns the process exit code (0 ok, 1 data/usage error, 2 internal).
int run_build(const BuildOptions& options, Resources& resources, std::ostream& out, std::ostream& err);

}  // namespace oitgen::cli
