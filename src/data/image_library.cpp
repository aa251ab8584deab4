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
    bytes_ -= entry.bytes;
    const size_t held = image->jpeg.size() + image->flate_pixels.size() + image->flate_alpha.size();
    entry = {size, mtime, image, held, ++stored_};
    bytes_ += held;
    // Over budget: let the oldest go (documents holding them keep their own reference).
    while (bytes_ > budget_ && images_.size() > 1) {
      auto oldest = images_.begin();
      for (auto it = images_.begin(); it != images_.end(); ++it)
        if (it->second.order < oldest->second.order) oldest = it;
      if (oldest->first == key) break;
      bytes_ -= oldest->second.bytes;
      images_.erase(oldest);
    }
  }
  return image;
}

size_t ImageLibrary::bytes() const {
  std::lock_guard lock(mutex_);
  return bytes_;
}

size_t ImageLibrary::size() const {
  std::lock_guard lock(mutex_);
  return images_.size();
}

}  // namespace oitgen::data
