#include "pdf/image_output.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace oitgen::pdf {
namespace {

// Interleaved 8-bit pixels: 1 (gray), 3 (RGB) or 4 (CMYK) components, and an alpha plane or none.
struct Raster {
  int width = 0, height = 0, components = 3;
  std::vector<uint8_t> pixels;
  std::vector<uint8_t> alpha;
};

void cmyk_to_rgb(Raster& r, bool inverted) {
  std::vector<uint8_t> rgb(static_cast<size_t>(r.width) * r.height * 3);
  for (size_t i = 0, n = static_cast<size_t>(r.width) * r.height; i < n; ++i) {
    const uint8_t* p = &r.pixels[i * 4];
    // Without a colour profile: the naive complement, enough for a photo on a web page.
    const int k = inverted ? p[3] : 255 - p[3];
    for (int c = 0; c < 3; ++c) {
      const int v = inverted ? p[c] : 255 - p[c];
      rgb[i * 3 + c] = static_cast<uint8_t>((v * k + 127) / 255);
    }
  }
  r.pixels = std::move(rgb);
  r.components = 3;
}

// Bicubic (a = -0.5), stretched by the reduction factor so that every source pixel counts.
double cubic(double x) {
  x = std::fabs(x);
  constexpr double a = -0.5;
  if (x < 1) return ((a + 2) * x - (a + 3)) * x * x + 1;
  if (x < 2) return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a;
  return 0;
}

constexpr int kWeightBits = 14;

struct Taps {
  std::vector<int> first;          // first source index per output index
  std::vector<int> count;          // taps per output index
  std::vector<int32_t> weights;    // `stride` per output index, fixed point
  int stride = 0;
};

Taps make_taps(int in, int out) {
  const double scale = static_cast<double>(in) / out;
  const double stretch = std::max(scale, 1.0);
  const double support = 2 * stretch;
  Taps t;
  t.stride = static_cast<int>(std::ceil(support)) * 2 + 1;
  t.first.resize(out);
  t.count.resize(out);
  t.weights.assign(static_cast<size_t>(out) * t.stride, 0);
  std::vector<double> w(t.stride);
  for (int o = 0; o < out; ++o) {
    const double centre = (o + 0.5) * scale;
    const int lo = std::max(0, static_cast<int>(std::floor(centre - support)));
    const int hi = std::min(in, static_cast<int>(std::ceil(centre + support)));
    const int n = std::min(hi - lo, t.stride);
    double sum = 0;
    for (int k = 0; k < n; ++k) sum += w[k] = cubic((lo + k + 0.5 - centre) / stretch);
    int32_t* fixed = &t.weights[static_cast<size_t>(o) * t.stride];
    int32_t total = 0, largest = 0;
    for (int k = 0; k < n; ++k) {
      fixed[k] = static_cast<int32_t>(std::lround(w[k] / sum * (1 << kWeightBits)));
      total += fixed[k];
      if (fixed[k] > fixed[largest]) largest = k;
    }
    fixed[largest] += (1 << kWeightBits) - total;  // the weights sum to exactly one
    t.first[o] = lo;
    t.count[o] = n;
  }
  return t;
}

uint8_t clamp8(int64_t v) {
  v = (v + (1 << (kWeightBits - 1))) >> kWeightBits;
  return static_cast<uint8_t>(std::clamp<int64_t>(v, 0, 255));
}

}  // namespace

void flatten_on_white(std::vector<uint8_t>& pixels, std::vector<uint8_t>& alpha, int components) {
  for (size_t i = 0; i < alpha.size(); ++i) {
    const int a = alpha[i];
    for (int c = 0; c < components; ++c) {
      uint8_t& v = pixels[i * components + c];
      v = static_cast<uint8_t>((v * a + 255 * (255 - a) + 127) / 255);
    }
  }
  alpha.clear();
}

std::vector<uint8_t> resample(const std::vector<uint8_t>& src, int w, int h, int channels, int nw, int nh) {
  const Taps tx = make_taps(w, nw), ty = make_taps(h, nh);
  std::vector<uint8_t> mid(static_cast<size_t>(nw) * h * channels);
  for (int y = 0; y < h; ++y) {
    const uint8_t* row = &src[static_cast<size_t>(y) * w * channels];
    uint8_t* dst = &mid[static_cast<size_t>(y) * nw * channels];
    for (int x = 0; x < nw; ++x) {
      const int32_t* wt = &tx.weights[static_cast<size_t>(x) * tx.stride];
      for (int c = 0; c < channels; ++c) {
        int64_t acc = 0;
        for (int k = 0; k < tx.count[x]; ++k) acc += int64_t(wt[k]) * row[(tx.first[x] + k) * channels + c];
        dst[x * channels + c] = clamp8(acc);
      }
    }
  }
  std::vector<uint8_t> out(static_cast<size_t>(nw) * nh * channels);
  const size_t line = static_cast<size_t>(nw) * channels;
  std::vector<int64_t> acc(line);
  for (int y = 0; y < nh; ++y) {
    std::fill(acc.begin(), acc.end(), 0);
    const int32_t* wt = &ty.weights[static_cast<size_t>(y) * ty.stride];
    for (int k = 0; k < ty.count[y]; ++k) {
      const uint8_t* row = &mid[static_cast<size_t>(ty.first[y] + k) * line];
      const int64_t weight = wt[k];
      for (size_t i = 0; i < line; ++i) acc[i] += weight * row[i];
    }
    uint8_t* dst = &out[static_cast<size_t>(y) * line];
    for (size_t i = 0; i < line; ++i) dst[i] = clamp8(acc[i]);
  }
  return out;
}

namespace {

void resize(Raster& r, int nw, int nh) {
  if (r.alpha.empty()) {
    r.pixels = resample(r.pixels, r.width, r.height, r.components, nw, nh);
  } else {
    // Premultiplied, so that the colour of transparent pixels does not bleed into the edges.
    const size_t n = static_cast<size_t>(r.width) * r.height;
    for (size_t i = 0; i < n; ++i)
      for (int c = 0; c < r.components; ++c) {
        uint8_t& v = r.pixels[i * r.components + c];
        v = static_cast<uint8_t>((v * r.alpha[i] + 127) / 255);
      }
    r.pixels = resample(r.pixels, r.width, r.height, r.components, nw, nh);
    r.alpha = resample(r.alpha, r.width, r.height, 1, nw, nh);
    for (size_t i = 0, m = static_cast<size_t>(nw) * nh; i < m; ++i)
      for (int c = 0; c < r.components; ++c) {
        uint8_t& v = r.pixels[i * r.components + c];
        const int a = r.alpha[i];
        v = a == 0 ? 255 : static_cast<uint8_t>(std::min(255, (v * 255 + a / 2) / a));
      }
  }
  r.width = nw;
  r.height = nh;
}

}  // namespace

bool leaves_unchanged(const data::Image& image, const ImageChange& change) {
  if (change.width != image.width || change.height != image.height) return false;
  if (change.opaque && !image.flate_alpha.empty()) return false;
  if (change.no_cmyk && image.kind == data::Image::Kind::Jpeg && image.components == 4) return false;
  return true;
}

std::shared_ptr<const data::Image> change_image(const data::Image& image, const ImageChange& change, std::string& error) {
  const int nw = std::clamp(change.width, 1, image.width), nh = std::clamp(change.height, 1, image.height);
  const bool resampled = nw != image.width || nh != image.height;
  Raster r;
  if (image.kind == data::Image::Kind::Jpeg) {
    // The largest DCT reduction that still leaves at least twice the target for the filter.
    int denom = 1;
    while (denom < 8 && image.width / (denom * 2) >= 2 * nw && image.height / (denom * 2) >= 2 * nh) denom *= 2;
    data::JpegPixels decoded;
    if (!data::decode_jpeg_pixels(image.jpeg, denom, decoded, error)) {
      error = "cannot decode JPEG '" + image.path + "' in full (" + error + ")";
      return nullptr;
    }
    r.width = decoded.width;
    r.height = decoded.height;
    r.components = decoded.components;
    r.pixels = std::move(decoded.pixels);
    if (r.components == 4) cmyk_to_rgb(r, decoded.inverted);
  } else {
    r.width = image.width;
    r.height = image.height;
    r.components = image.components;
    const size_t n = static_cast<size_t>(image.width) * image.height;
    if (!data::inflated(image.flate_pixels, n * image.components, r.pixels) ||
        (!image.flate_alpha.empty() && !data::inflated(image.flate_alpha, n, r.alpha))) {
      error = "cannot unpack the pixels of '" + image.path + "'";
      return nullptr;
    }
  }
  if (change.opaque) flatten_on_white(r.pixels, r.alpha, r.components);
  if (r.width != nw || r.height != nh) resize(r, nw, nh);

  auto out = std::make_shared<data::Image>();
  out->path = image.path;
  out->orientation = image.orientation;
  out->content_hash = image.content_hash;
  out->width = r.width;
  out->height = r.height;
  out->components = r.components;
  std::string jpeg;
  if (image.kind == data::Image::Kind::Jpeg || resampled) {
    jpeg = data::encode_jpeg(r.pixels, r.width, r.height, r.components, change.jpeg_quality);
    if (jpeg.empty()) {
      error = "cannot encode '" + image.path + "' as JPEG";
      return nullptr;
    }
  }
  std::string flate;
  if (image.kind == data::Image::Kind::Pixels) flate = data::deflated_predicted(r.pixels, r.width, r.height, r.components);
  if (!jpeg.empty() && (flate.empty() || jpeg.size() < flate.size())) {
    out->kind = data::Image::Kind::Jpeg;
    out->jpeg = std::move(jpeg);
  } else {
    out->kind = data::Image::Kind::Pixels;
    out->flate_pixels = std::move(flate);
  }
  if (!r.alpha.empty()) out->flate_alpha = data::deflated_predicted(r.alpha, r.width, r.height, 1);
  out->png_predicted = true;
  return out;
}

std::shared_ptr<const data::Image> ImageChangeCache::get(const data::Image& image, const ImageChange& change,
                                                         std::string& error) {
  // The source by its content (and what it was read as), the change by every field.
  const Key key{image.content_hash, static_cast<int>(image.kind), image.width, image.height, change.width,
                change.height, change.opaque, change.no_cmyk, change.jpeg_quality};
  std::unique_lock lock(mutex_);
  while (true) {
    if (const auto* held = entries_.find(key)) return *held;
    if (!making_.count(key)) break;
    made_.wait(lock);  // another thread is making it; if it fails, this one tries
  }
  making_.insert(key);
  lock.unlock();
  auto made = change_image(image, change, error);  // outside the lock: other images go on
  lock.lock();
  making_.erase(key);
  if (made) entries_.store(key, made, made->stream_bytes());
  made_.notify_all();
  return made;
}

size_t ImageChangeCache::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace oitgen::pdf
