// The bounds oitgen sets on what it takes (README "Limits"): images are refused from their
// header before anything is decoded, and text too long for a PDF string is cut with a warning
// at the data value it came from, never a crash or a silently broken file.
#include <gtest/gtest.h>

#include <fstream>

#include "data/image.h"
#include "test_support.h"
#include "util/files.h"

namespace oitgen {
namespace {

namespace fs = std::filesystem;

// A small baseline JPEG whose frame header (SOF0) claims `w` × `h`.
std::string jpeg_claiming(uint16_t w, uint16_t h) {
  std::string jpeg = data::encode_jpeg(std::vector<uint8_t>(16 * 16 * 3, 128), 16, 16, 3, 80);
  const auto sof = jpeg.find("\xFF\xC0");
  EXPECT_NE(sof, std::string::npos);
  jpeg[sof + 5] = static_cast<char>(h >> 8);
  jpeg[sof + 6] = static_cast<char>(h & 0xFF);
  jpeg[sof + 7] = static_cast<char>(w >> 8);
  jpeg[sof + 8] = static_cast<char>(w & 0xFF);
  return jpeg;
}

std::string first_message(const std::string& bytes) {
  Diagnostics d;
  const auto image = data::decode_image(bytes, "images/photo", {"monitoring.toml", 7, 9}, d);
  EXPECT_EQ(image, nullptr);
  return d.items().empty() ? "" : d.items()[0].format();
}

TEST(ImageLimits, PixelsAndSidesAreCheckedFromTheHeaderOfJpegAndPng) {
  EXPECT_EQ(first_message(jpeg_claiming(10000, 10000)),
            "monitoring.toml:7:9: error: image 'images/photo' is 10000x10000 pixels (100.0 megapixels); reduce it to at "
            "most 50 megapixels");
  EXPECT_EQ(first_message(testing::rgb_png(7072, 7072, 1)),
            "monitoring.toml:7:9: error: image 'images/photo' is 7072x7072 pixels (50.0 megapixels); reduce it to at most "
            "50 megapixels");
  EXPECT_EQ(first_message(jpeg_claiming(30000, 10)),
            "monitoring.toml:7:9: error: image 'images/photo' is 30000x10 pixels; reduce it to at most 20000 pixels a side");
  EXPECT_EQ(first_message(testing::rgb_png(10, 20001, 1)),
            "monitoring.toml:7:9: error: image 'images/photo' is 10x20001 pixels; reduce it to at most 20000 pixels a side");
  // Just within the limits the header passes, and the (truncated) data is what is refused.
  EXPECT_NE(first_message(jpeg_claiming(7000, 7000)).find("corrupt or truncated JPEG"), std::string::npos);
  EXPECT_NE(first_message(testing::rgb_png(7071, 7071, 1)).find("corrupt or truncated PNG"), std::string::npos);
  EXPECT_NE(first_message(testing::rgb_png(20000, 2500, 1)).find("corrupt or truncated PNG"), std::string::npos);
}

TEST(ImageLimits, FileSizeIsCheckedBeforeReading) {
  const auto dir = testing::temp_dir("image-file-size");
  const auto file = dir / "big.jpg";
  std::ofstream(file, std::ios::binary) << jpeg_claiming(16, 16);
  fs::resize_file(file, data::kMaxImageFileBytes + 1);  // sparse: nothing is written
  Diagnostics d;
  EXPECT_EQ(data::load_image(file, {"office.toml", 3, 1}, d, "images/big.jpg"), nullptr);
  ASSERT_EQ(d.items().size(), 1u);
  EXPECT_EQ(d.items()[0].format(),
            "office.toml:3:1: error: image 'images/big.jpg' is a file of 100.0 MB; reduce it to at most 100 MB");
  fs::remove_all(dir);
}

// A decoded PNG is compressed a row at a time; the result is what one compress2 call makes of
// the whole plane, so the output of a PNG stays the same bytes.
TEST(ImageLimits, StreamedPngPlanesAreTheBytesOfOneDeflate) {
  std::string raw;
  std::vector<uint8_t> plane;
  for (int y = 0; y < 300; ++y) {
    raw += '\0';
    for (int x = 0; x < 400 * 3; ++x) {
      const auto v = static_cast<uint8_t>((x * 7 + y * 13) ^ (x / 5));
      raw += static_cast<char>(v);
      plane.push_back(v);
    }
  }
  Diagnostics d;
  const auto image = data::decode_image(data::encode_rgb_png(400, 300, raw), "p.png", {}, d);
  ASSERT_TRUE(image) << d.format_all();
  EXPECT_EQ(image->flate_pixels, data::deflated(plane));
}

fs::path with_long_value(const std::string& name, const std::string& file, const std::string& key_prefix,
                         const std::string& word, int times) {
  const auto dir = testing::sample_copy(name);
  std::string long_text;
  for (int i = 0; i < times; ++i) long_text += word + " ";
  testing::replace_in(dir / "data" / file, key_prefix, key_prefix + long_text);
  return dir;
}

std::string pdf_title(const fs::path& pdf) {
  const auto info = testing::run("pdfinfo " + testing::quote(pdf)).output;
  const auto at = info.find("Title:");
  return at == std::string::npos ? "" : info.substr(at, info.find('\n', at) - at);
}

// 40,000 characters of office name: it used to crash the writer (libharu refused the Info
// title without a word, then every page). Now the PDFs are written, the title cut with "…",
// and the warning points at the office name.
TEST(PdfStringLimits, LongOfficeNameIsCutInTheTitleWithAWarningAtTheName) {
  const auto dir = with_long_value("long-office", "office.toml", "name = \"", "สำนักงาน", 4500);
  const auto r = testing::run("cd " + testing::quote(dir) + " && " + OITGEN_BINARY + " build data -o out");
  ASSERT_EQ(r.exit_code, 0) << r.output.substr(0, 2000);
  EXPECT_NE(r.output.find("data/office.toml:5:8: warning: the document title made from this is longer than one PDF "
                          "string holds (16382 characters); the PDF has it cut short, ending in \"…\""),
            std::string::npos)
      << r.output.substr(0, 2000);
  EXPECT_NE(r.output.find("data/office.toml:5:8: warning: the document author made from this"), std::string::npos);
  for (const char* kind : {"announcement", "order", "monitoring-6m", "measures-report"}) {
    const auto pdf = dir / "out" / (std::string(kind) + ".pdf");
    testing::expect_sound_pdf(pdf);
    const std::string title = pdf_title(pdf);
    EXPECT_EQ(title.substr(title.size() - 3), "…") << kind;
  }
  fs::remove_all(dir);
}

// The project's name is a bookmark of the monitoring and measures reports; it used to end the
// build with "libharu error 0x1025" (exit 2).
TEST(PdfStringLimits, LongProjectNameIsCutInTheBookmarkWithAWarningAtTheName) {
  const auto dir = with_long_value("long-project", "monitoring.toml", "name = \"โครงการ", "โครงการ", 5000);
  const auto r = testing::run("cd " + testing::quote(dir) + " && " + OITGEN_BINARY + " build data -o out");
  ASSERT_EQ(r.exit_code, 0) << r.output.substr(0, 2000);
  EXPECT_NE(r.output.find("data/monitoring.toml:40:8: warning: the bookmark title made from this is longer than one PDF "
                          "string holds"),
            std::string::npos)
      << r.output.substr(0, 2000);
  testing::expect_sound_pdf(dir / "out/monitoring-6m.pdf");
  testing::expect_sound_pdf(dir / "out/measures-report.pdf");
  fs::remove_all(dir);
}

}  // namespace
}  // namespace oitgen
