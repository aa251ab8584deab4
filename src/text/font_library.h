#pragma once
// Fonts are loaded once per process and shared by every document and thread.
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>

#include "text/font.h"

namespace oitgen::text {

class FontLibrary {
 public:
  // Thread-safe; a font that failed to load is reported on every request.
  std::shared_ptr<const Font> get(const std::filesystem::path& path, Diagnostics& diags);

 private:
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const Font>> fonts_;       // by canonical path
  std::map<std::string, std::shared_ptr<const Font>> by_request_;  // by the path as asked
};

}  // namespace oitgen::text
