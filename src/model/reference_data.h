#pragma once
// The reference data one model build reads (frameworks and OIT catalogues by year), each file
// loaded and checked once, however many documents ask for it; a provisional year is told once,
// as a warning at the setting that first chose it. An explicit object made per build, not a
// global cache.
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "model/framework.h"
#include "model/oit_catalogue.h"

namespace oitgen::model {

class ReferenceData {
 public:
  explicit ReferenceData(std::filesystem::path dir) : dir_(std::move(dir)) {}
  const std::filesystem::path& dir() const { return dir_; }

  // The framework / catalogue of `year`, or nullptr after an error at `asked_at` (missing) or
  // in the file (invalid), reported the first time only.
  const Framework* framework(int64_t year, const SourceLocation& asked_at, const std::string& setting,
                             Diagnostics& diags);
  const Catalogue* catalogue(int64_t year, const SourceLocation& asked_at, const std::string& setting,
                             Diagnostics& diags);

 private:
  void tell_provisional(int64_t year, const std::string& what, const std::string& source,
                        const SourceLocation& asked_at, const std::string& setting, Diagnostics& diags);
  std::filesystem::path dir_;
  std::map<int64_t, std::optional<Framework>> frameworks_;
  std::map<int64_t, std::optional<Catalogue>> catalogues_;
  std::set<int64_t> told_;
};

}  // namespace oitgen::model
