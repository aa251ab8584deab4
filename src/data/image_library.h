#pragma once
// Images loaded once per process and shared read-only by every document and data set that shows
// them (an emblem common to hundreds of offices, a photo used by two reports). A file changed on
// disk since it was loaded is read again.
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "data/image.h"

namespace oitgen::data {

class ImageLibrary {
 public:
  // Thread-safe. Failures are not kept: each request reports its own error at its own place.
  std::shared_ptr<const Image> get(const std::filesystem::path& path, const SourceLocation& where, Diagnostics& diags,
                                   const std::string& name);
  // How many images are held (for tests and the batch's memory bound).
  size_t size() const;

 private:
  struct Entry {
    uintmax_t size = 0;
    std::filesystem::file_time_type mtime;
    std::shared_ptr<const Image> image;
  };
  mutable std::mutex mutex_;
  std::map<std::string, Entry> images_;
};

}  // namespace oitgen::data
