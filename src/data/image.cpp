#include "data/image.h"

#include <png.h>
#include <zlib.h>
#include <jpeglib.h>

#include <csetjmp>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "util/files.h"

namespace oitgen::data {
namespace {

std::string megapixels(uint64_t pixels) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", static_cast<double>(pixels) / 1e6);
  return buf;
}

std::string megabytes(uint64_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / 1e6);
  return buf;
}

// Checked on the size the header states, before anything is decoded: a damaged or hostile
// header must not make oitgen allocate gigabytes (see kMaxImagePixels).
bool too_large(uint64_t w, uint64_t h, const std::string& path, const SourceLocation& where, Diagnostics& diags) {
  const std::string size = "image '" + path + "' is " + std::to_string(w) + "x" + std::to_string(h) + " pixels";
  if (w > kMaxImageSide || h > kMaxImageSide) {
    diags.error(where, size + "; reduce it to at most " + std::to_string(kMaxImageSide) + " pixels a side");
    return true;
  }
  if (w * h > kMaxImagePixels) {
    diags.error(where, size + " (" + megapixels(w * h) + " megapixels); reduce it to at most " +
                           std::to_string(kMaxImagePixels / 1'000'000) + " megapixels");
    return true;
  }
  return false;
}

struct JpegErrorManager {
  jpeg_error_mgr base;
  std::jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
};

void jpeg_fail(j_common_ptr cinfo) {
  auto* err = reinterpret_cast<JpegErrorManager*>(cinfo->err);
  (*cinfo->err->format_message)(cinfo, err->message);
  std::longjmp(err->jump, 1);
}

// A warning (such as "premature end of data") means the photo would print damaged.
void jpeg_warn(j_common_ptr cinfo, int level) {
  if (level < 0) jpeg_fail(cinfo);
}

uint16_t read16(const unsigned char* p, bool big_endian) {
  return big_endian ? static_cast<uint16_t>(p[0] << 8 | p[1]) : static_cast<uint16_t>(p[1] << 8 | p[0]);
}

// EXIF orientation from an APP1 segment, or 1.
int exif_orientation(const unsigned char* seg, size_t len) {
  if (len < 14 || std::memcmp(seg, "Exif\0\0", 6) != 0) return 1;
  const unsigned char* tiff = seg + 6;
  const size_t tlen = len - 6;
  const bool be = tiff[0] == 'M';
  if (!(tiff[0] == 'M' || tiff[0] == 'I')) return 1;
  // 64-bit offsets: a damaged header's 0xFFFFFFF0 must not wrap round to a small one.
  const uint64_t ifd = be ? (uint64_t(tiff[4]) << 24 | tiff[5] << 16 | tiff[6] << 8 | tiff[7])
                          : (uint64_t(tiff[7]) << 24 | tiff[6] << 16 | tiff[5] << 8 | tiff[4]);
  if (ifd + 2 > tlen) return 1;
  const uint16_t count = read16(tiff + ifd, be);
  for (uint16_t i = 0; i < count; ++i) {
    const uint64_t e = ifd + 2 + uint64_t(i) * 12;
    if (e + 12 > tlen) break;
    if (read16(tiff + e, be) == 0x0112) {
      const int v = read16(tiff + e + 8, be);
      return v >= 1 && v <= 8 ? v : 1;
    }
  }
  return 1;
}

// Runs `work(cinfo)` on a decompressor over `bytes` (header not yet read) and destroys it after.
// A libjpeg error, or a warning (the photo would print damaged), longjmps out of `work`: the
// result is then false with libjpeg's message in `error`. So `work` keeps nothing with a
// destructor alive across a libjpeg call; it returns false to stop on its own.
template <typename Work>
bool run_jpeg_decoder(const std::string& bytes, std::string& error, Work&& work) {
  jpeg_decompress_struct cinfo{};
  JpegErrorManager err{};
  cinfo.err = jpeg_std_error(&err.base);
  err.base.error_exit = jpeg_fail;
  err.base.emit_message = jpeg_warn;
  if (setjmp(err.jump)) {
    jpeg_destroy_decompress(&cinfo);
    error = err.message;
    return false;
  }
  jpeg_create_decompress(&cinfo);
  jpeg_mem_src(&cinfo, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  const bool done = work(cinfo);
  jpeg_destroy_decompress(&cinfo);
  return done;
}

std::shared_ptr<Image> load_jpeg(std::string bytes, const std::string& path,
                                 const SourceLocation& where, Diagnostics& diags) {
  auto img = std::make_shared<Image>();
  img->kind = Image::Kind::Jpeg;
  img->path = path;
  std::string error;
  bool refused = false;
  const bool read = run_jpeg_decoder(bytes, error, [&](jpeg_decompress_struct& cinfo) {
    jpeg_save_markers(&cinfo, JPEG_APP0 + 1, 0xFFFF);
    jpeg_read_header(&cinfo, TRUE);
    for (auto* m = cinfo.marker_list; m; m = m->next)
      if (m->marker == JPEG_APP0 + 1) img->orientation = exif_orientation(m->data, m->data_length);
    if (too_large(cinfo.image_width, cinfo.image_height, path, where, diags)) {
      refused = true;
      return false;
    }
    img->width = static_cast<int>(cinfo.image_width);
    img->height = static_cast<int>(cinfo.image_height);
    img->components = cinfo.num_components;
    // Decode every scanline once: the only way to know the data is whole before it is embedded.
    // At 1/8 scale libjpeg still reads every entropy-coded block but skips most of the inverse
    // DCT and upsampling work, which is all that a check needs.
    cinfo.scale_num = 1;
    cinfo.scale_denom = 8;
    cinfo.dct_method = JDCT_IFAST;
    cinfo.do_fancy_upsampling = FALSE;
    jpeg_start_decompress(&cinfo);
    // The row lives in libjpeg's pool, which jpeg_destroy_decompress frees.
    JSAMPARRAY rows = (*cinfo.mem->alloc_sarray)(reinterpret_cast<j_common_ptr>(&cinfo), JPOOL_IMAGE,
                                                  cinfo.output_width * cinfo.output_components, 1);
    while (cinfo.output_scanline < cinfo.output_height) jpeg_read_scanlines(&cinfo, rows, 1);
    jpeg_finish_decompress(&cinfo);
    return true;
  });
  if (!read) {
    if (!refused) diags.error(where, "image '" + path + "' is a corrupt or truncated JPEG (" + error + ")");
    return nullptr;
  }
  if (img->components != 1 && img->components != 3 && img->components != 4) {
    diags.error(where, "image '" + path + "' has an unsupported JPEG colour layout");
    return nullptr;
  }
  img->jpeg = std::move(bytes);
  return img;
}

uint64_t fnv1a(const std::string& bytes) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : bytes) h = (h ^ c) * 1099511628211ull;
  return h;
}

// A zlib stream fed a row at a time: the planes of a decoded PNG are compressed as they are
// split off, so no second copy of the pixels is ever held. The bytes are what compress2 makes of
// the whole plane at once (zlib's output does not depend on how its input is cut up).
class Deflater {
 public:
  Deflater() { ok_ = deflateInit(&z_, Z_DEFAULT_COMPRESSION) == Z_OK; }
  ~Deflater() { deflateEnd(&z_); }
  Deflater(const Deflater&) = delete;
  Deflater& operator=(const Deflater&) = delete;

  void add(const uint8_t* data, size_t size) { run(data, size, Z_NO_FLUSH); }
  // The finished stream; empty when zlib failed (out of memory).
  std::string finish() {
    run(nullptr, 0, Z_FINISH);
    if (!ok_) return {};
    out_.shrink_to_fit();
    return std::move(out_);
  }

 private:
  void run(const uint8_t* data, size_t size, int flush) {
    if (!ok_) return;
    z_.next_in = const_cast<Bytef*>(data);
    z_.avail_in = static_cast<uInt>(size);  // a row: far below 4 GB
    int status = Z_OK;
    do {
      unsigned char chunk[1 << 16];
      z_.next_out = chunk;
      z_.avail_out = sizeof chunk;
      status = deflate(&z_, flush);
      if (status == Z_STREAM_ERROR) {
        ok_ = false;
        return;
      }
      out_.append(reinterpret_cast<const char*>(chunk), sizeof chunk - z_.avail_out);
    } while (z_.avail_out == 0 || (flush == Z_FINISH && status != Z_STREAM_END));
  }

  z_stream z_{};
  bool ok_ = false;
  std::string out_;
};

std::shared_ptr<Image> load_png(const std::string& bytes, const std::string& path,
                                const SourceLocation& where, Diagnostics& diags) {
  png_image png{};
  png.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_memory(&png, bytes.data(), bytes.size())) {
    diags.error(where, "image '" + path + "' is a corrupt PNG (" + png.message + ")");
    return nullptr;
  }
  if (too_large(png.width, png.height, path, where, diags)) {
    png_image_free(&png);
    return nullptr;
  }
  const bool has_alpha = (png.format & PNG_FORMAT_FLAG_ALPHA) != 0;
  const bool gray = (png.format & PNG_FORMAT_FLAG_COLOR) == 0;
  png.format = gray ? (has_alpha ? PNG_FORMAT_GA : PNG_FORMAT_GRAY)
                    : (has_alpha ? PNG_FORMAT_RGBA : PNG_FORMAT_RGB);
  // At most 4 bytes a pixel (RGBA, 8 bits each, whatever the file's depth): the one buffer of
  // decoded pixels oitgen holds, 200 MB at the pixel limit.
  std::vector<uint8_t> buf(PNG_IMAGE_SIZE(png));
  if (!png_image_finish_read(&png, nullptr, buf.data(), 0, nullptr)) {
    diags.error(where, "image '" + path + "' is a corrupt or truncated PNG (" + png.message + ")");
    png_image_free(&png);
    return nullptr;
  }
  auto img = std::make_shared<Image>();
  img->kind = Image::Kind::Pixels;
  img->path = path;
  img->width = static_cast<int>(png.width);
  img->height = static_cast<int>(png.height);
  img->components = gray ? 1 : 3;
  const int stride = img->components + (has_alpha ? 1 : 0);
  const size_t width = png.width;
  Deflater pixels, alpha;
  std::vector<uint8_t> row_pixels(width * img->components), row_alpha(has_alpha ? width : 0);
  bool any_transparent = false;
  for (size_t y = 0; y < png.height; ++y) {
    const uint8_t* row = buf.data() + y * width * stride;
    if (!has_alpha) {
      pixels.add(row, row_pixels.size());
      continue;
    }
    for (size_t x = 0; x < width; ++x) {
      for (int c = 0; c < img->components; ++c) row_pixels[x * img->components + c] = row[x * stride + c];
      row_alpha[x] = row[x * stride + img->components];
      any_transparent |= row_alpha[x] != 255;
    }
    pixels.add(row_pixels.data(), row_pixels.size());
    alpha.add(row_alpha.data(), row_alpha.size());
  }
  img->flate_pixels = pixels.finish();
  if (any_transparent) img->flate_alpha = alpha.finish();
  if (img->flate_pixels.empty() || (any_transparent && img->flate_alpha.empty())) {
    diags.error(where, "image '" + path + "' could not be compressed (out of memory)", ErrorKind::Internal);
    return nullptr;
  }
  return img;
}

}  // namespace

std::shared_ptr<const Image> load_image(const std::filesystem::path& path, const SourceLocation& where,
                                        Diagnostics& diags, const std::string& display_name) {
  const std::string name = display_name.empty() ? path.string() : display_name;
  // Before reading it: the whole file is held while it is checked (and a JPEG's for good).
  std::error_code ec;
  if (const auto size = std::filesystem::file_size(path, ec); !ec && size > kMaxImageFileBytes) {
    diags.error(where, "image '" + name + "' is a file of " + megabytes(size) + "; reduce it to at most " +
                           std::to_string(kMaxImageFileBytes / 1'000'000) + " MB");
    return nullptr;
  }
  auto bytes = read_file(path);
  if (!bytes) {
    diags.error(where, "image file not found: '" + name + "'");
    return nullptr;
  }
  return decode_image(std::move(*bytes), name, where, diags);
}

std::shared_ptr<const Image> decode_image(std::string bytes, const std::string& name, const SourceLocation& where,
                                          Diagnostics& diags) {
  if (bytes.size() > kMaxImageFileBytes) {
    diags.error(where, "image '" + name + "' is a file of " + megabytes(bytes.size()) + "; reduce it to at most " +
                           std::to_string(kMaxImageFileBytes / 1'000'000) + " MB");
    return nullptr;
  }
  const auto& b = bytes;
  const uint64_t hash = fnv1a(b);
  std::shared_ptr<Image> img;
  if (b.size() >= 3 && static_cast<unsigned char>(b[0]) == 0xFF && static_cast<unsigned char>(b[1]) == 0xD8)
    img = load_jpeg(std::move(bytes), name, where, diags);
  else if (b.size() >= 8 && std::memcmp(b.data(), "\x89PNG\r\n\x1a\n", 8) == 0)
    img = load_png(b, name, where, diags);
  else
    diags.error(where, "image '" + name + "' is neither a JPEG nor a PNG file");
  if (img) img->content_hash = hash;
  return img;
}

std::string deflated(const std::vector<uint8_t>& data) {
  std::string out(compressBound(static_cast<uLong>(data.size())), '\0');
  uLongf len = static_cast<uLongf>(out.size());
  compress2(reinterpret_cast<Bytef*>(out.data()), &len, data.data(), static_cast<uLong>(data.size()),
            Z_DEFAULT_COMPRESSION);
  out.resize(len);
  out.shrink_to_fit();  // the bound is the raw size: kept, it would hold megabytes per image
  return out;
}

bool inflated(const std::string& flate, size_t size, std::vector<uint8_t>& out) {
  out.assign(size, 0);
  uLongf len = static_cast<uLongf>(size);
  return uncompress(out.data(), &len, reinterpret_cast<const Bytef*>(flate.data()), static_cast<uLong>(flate.size())) ==
             Z_OK &&
         len == size;
}

bool decode_jpeg_pixels(const std::string& jpeg, int denom, JpegPixels& out, std::string& error) {
  return run_jpeg_decoder(jpeg, error, [&](jpeg_decompress_struct& cinfo) {
    jpeg_read_header(&cinfo, TRUE);
    if (cinfo.num_components == 1) cinfo.out_color_space = JCS_GRAYSCALE;
    else if (cinfo.num_components == 4) cinfo.out_color_space = JCS_CMYK;
    else cinfo.out_color_space = JCS_RGB;
    cinfo.scale_num = 1;
    cinfo.scale_denom = static_cast<unsigned>(denom);
    cinfo.dct_method = JDCT_ISLOW;
    jpeg_start_decompress(&cinfo);
    out.inverted = cinfo.saw_Adobe_marker;
    out.width = static_cast<int>(cinfo.output_width);
    out.height = static_cast<int>(cinfo.output_height);
    out.components = cinfo.output_components;
    // Sized before any row is read: the vector belongs to `out`, whose owner frees it even when
    // a libjpeg error jumps out of this function.
    out.pixels.assign(static_cast<size_t>(out.width) * out.height * out.components, 0);
    while (cinfo.output_scanline < cinfo.output_height) {
      JSAMPROW row = out.pixels.data() + static_cast<size_t>(cinfo.output_scanline) * out.width * out.components;
      jpeg_read_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_decompress(&cinfo);
    return true;
  });
}

std::string deflated_predicted(const std::vector<uint8_t>& pixels, int width, int height, int channels) {
  const size_t line = static_cast<size_t>(width) * channels;
  // Each filtered row goes straight into the stream: no second copy of the pixels.
  Deflater out;
  std::vector<uint8_t> best(line), trial(line);
  const std::vector<uint8_t> zeros(line, 0);
  for (int y = 0; y < height; ++y) {
    const uint8_t* cur = &pixels[y * line];
    const uint8_t* up = y ? &pixels[(y - 1) * line] : zeros.data();
    uint64_t best_cost = UINT64_MAX;
    int best_filter = 0;
    for (int filter = 0; filter < 5; ++filter) {
      uint64_t cost = 0;
      for (size_t i = 0; i < line; ++i) {
        const int a = i >= static_cast<size_t>(channels) ? cur[i - channels] : 0;
        const int b = up[i];
        const int c = i >= static_cast<size_t>(channels) ? up[i - channels] : 0;
        int predicted = 0;
        switch (filter) {
          case 1: predicted = a; break;
          case 2: predicted = b; break;
          case 3: predicted = (a + b) / 2; break;
          case 4: {
            const int p = a + b - c, pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
            predicted = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
            break;
          }
          default: break;
        }
        trial[i] = static_cast<uint8_t>(cur[i] - predicted);
        cost += static_cast<uint64_t>(std::abs(static_cast<int8_t>(trial[i])));  // the usual heuristic
      }
      if (cost < best_cost) {
        best_cost = cost;
        best_filter = filter;
        best.swap(trial);
      }
    }
    const auto filter_byte = static_cast<uint8_t>(best_filter);
    out.add(&filter_byte, 1);
    out.add(best.data(), best.size());
  }
  return out.finish();
}

std::string encode_jpeg(const std::vector<uint8_t>& pixels, int width, int height, int components, int quality) {
  jpeg_compress_struct cinfo{};
  JpegErrorManager err{};
  cinfo.err = jpeg_std_error(&err.base);
  err.base.error_exit = jpeg_fail;
  unsigned char* buffer = nullptr;
  unsigned long size = 0;
  if (setjmp(err.jump)) {
    jpeg_destroy_compress(&cinfo);
    std::free(buffer);
    return {};
  }
  jpeg_create_compress(&cinfo);
  jpeg_mem_dest(&cinfo, &buffer, &size);
  cinfo.image_width = static_cast<JDIMENSION>(width);
  cinfo.image_height = static_cast<JDIMENSION>(height);
  cinfo.input_components = components;
  cinfo.in_color_space = components == 1 ? JCS_GRAYSCALE : JCS_RGB;
  jpeg_set_defaults(&cinfo);
  jpeg_set_quality(&cinfo, quality, TRUE);
  cinfo.optimize_coding = TRUE;
  jpeg_start_compress(&cinfo, TRUE);
  while (cinfo.next_scanline < cinfo.image_height) {
    JSAMPROW row = const_cast<uint8_t*>(pixels.data()) + static_cast<size_t>(cinfo.next_scanline) * width * components;
    jpeg_write_scanlines(&cinfo, &row, 1);
  }
  jpeg_finish_compress(&cinfo);
  std::string out(reinterpret_cast<const char*>(buffer), size);
  jpeg_destroy_compress(&cinfo);
  std::free(buffer);
  return out;
}

std::string encode_rgb_png(uint32_t width, uint32_t height, const std::string& scanlines) {
  auto be32 = [](uint32_t v) {
    return std::string{static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
                       static_cast<char>(v)};
  };
  auto chunk = [&](const std::string& type, const std::string& data) {
    const std::string body = type + data;
    const auto crc = crc32(0, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size()));
    return be32(static_cast<uint32_t>(data.size())) + body + be32(static_cast<uint32_t>(crc));
  };
  std::string idat(compressBound(static_cast<uLong>(scanlines.size())), '\0');
  uLongf len = static_cast<uLongf>(idat.size());
  compress2(reinterpret_cast<Bytef*>(idat.data()), &len, reinterpret_cast<const Bytef*>(scanlines.data()),
            scanlines.size(), 9);
  idat.resize(len);
  return std::string("\x89PNG\r\n\x1a\n", 8) +
         chunk("IHDR", be32(width) + be32(height) + std::string("\x08\x02\0\0\0", 5)) + chunk("IDAT", idat) +
         chunk("IEND", "");
}

}  // namespace oitgen::data
