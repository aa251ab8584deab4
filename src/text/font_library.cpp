#include "text/font_library.h"

namespace oitgen::text {

std::shared_ptr<const Font> FontLibrary::get(const std::filesystem::path& path, Diagnostics& diags) {
  std::lock_guard lock(mutex_);
  // The path as asked first: resolving it (readlink on every component) for every paragraph
  // cost more than shaping it.
  if (auto it = by_request_.find(path.string()); it != by_request_.end()) return it->second;
  std::error_code ec;
  auto key = std::filesystem::weakly_canonical(path, ec).string();
  if (ec) key = path.string();
  if (auto it = fonts_.find(key); it != fonts_.end()) return by_request_[path.string()] = it->second;
  auto font = Font::load(path, diags);
  if (font) fonts_[key] = by_request_[path.string()] = font;
  return font;
}

}  // namespace oitgen::text
