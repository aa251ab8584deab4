#pragma once
// Images loaded once per process and shared read-only by every document and data set that shows
// them (an emblem common to hundreds of offices, a photo used by two reports). A file changed on
// disk since it was loaded is read again.
#include <filesystem>
#include <memory>
#include <condition_variable>
#include <mutex>
#include <set>
#include <string>
#include <cstdint>

#include "data/image.h"
#include "util/budget_map.h"

namespace oitgen::data {

class ImageLibrary {
 public:
  // At most `budget` bytes of image data are held; the oldest go first (a batch of offices with
  // photos of their own keeps its memory flat).
  explicit ImageLibrary(size_t budget = 8u << 20) : images_(budget) {}
  // Thread-safe. Failures are not kept: each request reports its own error at its own place.
  std::shared_ptr<const Image> get(const std::filesystem::path& path, const SourceLocation& where, Diagnostics& diags,
                                   const std::string& name);
  // How many images are held (for tests and the batch's memory bound).
  size_t size() const;
  size_t bytes() const;

 private:
  struct Entry {
    uintmax_t size = 0;
    std::filesystem::file_time_type mtime;
    std::shared_ptr<const Image> image;
  };
  mutable std::mutex mutex_;
  BudgetMap<std::string, Entry> images_;  // by canonical path
  // Files being decoded now: a second thread asking for one waits instead of decoding it too
  // (a 50-megapixel PNG holds 200 MB while it is decoded).
  std::set<std::string> loading_;
  std::condition_variable loaded_;
};

}  // namespace oitgen::data
