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
#include "pdf/structure.h"

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
  // The catalog's /ViewerPreferences /DisplayDocTitle true: a viewer's title bar shows the
  // Info title, not the file name (PDF/UA-1, 7.1).
  void set_display_doc_title();
  // The catalog's /Lang, the document's natural language ("th-TH").
  void set_lang(const std::string& lang);
  void set_file_id(const std::array<uint8_t, 16>& id);
  // Info's CreationDate and ModDate, both `pdf_date` ("D:20220114000000+07'00'").
  void set_dates(const std::string& pdf_date);
  // Info's Producer as libharu set it.
  std::string producer() const;
  // PDF/A: the catalog's /Metadata, an uncompressed XMP stream.
  void add_metadata(const std::string& xmp);
  // PDF/A: the catalog's /OutputIntents with one GTS_PDFA1 intent and its ICC profile.
  void add_output_intent(const std::string& icc_profile, int components, const std::string& identifier);

  // Returns a font handle. `cid_set`: the descriptor lists the CIDs the subset holds (PDF/A-1).
  int add_font(const EmbeddedFont& font, bool cid_set = false);
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

  // Bookmarks: level 0 is top. `page` is a page index of pages added so far. `direct_dest`:
  // the destination array is written inside the bookmark (validators such as PDFBox's
  // Preflight read no indirect one), not as an object of its own.
  void add_outline(const std::string& title, int level, size_t page, double y, bool direct_dest = false);

  // The logical structure over the pages added so far (their content already tagged with the
  // tree's MCIDs): the catalog's /StructTreeRoot and /MarkInfo, the elements, the /ParentTree,
  // each page's /StructParents and /Tabs /S.
  void add_structure(const StructureTree& tree);

  // Serialises the document. Returns empty and sets error() on failure.
  std::string save();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::string error_;
};

}  // namespace oitgen::pdf
