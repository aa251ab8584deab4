#pragma once
// What an image becomes in the PDF under an output profile: the image as read (nothing to
// change), or new pixels — downsampled to a resolution limit as placed on the page, flattened
// onto white for PDF/A (which forbids soft masks), CMYK turned into RGB (PDF/A's output intent
// here is sRGB). No libharu here: the result is a data::Image the adapter embeds as any other.
#include <memory>
#include <condition_variable>
#include <mutex>
#include <set>
#include <tuple>
#include <string>
#include <vector>
#include <cstdint>

#include "data/image.h"
#include "util/budget_map.h"

namespace oitgen::pdf {

struct ImageChange {
  // Target size in stored pixels (before orientation); equal to the source's: no resampling.
  int width = 0, height = 0;
  bool opaque = false;      // flatten any transparency onto white
  bool no_cmyk = false;     // turn CMYK JPEGs into RGB
  int jpeg_quality = 85;    // for whatever is encoded anew as JPEG
};

// True when `change` leaves `image` exactly as it is.
bool leaves_unchanged(const data::Image& image, const ImageChange& change);

// The image as `change` asks, or nullptr with `error` set (a JPEG libjpeg cannot decode in
// full, which the reader's check let through). Deterministic: the same image and change give
// the same bytes. Resampling is a separable bicubic filter widened by the reduction factor
// (an average over every source pixel an output pixel covers, not nearest-neighbour), on
// premultiplied alpha. A source JPEG is encoded again as JPEG; pixels from a PNG keep the
// smaller of JPEG and lossless Flate (a logo stays sharp, a photo gets small); an alpha plane
// stays lossless.
std::shared_ptr<const data::Image> change_image(const data::Image& image, const ImageChange& change, std::string& error);

// The steps change_image is made of, on 8-bit interleaved pixels:
// `channels`-sample pixels of a w × h image resampled to nw × nh (each at least 1).
std::vector<uint8_t> resample(const std::vector<uint8_t>& pixels, int w, int h, int channels, int nw, int nh);
// Composites onto white by the alpha plane (one byte a pixel), which is then emptied.
void flatten_on_white(std::vector<uint8_t>& pixels, std::vector<uint8_t>& alpha, int components);

// Changed images kept for the process: the monitoring report's photos are changed once for it
// and reused by the measures report that includes them, and by every later build of a batch or
// a watch. At most `budget` bytes are held, the oldest going first. Thread-safe.
class ImageChangeCache {
 public:
  explicit ImageChangeCache(size_t budget = 16u << 20) : entries_(budget) {}
  // The image as `change` asks, from the cache or made now (see change_image).
  std::shared_ptr<const data::Image> get(const data::Image& image, const ImageChange& change, std::string& error);
  size_t size() const;

 private:
  using Key = std::tuple<uint64_t, int, int, int, int, int, bool, bool, int>;
  mutable std::mutex mutex_;
  BudgetMap<Key, std::shared_ptr<const data::Image>> entries_;
  // Changes being made now: a second thread asking for one waits for it instead of making it
  // too (at 50 megapixels each costs hundreds of megabytes while it is made).
  std::set<Key> making_;
  std::condition_variable made_;
};

}  // namespace oitgen::pdf
