#include "data/image_library.h"

namespace oitgen::data {

std::shared_ptr<const Image> ImageLibrary::get(const std::filesystem::path& path, const SourceLocation& where,
                                               Diagnostics& diags, const std::string& name) {
  std::error_code ec;
  const auto canonical = std::filesystem::weakly_canonical(path, ec);
  const std::string key = ec ? path.string() : canonical.string();
  const auto size = std::filesystem::file_size(path, ec);
  const auto mtime = std::filesystem::last_write_time(path, ec);
  {
    std::lock_guard lock(mutex_);
    if (auto it = images_.find(key); it != images_.end() && it->second.size == size && it->second.mtime == mtime)
      return it->second.image;
  }
  // Decoded outside the lock. Two threads may both decode a new image; the first result stored
  // is the one everybody gets, so a document never embeds the same picture twice.
  auto image = load_image(path, where, diags, name);
  if (image && !ec) {
    std::lock_guard lock(mutex_);
    auto& entry = images_[key];
    if (entry.image && entry.size == size && entry.mtime == mtime) return entry.image;
    entry = {size, mtime, image};
  }
  return image;
}

size_t ImageLibrary::size() const {
  std::lock_guard lock(mutex_);
  return images_.size();
}

}  // namespace oitgen::data
