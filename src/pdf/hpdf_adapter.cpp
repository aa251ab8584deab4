#include "pdf/hpdf_adapter.h"

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

#include <cstdio>

#include "util/utf.h"

namespace oitgen::pdf {
namespace {

void on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void* user_data) {
  auto* error = static_cast<std::string*>(user_data);
  if (!error->empty()) return;  // keep the first: later ones follow from it
  char buf[96];
  std::snprintf(buf, sizeof buf, "libharu error 0x%04X (detail %u)", static_cast<unsigned>(error_no),
                static_cast<unsigned>(detail_no));
  *error = buf;
}

HPDF_Binary utf16_string(HPDF_MMgr mmgr, const std::string& utf8) {
  const std::string u16 = to_utf16be_with_bom(utf8);
  return HPDF_Binary_New(mmgr, reinterpret_cast<HPDF_BYTE*>(const_cast<char*>(u16.data())),
                         static_cast<HPDF_UINT>(u16.size()));
}

HPDF_STATUS write_flate_filter(HPDF_Dict, HPDF_Stream stream) { return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012"); }

}  // namespace

struct HpdfDocument::Impl {
  HPDF_Doc doc = nullptr;
  std::vector<HPDF_Dict> fonts;
  std::vector<HPDF_Image> images;
  std::vector<HPDF_Page> pages;
  std::vector<HPDF_Outline> outline_stack;
  HPDF_Page page = nullptr;
};

HpdfDocument::HpdfDocument() : impl_(std::make_unique<Impl>()) {
  impl_->doc = HPDF_New(on_error, &error_);
  if (!impl_->doc) {
    error_ = "libharu could not create a document";
    return;
  }
  HPDF_SetCompressionMode(impl_->doc, HPDF_COMP_ALL);
  // ActualText spans need PDF 1.5.
  impl_->doc->pdf_version = HPDF_VER_15;
}

HpdfDocument::~HpdfDocument() {
  if (impl_->doc) HPDF_Free(impl_->doc);
}

void HpdfDocument::set_info(const std::string& title, const std::string& author,
                            const std::string& subject, const std::string& creator) {
  HPDF_Doc d = impl_->doc;
  // Creates the Info dictionary; the values are then replaced by UTF-16 strings.
  HPDF_SetInfoAttr(d, HPDF_INFO_CREATOR, "oitgen");
  HPDF_Dict info = d->info;
  if (!info) return;
  auto put = [&](const char* key, const std::string& value) {
    if (!value.empty()) HPDF_Dict_Add(info, key, utf16_string(d->mmgr, value));
  };
  put("Title", title);
  put("Author", author);
  put("Subject", subject);
  put("Creator", creator);
}

void HpdfDocument::set_file_id(const std::array<uint8_t, 16>& id) {
  HPDF_Doc d = impl_->doc;
  HPDF_Array ids = HPDF_Array_New(d->mmgr);
  for (int i = 0; i < 2; ++i)
    HPDF_Array_Add(ids, HPDF_Binary_New(d->mmgr, const_cast<HPDF_BYTE*>(id.data()), 16));
  HPDF_Dict_Add(d->trailer, "ID", ids);
}

void HpdfDocument::set_dates(const std::string& pdf_date) {
  HPDF_Doc d = impl_->doc;
  HPDF_Dict info = d->info;
  if (!info) return;
  HPDF_Dict_Add(info, "CreationDate", HPDF_String_New(d->mmgr, pdf_date.c_str(), nullptr));
  HPDF_Dict_Add(info, "ModDate", HPDF_String_New(d->mmgr, pdf_date.c_str(), nullptr));
}

std::string HpdfDocument::producer() const {
  const char* p = HPDF_GetInfoAttr(impl_->doc, HPDF_INFO_PRODUCER);
  return p ? p : "";
}

void HpdfDocument::add_metadata(const std::string& xmp) {
  HPDF_Doc d = impl_->doc;
  HPDF_Dict meta = HPDF_DictStream_New(d->mmgr, d->xref);
  if (!meta) return;
  meta->filter = HPDF_STREAM_FILTER_NONE;  // PDF/A-1: the packet stays readable as it is
  HPDF_Dict_AddName(meta, "Type", "Metadata");
  HPDF_Dict_AddName(meta, "Subtype", "XML");
  HPDF_Stream_Write(meta->stream, reinterpret_cast<const HPDF_BYTE*>(xmp.data()), static_cast<HPDF_UINT>(xmp.size()));
  HPDF_Dict_Add(d->catalog, "Metadata", meta);
}

void HpdfDocument::add_output_intent(const std::string& icc, int components, const std::string& identifier) {
  HPDF_Doc d = impl_->doc;
  HPDF_Dict profile = HPDF_DictStream_New(d->mmgr, d->xref);
  if (!profile) return;
  profile->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
  HPDF_Dict_AddNumber(profile, "N", components);
  HPDF_Stream_Write(profile->stream, reinterpret_cast<const HPDF_BYTE*>(icc.data()), static_cast<HPDF_UINT>(icc.size()));
  HPDF_Dict intent = HPDF_Dict_New(d->mmgr);
  HPDF_Xref_Add(d->xref, intent);
  HPDF_Dict_AddName(intent, "Type", "OutputIntent");
  HPDF_Dict_AddName(intent, "S", "GTS_PDFA1");
  HPDF_Dict_Add(intent, "OutputConditionIdentifier", HPDF_String_New(d->mmgr, identifier.c_str(), nullptr));
  HPDF_Dict_Add(intent, "Info", HPDF_String_New(d->mmgr, identifier.c_str(), nullptr));
  HPDF_Dict_Add(intent, "DestOutputProfile", profile);
  HPDF_Array intents = HPDF_Array_New(d->mmgr);
  HPDF_Array_Add(intents, intent);
  HPDF_Dict_Add(d->catalog, "OutputIntents", intents);
}

int HpdfDocument::add_font(const EmbeddedFont& ef, bool cid_set) {
  HPDF_Doc d = impl_->doc;
  HPDF_MMgr mm = d->mmgr;
  const auto& m = ef.font->descriptor();

  HPDF_Dict file = HPDF_DictStream_New(mm, d->xref);
  file->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
  HPDF_Dict_AddNumber(file, "Length1", static_cast<HPDF_INT32>(ef.font_file.size()));
  HPDF_Stream_Write(file->stream, reinterpret_cast<const HPDF_BYTE*>(ef.font_file.data()),
                    static_cast<HPDF_UINT>(ef.font_file.size()));

  HPDF_Dict desc = HPDF_Dict_New(mm);
  HPDF_Xref_Add(d->xref, desc);
  HPDF_Dict_AddName(desc, "Type", "FontDescriptor");
  HPDF_Dict_AddName(desc, "FontName", ef.base_font.c_str());
  HPDF_INT32 flags = 4;  // symbolic: glyphs are addressed by id, not a standard encoding
  if (m.fixed_pitch) flags |= 1;
  if (m.italic) flags |= 64;
  HPDF_Dict_AddNumber(desc, "Flags", flags);
  HPDF_Array bbox = HPDF_Array_New(mm);
  for (int v : m.bbox) HPDF_Array_AddNumber(bbox, v);
  HPDF_Dict_Add(desc, "FontBBox", bbox);
  HPDF_Dict_AddReal(desc, "ItalicAngle", static_cast<HPDF_REAL>(m.italic_angle));
  HPDF_Dict_AddNumber(desc, "Ascent", m.ascent);
  HPDF_Dict_AddNumber(desc, "Descent", m.descent);
  HPDF_Dict_AddNumber(desc, "CapHeight", m.cap_height);
  HPDF_Dict_AddNumber(desc, "StemV", m.stem_v);
  HPDF_Dict_Add(desc, "FontFile2", file);
  if (cid_set) {
    // One bit per CID from 0, the high bit first: which glyphs the subset holds.
    uint32_t last = 0;
    for (const auto& entry : ef.widths) last = std::max(last, entry.first);
    std::string bits(last / 8 + 1, '\0');
    bits[0] = static_cast<char>(0x80);  // .notdef is always kept
    for (const auto& entry : ef.widths) bits[entry.first / 8] = static_cast<char>(bits[entry.first / 8] | (0x80 >> (entry.first % 8)));
    HPDF_Dict set = HPDF_DictStream_New(mm, d->xref);
    set->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    HPDF_Stream_Write(set->stream, reinterpret_cast<const HPDF_BYTE*>(bits.data()), static_cast<HPDF_UINT>(bits.size()));
    HPDF_Dict_Add(desc, "CIDSet", set);
  }

  HPDF_Dict cid = HPDF_Dict_New(mm);
  HPDF_Xref_Add(d->xref, cid);
  HPDF_Dict_AddName(cid, "Type", "Font");
  HPDF_Dict_AddName(cid, "Subtype", "CIDFontType2");
  HPDF_Dict_AddName(cid, "BaseFont", ef.base_font.c_str());
  HPDF_Dict sysinfo = HPDF_Dict_New(mm);
  HPDF_Dict_Add(sysinfo, "Registry", HPDF_String_New(mm, "Adobe", nullptr));
  HPDF_Dict_Add(sysinfo, "Ordering", HPDF_String_New(mm, "Identity", nullptr));
  HPDF_Dict_AddNumber(sysinfo, "Supplement", 0);
  HPDF_Dict_Add(cid, "CIDSystemInfo", sysinfo);
  HPDF_Dict_Add(cid, "FontDescriptor", desc);
  HPDF_Dict_AddName(cid, "CIDToGIDMap", "Identity");
  HPDF_Array w = HPDF_Array_New(mm);
  for (const auto& [gid, width] : ef.widths) {
    HPDF_Array_AddNumber(w, static_cast<HPDF_INT32>(gid));
    HPDF_Array one = HPDF_Array_New(mm);
    HPDF_Array_AddNumber(one, width);
    HPDF_Array_Add(w, one);
  }
  HPDF_Dict_Add(cid, "W", w);

  HPDF_Dict tounicode = HPDF_DictStream_New(mm, d->xref);
  tounicode->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
  HPDF_Stream_WriteStr(tounicode->stream, ef.to_unicode_cmap.c_str());

  HPDF_Dict type0 = HPDF_Dict_New(mm);
  HPDF_Xref_Add(d->xref, type0);
  HPDF_Dict_AddName(type0, "Type", "Font");
  HPDF_Dict_AddName(type0, "Subtype", "Type0");
  HPDF_Dict_AddName(type0, "BaseFont", ef.base_font.c_str());
  HPDF_Dict_AddName(type0, "Encoding", "Identity-H");
  HPDF_Array descendants = HPDF_Array_New(mm);
  HPDF_Array_Add(descendants, cid);
  HPDF_Dict_Add(type0, "DescendantFonts", descendants);
  HPDF_Dict_Add(type0, "ToUnicode", tounicode);
  impl_->fonts.push_back(type0);
  return static_cast<int>(impl_->fonts.size() - 1);
}

int HpdfDocument::add_image(const data::Image& img) {
  HPDF_Doc d = impl_->doc;
  HPDF_Image image = nullptr;
  // The pixels were deflated once when the image was read: an image XObject built here takes
  // those bytes as they are (libharu would compress raw pixels again for every document).
  auto xobject = [&](const std::string& flate, bool gray) -> HPDF_Dict {
    const int colors = gray ? 1 : 3;
    HPDF_Dict x = HPDF_DictStream_New(d->mmgr, d->xref);
    if (!x) return nullptr;
    x->header.obj_class |= HPDF_OSUBCLASS_XOBJECT;
    x->filter = HPDF_STREAM_FILTER_NONE;
    HPDF_Dict_AddName(x, "Type", "XObject");
    HPDF_Dict_AddName(x, "Subtype", "Image");
    HPDF_Dict_AddNumber(x, "Width", static_cast<HPDF_INT32>(img.width));
    HPDF_Dict_AddNumber(x, "Height", static_cast<HPDF_INT32>(img.height));
    HPDF_Dict_AddName(x, "ColorSpace", gray ? "DeviceGray" : "DeviceRGB");
    HPDF_Dict_AddNumber(x, "BitsPerComponent", 8);
    if (img.png_predicted) {
      HPDF_Dict parms = HPDF_Dict_New(d->mmgr);
      HPDF_Dict_AddNumber(parms, "Predictor", 15);
      HPDF_Dict_AddNumber(parms, "Colors", colors);
      HPDF_Dict_AddNumber(parms, "BitsPerComponent", 8);
      HPDF_Dict_AddNumber(parms, "Columns", static_cast<HPDF_INT32>(img.width));
      HPDF_Dict_Add(x, "DecodeParms", parms);
    }
    // libharu drops a /Filter it did not apply itself; the dictionary's write hook names the
    // filter the bytes already have.
    x->write_fn = write_flate_filter;
    HPDF_Stream_Write(x->stream, reinterpret_cast<const HPDF_BYTE*>(flate.data()), static_cast<HPDF_UINT>(flate.size()));
    return x;
  };
  if (img.kind == data::Image::Kind::Jpeg)
    image = HPDF_LoadJpegImageFromMem(d, reinterpret_cast<const HPDF_BYTE*>(img.jpeg.data()),
                                      static_cast<HPDF_UINT>(img.jpeg.size()));
  else
    image = xobject(img.flate_pixels, img.components == 1);
  if (image && !img.flate_alpha.empty())
    if (HPDF_Dict mask = xobject(img.flate_alpha, true)) HPDF_Dict_Add(image, "SMask", mask);
  if (!image && error_.empty()) error_ = "libharu could not embed image " + img.path;
  impl_->images.push_back(image);
  return static_cast<int>(impl_->images.size() - 1);
}

void HpdfDocument::begin_page(double width, double height) {
  impl_->page = HPDF_AddPage(impl_->doc);
  HPDF_Page_SetWidth(impl_->page, static_cast<HPDF_REAL>(width));
  HPDF_Page_SetHeight(impl_->page, static_cast<HPDF_REAL>(height));
  impl_->pages.push_back(impl_->page);
}

std::string HpdfDocument::font_resource(int font) {
  const char* name = HPDF_Page_GetLocalFontName(impl_->page, impl_->fonts.at(font));
  return name ? name : "F0";
}

void HpdfDocument::write_content(const std::string& operators) {
  auto attr = static_cast<HPDF_PageAttr>(impl_->page->attr);
  HPDF_Stream_Write(attr->stream, reinterpret_cast<const HPDF_BYTE*>(operators.data()),
                    static_cast<HPDF_UINT>(operators.size()));
}

void HpdfDocument::begin_text() { HPDF_Page_BeginText(impl_->page); }
void HpdfDocument::end_text() { HPDF_Page_EndText(impl_->page); }

void HpdfDocument::draw_image(int image, const std::array<double, 6>& m) {
  HPDF_Image img = impl_->images.at(image);
  if (!img) return;
  HPDF_Page p = impl_->page;
  HPDF_Page_GSave(p);
  HPDF_Page_Concat(p, static_cast<HPDF_REAL>(m[0]), static_cast<HPDF_REAL>(m[1]), static_cast<HPDF_REAL>(m[2]),
                   static_cast<HPDF_REAL>(m[3]), static_cast<HPDF_REAL>(m[4]), static_cast<HPDF_REAL>(m[5]));
  HPDF_Page_ExecuteXObject(p, img);
  HPDF_Page_GRestore(p);
}

void HpdfDocument::set_page_labels(const std::vector<std::string>& labels) {
  HPDF_Doc d = impl_->doc;
  if (labels.empty() || !d->catalog) return;
  // One range per page with its label as a prefix: Thai digits and letters are no PDF
  // numbering style, so each label is spelled out.
  HPDF_Array nums = HPDF_Array_New(d->mmgr);
  for (size_t i = 0; i < labels.size(); ++i) {
    HPDF_Dict range = HPDF_Dict_New(d->mmgr);
    if (!labels[i].empty()) HPDF_Dict_Add(range, "P", utf16_string(d->mmgr, labels[i]));
    HPDF_Array_Add(nums, HPDF_Number_New(d->mmgr, static_cast<HPDF_INT32>(i)));
    HPDF_Array_Add(nums, range);
  }
  HPDF_Dict tree = HPDF_Dict_New(d->mmgr);
  HPDF_Dict_Add(tree, "Nums", nums);
  HPDF_Dict_Add(d->catalog, "PageLabels", tree);
}

void HpdfDocument::add_outline(const std::string& title, int level, size_t page, double y, bool direct_dest) {
  HPDF_Doc d = impl_->doc;
  auto& stack = impl_->outline_stack;
  if (level < 0) level = 0;
  if (static_cast<size_t>(level) > stack.size()) level = static_cast<int>(stack.size());
  stack.resize(static_cast<size_t>(level));
  HPDF_Outline parent = stack.empty() ? nullptr : stack.back();
  HPDF_Outline o = HPDF_CreateOutline(d, parent, "-", nullptr);
  if (!o) return;
  HPDF_Dict_Add(o, "Title", utf16_string(d->mmgr, title));
  HPDF_Outline_SetOpened(o, HPDF_TRUE);
  if (direct_dest) {
    HPDF_Array dest = HPDF_Array_New(d->mmgr);
    HPDF_Array_Add(dest, impl_->pages.at(page));
    HPDF_Array_AddName(dest, "FitH");
    HPDF_Array_AddReal(dest, static_cast<HPDF_REAL>(y));
    HPDF_Dict_Add(o, "Dest", dest);
  } else {
    HPDF_Destination dest = HPDF_Page_CreateDestination(impl_->pages.at(page));
    HPDF_Destination_SetFitH(dest, static_cast<HPDF_REAL>(y));
    HPDF_Outline_SetDestination(o, dest);
  }
  stack.push_back(o);
}

std::string HpdfDocument::save() {
  if (!error_.empty()) return {};
  if (HPDF_SaveToStream(impl_->doc) != HPDF_OK) {
    if (error_.empty()) error_ = "libharu could not write the document";
    return {};
  }
  std::string out(HPDF_GetStreamSize(impl_->doc), '\0');
  HPDF_UINT32 size = static_cast<HPDF_UINT32>(out.size());
  HPDF_ReadFromStream(impl_->doc, reinterpret_cast<HPDF_BYTE*>(out.data()), &size);
  out.resize(size);
  return out;
}

}  // namespace oitgen::pdf
