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
    if (const Entry* e = images_.find(key); e && e->size == size && e->mtime == mtime) return e->image;
  }
  // Decoded outside the lock. Two threads may both decode a new image; the first result stored
  // is the one everybody gets, so a document never embeds the same picture twice.
  auto image = load_image(path, where, diags, name);
  if (image && !ec) {
    std::lock_guard lock(mutex_);
    if (const Entry* e = images_.find(key); e && e->size == size && e->mtime == mtime) return e->image;
    // Over budget, the oldest go (documents holding them keep their own reference).
    images_.store(key, {size, mtime, image}, image->stream_bytes());
  }
  return image;
}

size_t ImageLibrary::bytes() const {
  std::lock_guard lock(mutex_);
  return images_.bytes();
}

size_t ImageLibrary::size() const {
  std::lock_guard lock(mutex_);
  return images_.size();
}

}  // namespace oitgen::data
