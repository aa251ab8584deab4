#include "text/font_library.h"

namespace oitgen::text {

std::shared_ptr<const Font> FontLibrary::get(const std::filesystem::path& path, Diagnostics& diags) {
  std::error_code ec;
  auto key = std::filesystem::weakly_canonical(path, ec).string();
  if (ec) key = path.string();
  std::lock_guard lock(mutex_);
  if (auto it = fonts_.find(key); it != fonts_.end()) return it->second;
  auto font = Font::load(path, diags);
  if (font) fonts_[key] = font;
  return font;
}

}  // namespace oitgen::text
