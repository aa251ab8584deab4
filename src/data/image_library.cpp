#include "data/image_library.h"

namespace oitgen::data {

std::shared_ptr<const Image> ImageLibrary::get(const std::filesystem::path& path, const SourceLocation& where,
                                               Diagnostics& diags, const std::string& name) {
  std::error_code ec;
  const auto canonical = std::filesystem::weakly_canonical(path, ec);
  const std::string key = ec ? path.string() : canonical.string();
  const auto size = std::filesystem::file_size(path, ec);
  const auto mtime = std::filesystem::last_write_time(path, ec);
  std::unique_lock lock(mutex_);
  while (true) {
    if (const Entry* e = images_.find(key); e && e->size == size && e->mtime == mtime) return e->image;
    if (!loading_.count(key)) break;
    loaded_.wait(lock);  // another thread decodes it; if it fails (or it is over budget), this one reads it
  }
  loading_.insert(key);
  lock.unlock();
  auto image = load_image(path, where, diags, name);  // outside the lock: other images go on
  lock.lock();
  loading_.erase(key);
  // Over budget, the oldest go (documents holding them keep their own reference).
  if (image && !ec) images_.store(key, {size, mtime, image}, image->stream_bytes());
  loaded_.notify_all();
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
