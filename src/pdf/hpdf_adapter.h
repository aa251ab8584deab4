#pragma once
// The one place that talks to libharu, including the internals the Thai recipe needs (raw
// content-stream writes, hand-built Type0 fonts, trailer /ID, PDF version). libharu's structs
// change between versions: nothing else includes its headers.
#include <array>
#include <memory>
#include <string>
#include <vector>

#include "data/image.h"
#include "pdf/font_embed.h"

namespace oitgen::pdf {

class HpdfDocument {
 public:
  HpdfDocument();
  ~HpdfDocument();
  HpdfDocument(const HpdfDocument&) = delete;
  HpdfDocument& operator=(const HpdfDocument&) = delete;

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }

  // Document information as UTF-16 strings; no dates, so output is reproducible.
  void set_info(const std::string& title, const std::string& author, const std::string& subject,
                const std::string& creator);
  void set_file_id(const std::array<uint8_t, 16>& id);

  int add_font(const EmbeddedFont& font);  // returns a font handle
  int add_image(const data::Image& image);  // returns an image handle

  void begin_page(double width, double height);
  // Resource name of a font on the current page ("F1").
  std::string font_resource(int font);
  // Appends raw operators to the current page's content stream.
  void write_content(const std::string& operators);
  void begin_text();
  void end_text();
  void draw_image(int image, const std::array<double, 6>& matrix);

  // /PageLabels: what a viewer's page box shows for each page added so far ("" for none).
  void set_page_labels(const std::vector<std::string>& labels);

  // Bookmarks: level 0 is top. `page` is a page index of pages added so far.
  void add_outline(const std::string& title, int level, size_t page, double y);

  // Serialises the document. Returns empty and sets error() on failure.
  std::string save();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::string error_;
};

}  // namespace oitgen::pdf
