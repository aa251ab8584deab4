#pragma once
// Images named by the data set, checked and decoded before anything else sees them: libharu
// aborts the whole process on a corrupt PNG, so a PNG reaches it only as verified pixels.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "util/diagnostics.h"

namespace oitgen::data {

struct Image {
  enum class Kind { Jpeg, Pixels };
  Kind kind = Kind::Pixels;
  std::string path;
  int width = 0, height = 0;  // as stored, before orientation
  int orientation = 1;        // EXIF orientation 1..8
  // Jpeg: the file, passed through as DCT. `components` is 1 (gray), 3 (RGB) or 4 (CMYK).
  std::string jpeg;
  int components = 3;
  // Pixels: 8-bit RGB (or gray when components == 1) and an 8-bit alpha plane if any, each
  // compressed once when the image is read (a zlib stream, as a PDF's /FlateDecode takes it):
  // every document that shows the image embeds these bytes as they are.
  std::string flate_pixels;
  std::string flate_alpha;  // empty when fully opaque
  // The rows of flate_pixels and flate_alpha each start with a PNG filter byte (PDF's
  // /Predictor 15), as pixels oitgen resampled are stored; images as read are not.
  bool png_predicted = false;
  // A digest of the file's bytes, for the PDF's /ID.
  uint64_t content_hash = 0;

  // The bytes of its streams (what it adds to a PDF, what a cache holds).
  size_t stream_bytes() const { return jpeg.size() + flate_pixels.size() + flate_alpha.size(); }

  // Size as displayed, after applying the orientation.
  int display_width() const { return orientation >= 5 ? height : width; }
  int display_height() const { return orientation >= 5 ? width : height; }
};

// What oitgen reads, checked before anything is decoded (a hostile header must not make it
// allocate gigabytes). 50 megapixels holds any camera's photo at full size (12 to 48 MP) and an
// A4 page scanned at 600 dpi (35 MP); decoded, 8-bit RGBA at most, that is 200 MB a picture.
// A side is bounded too: the resampler's tables grow with it, and no report needs a wider strip.
inline constexpr uint64_t kMaxImagePixels = 50'000'000;
inline constexpr uint64_t kMaxImageSide = 20'000;
// A file is held whole while it is checked, and a JPEG for as long as it is used: a 50-megapixel
// JPEG at the highest quality is some 30 MB.
inline constexpr uint64_t kMaxImageFileBytes = 100'000'000;

// Reads and verifies a JPEG or PNG. Corrupt, truncated or unsupported files are errors at
// `where` naming the file as `name` (as the data wrote it; the path when empty); returns
// nullptr then.
std::shared_ptr<const Image> load_image(const std::filesystem::path& path, const SourceLocation& where,
                                        Diagnostics& diags, const std::string& name = "");
// The same for an image already in memory.
std::shared_ptr<const Image> decode_image(std::string bytes, const std::string& name, const SourceLocation& where,
                                          Diagnostics& diags);

// A zlib stream of `data` at zlib's default level (what PDF writers use for /FlateDecode).
std::string deflated(const std::vector<uint8_t>& data);
// `flate` unpacked into exactly `size` bytes; false when it is damaged or another size.
bool inflated(const std::string& flate, size_t size, std::vector<uint8_t>& out);

// A JPEG's pixels, 8-bit interleaved: 1 (gray), 3 (RGB) or 4 (CMYK) components. CMYK as
// stored: `inverted` when an Adobe marker says the values are complemented.
struct JpegPixels {
  int width = 0, height = 0, components = 3;
  bool inverted = false;
  std::vector<uint8_t> pixels;
};
// Decodes `jpeg` at 1/denom of its size (1, 2, 4 or 8: libjpeg's scaled inverse DCT, so a
// 12-megapixel photo bound for 150 dpi need not be decoded whole). False with `error` set when
// libjpeg refuses it.
bool decode_jpeg_pixels(const std::string& jpeg, int denom, JpegPixels& out, std::string& error);

// `pixels` (rows of width × channels bytes) with a PNG filter chosen per row, deflated at the
// default level: what /FlateDecode with /Predictor 15 takes.
std::string deflated_predicted(const std::vector<uint8_t>& pixels, int width, int height, int channels);

// 8-bit gray (1 component) or RGB (3) pixels as a baseline JPEG at `quality` (1-100), Huffman
// tables optimised. Deterministic.
std::string encode_jpeg(const std::vector<uint8_t>& pixels, int width, int height, int components, int quality);

// An 8-bit RGB PNG whose header says width × height, its image data `scanlines` as given
// (each row a filter byte and 3 × width bytes), compressed at zlib's best level. The rows are
// not checked against the header: fewer of them make a file that promises more than it holds.
std::string encode_rgb_png(uint32_t width, uint32_t height, const std::string& scanlines);

}  // namespace oitgen::data
