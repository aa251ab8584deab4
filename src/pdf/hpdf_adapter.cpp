#include "pdf/hpdf_adapter.h"

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

#include <algorithm>
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

HPDF_STATUS write_flate_filter(HPDF_Dict, HPDF_Stream stream) { return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012"); }

}  // namespace

// Every libharu call that can fail is checked before its result is used. libharu reports some
// failures through the error callback and others only by a return value or by setting the
// document's error code without calling back (a string over its 65,535-byte limit does that);
// once the code is set every later document-level call fails too (HPDF_AddPage returns no page).
// So the first failure becomes `error_`, and every method does nothing after it: save() then
// returns no bytes, and the caller reports the error instead of a crash or a corrupt file.
struct HpdfDocument::Impl {
  HPDF_Doc doc = nullptr;
  std::string* error = nullptr;  // the document's error_, which libharu's callback also fills
  std::vector<HPDF_Dict> fonts;
  std::vector<HPDF_Image> images;
  std::vector<HPDF_Page> pages;
  std::vector<HPDF_Outline> outline_stack;
  HPDF_Page page = nullptr;

  bool ok() const { return error->empty(); }

  // Records the first failure; always false.
  bool fail(const std::string& what) {
    if (error->empty()) {
      char code[64] = "";
      if (doc && HPDF_GetError(doc) != HPDF_OK)
        std::snprintf(code, sizeof code, " (libharu error 0x%04X, detail %u)", static_cast<unsigned>(HPDF_GetError(doc)),
                      static_cast<unsigned>(HPDF_GetErrorDetail(doc)));
      *error = "libharu could not " + what + code;
    }
    return false;
  }

  bool check(HPDF_STATUS status, const std::string& what) {
    // A call may succeed while an earlier object-level one left the error code set unreported.
    if (status != HPDF_OK || HPDF_GetError(doc) != HPDF_OK || !ok()) return fail(what);
    return true;
  }
  bool check(const void* object, const std::string& what) {
    return check(object ? HPDF_STATUS(HPDF_OK) : HPDF_STATUS(HPDF_FAILD_TO_ALLOC_MEM), what);
  }

  // A PDF text string (UTF-16BE with a byte-order mark), or null after a failure.
  HPDF_Binary text_string(const std::string& utf8, const char* what) {
    const std::string u16 = to_utf16be_with_bom(utf8);
    // libharu would refuse it without a word (see above); say which text it was.
    if (u16.size() > HPDF_LIMIT_MAX_STRING_LEN) {
      fail(std::string("write the ") + what + ": it takes " + std::to_string(u16.size()) +
           " bytes as a PDF string, more than the " + std::to_string(HPDF_LIMIT_MAX_STRING_LEN) + " one may hold");
      return nullptr;
    }
    HPDF_Binary b = HPDF_Binary_New(doc->mmgr, reinterpret_cast<HPDF_BYTE*>(const_cast<char*>(u16.data())),
                                    static_cast<HPDF_UINT>(u16.size()));
    return check(b, std::string("make the ") + what + " string") ? b : nullptr;
  }
};

HpdfDocument::HpdfDocument() : impl_(std::make_unique<Impl>()) {
  impl_->error = &error_;
  impl_->doc = HPDF_New(on_error, &error_);
  if (!impl_->doc) {
    error_ = "libharu could not create a document";
    return;
  }
  if (!impl_->check(HPDF_SetCompressionMode(impl_->doc, HPDF_COMP_ALL), "set compression")) return;
  // ActualText spans need PDF 1.5.
  impl_->doc->pdf_version = HPDF_VER_15;
}

HpdfDocument::~HpdfDocument() {
  if (impl_->doc) HPDF_Free(impl_->doc);
}

void HpdfDocument::set_info(const std::string& title, const std::string& author,
                            const std::string& subject, const std::string& creator) {
  if (!ok()) return;
  HPDF_Doc d = impl_->doc;
  // Creates the Info dictionary; the values are then replaced by UTF-16 strings.
  if (!impl_->check(HPDF_SetInfoAttr(d, HPDF_INFO_CREATOR, "oitgen"), "create the Info dictionary")) return;
  HPDF_Dict info = d->info;
  if (!impl_->check(info, "create the Info dictionary")) return;
  auto put = [&](const char* key, const std::string& value, const char* what) {
    if (value.empty() || !ok()) return;
    if (HPDF_Binary s = impl_->text_string(value, what)) impl_->check(HPDF_Dict_Add(info, key, s), std::string("set the ") + what);
  };
  put("Title", title, "document title");
  put("Author", author, "document author");
  put("Subject", subject, "document subject");
  put("Creator", creator, "document creator");
}

void HpdfDocument::set_display_doc_title() {
  if (!ok()) return;
  HPDF_Doc d = impl_->doc;
  const std::string what = "write the viewer preferences";
  if (!impl_->check(d->catalog, "find the document catalog")) return;
  // By hand: libharu 2.3.0's HPDF_SetViewerPreference knows no DisplayDocTitle.
  HPDF_Dict prefs = static_cast<HPDF_Dict>(HPDF_Dict_GetItem(d->catalog, "ViewerPreferences", HPDF_OCLASS_DICT));
  if (!prefs) {
    prefs = HPDF_Dict_New(d->mmgr);
    if (!impl_->check(prefs, what) || !impl_->check(HPDF_Dict_Add(d->catalog, "ViewerPreferences", prefs), what)) return;
  }
  impl_->check(HPDF_Dict_Add(prefs, "DisplayDocTitle", HPDF_Boolean_New(d->mmgr, HPDF_TRUE)), what);
}

void HpdfDocument::set_lang(const std::string& lang) {
  if (!ok()) return;
  HPDF_Doc d = impl_->doc;
  const std::string what = "write the document language";
  if (!impl_->check(d->catalog, "find the document catalog")) return;
  HPDF_String s = HPDF_String_New(d->mmgr, lang.c_str(), nullptr);
  impl_->check(s, what) && impl_->check(HPDF_Dict_Add(d->catalog, "Lang", s), what);
}

void HpdfDocument::set_file_id(const std::array<uint8_t, 16>& id) {
  if (!ok()) return;
  HPDF_Doc d = impl_->doc;
  HPDF_Array ids = HPDF_Array_New(d->mmgr);
  if (!impl_->check(ids, "make the file /ID")) return;
  for (int i = 0; i < 2; ++i) {
    HPDF_Binary b = HPDF_Binary_New(d->mmgr, const_cast<HPDF_BYTE*>(id.data()), 16);
    if (!impl_->check(b, "make the file /ID") || !impl_->check(HPDF_Array_Add(ids, b), "make the file /ID")) return;
  }
  impl_->check(HPDF_Dict_Add(d->trailer, "ID", ids), "set the file /ID");
}

void HpdfDocument::set_dates(const std::string& pdf_date) {
  if (!ok()) return;
  HPDF_Doc d = impl_->doc;
  HPDF_Dict info = d->info;
  if (!impl_->check(info, "find the Info dictionary")) return;
  for (const char* key : {"CreationDate", "ModDate"}) {
    HPDF_String s = HPDF_String_New(d->mmgr, pdf_date.c_str(), nullptr);
    if (!impl_->check(s, "make the document date") || !impl_->check(HPDF_Dict_Add(info, key, s), "set the document date")) return;
  }
}

std::string HpdfDocument::producer() const {
  if (!impl_->doc) return "";
  const char* p = HPDF_GetInfoAttr(impl_->doc, HPDF_INFO_PRODUCER);
  return p ? p : "";
}

void HpdfDocument::add_metadata(const std::string& xmp) {
  if (!ok()) return;
  HPDF_Doc d = impl_->doc;
  HPDF_Dict meta = HPDF_DictStream_New(d->mmgr, d->xref);
  if (!impl_->check(meta, "make the XMP metadata stream")) return;
  meta->filter = HPDF_STREAM_FILTER_NONE;  // PDF/A-1: the packet stays readable as it is
  impl_->check(HPDF_Dict_AddName(meta, "Type", "Metadata"), "write the XMP metadata") &&
      impl_->check(HPDF_Dict_AddName(meta, "Subtype", "XML"), "write the XMP metadata") &&
      impl_->check(HPDF_Stream_Write(meta->stream, reinterpret_cast<const HPDF_BYTE*>(xmp.data()), static_cast<HPDF_UINT>(xmp.size())),
            "write the XMP metadata") &&
      impl_->check(HPDF_Dict_Add(d->catalog, "Metadata", meta), "add the XMP metadata");
}

void HpdfDocument::add_output_intent(const std::string& icc, int components, const std::string& identifier) {
  if (!ok()) return;
  HPDF_Doc d = impl_->doc;
  const std::string what = "write the output intent";
  HPDF_Dict profile = HPDF_DictStream_New(d->mmgr, d->xref);
  if (!impl_->check(profile, what)) return;
  profile->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
  if (!impl_->check(HPDF_Dict_AddNumber(profile, "N", components), what) ||
      !impl_->check(HPDF_Stream_Write(profile->stream, reinterpret_cast<const HPDF_BYTE*>(icc.data()), static_cast<HPDF_UINT>(icc.size())),
             what))
    return;
  HPDF_Dict intent = HPDF_Dict_New(d->mmgr);
  if (!impl_->check(intent, what) || !impl_->check(HPDF_Xref_Add(d->xref, intent), what)) return;
  HPDF_String condition = HPDF_String_New(d->mmgr, identifier.c_str(), nullptr);
  HPDF_String info = HPDF_String_New(d->mmgr, identifier.c_str(), nullptr);
  if (!impl_->check(condition, what) || !impl_->check(info, what)) return;
  HPDF_Array intents = HPDF_Array_New(d->mmgr);
  if (!impl_->check(intents, what)) return;
  impl_->check(HPDF_Dict_AddName(intent, "Type", "OutputIntent"), what) && impl_->check(HPDF_Dict_AddName(intent, "S", "GTS_PDFA1"), what) &&
      impl_->check(HPDF_Dict_Add(intent, "OutputConditionIdentifier", condition), what) &&
      impl_->check(HPDF_Dict_Add(intent, "Info", info), what) && impl_->check(HPDF_Dict_Add(intent, "DestOutputProfile", profile), what) &&
      impl_->check(HPDF_Array_Add(intents, intent), what) && impl_->check(HPDF_Dict_Add(d->catalog, "OutputIntents", intents), what);
}

int HpdfDocument::add_font(const EmbeddedFont& ef, bool cid_set) {
  if (!ok()) return -1;
  HPDF_Doc d = impl_->doc;
  HPDF_MMgr mm = d->mmgr;
  const auto& m = ef.font->descriptor();
  const std::string what = "embed the font " + ef.base_font;
  // Each step returns false once something failed; nothing made so far is used after that.
  auto dict = [&](HPDF_Dict x) { return impl_->check(x, what) ? x : nullptr; };
  auto ok_ = [&](HPDF_STATUS s) { return impl_->check(s, what); };

  HPDF_Dict file = dict(HPDF_DictStream_New(mm, d->xref));
  if (!file) return -1;
  file->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
  if (!ok_(HPDF_Dict_AddNumber(file, "Length1", static_cast<HPDF_INT32>(ef.font_file.size()))) ||
      !ok_(HPDF_Stream_Write(file->stream, reinterpret_cast<const HPDF_BYTE*>(ef.font_file.data()),
                             static_cast<HPDF_UINT>(ef.font_file.size()))))
    return -1;

  HPDF_Dict desc = dict(HPDF_Dict_New(mm));
  if (!desc || !ok_(HPDF_Xref_Add(d->xref, desc))) return -1;
  HPDF_INT32 flags = 4;  // symbolic: glyphs are addressed by id, not a standard encoding
  if (m.fixed_pitch) flags |= 1;
  if (m.italic) flags |= 64;
  HPDF_Array bbox = HPDF_Array_New(mm);
  if (!impl_->check(bbox, what)) return -1;
  for (int v : m.bbox)
    if (!ok_(HPDF_Array_AddNumber(bbox, v))) return -1;
  if (!ok_(HPDF_Dict_AddName(desc, "Type", "FontDescriptor")) || !ok_(HPDF_Dict_AddName(desc, "FontName", ef.base_font.c_str())) ||
      !ok_(HPDF_Dict_AddNumber(desc, "Flags", flags)) || !ok_(HPDF_Dict_Add(desc, "FontBBox", bbox)) ||
      !ok_(HPDF_Dict_AddReal(desc, "ItalicAngle", static_cast<HPDF_REAL>(m.italic_angle))) ||
      !ok_(HPDF_Dict_AddNumber(desc, "Ascent", m.ascent)) || !ok_(HPDF_Dict_AddNumber(desc, "Descent", m.descent)) ||
      !ok_(HPDF_Dict_AddNumber(desc, "CapHeight", m.cap_height)) || !ok_(HPDF_Dict_AddNumber(desc, "StemV", m.stem_v)) ||
      !ok_(HPDF_Dict_Add(desc, "FontFile2", file)))
    return -1;
  if (cid_set) {
    // One bit per CID from 0, the high bit first: which glyphs the subset holds.
    uint32_t last = 0;
    for (const auto& entry : ef.widths) last = std::max(last, entry.first);
    std::string bits(last / 8 + 1, '\0');
    bits[0] = static_cast<char>(0x80);  // .notdef is always kept
    for (const auto& entry : ef.widths) bits[entry.first / 8] = static_cast<char>(bits[entry.first / 8] | (0x80 >> (entry.first % 8)));
    HPDF_Dict set = dict(HPDF_DictStream_New(mm, d->xref));
    if (!set) return -1;
    set->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    if (!ok_(HPDF_Stream_Write(set->stream, reinterpret_cast<const HPDF_BYTE*>(bits.data()), static_cast<HPDF_UINT>(bits.size()))) ||
        !ok_(HPDF_Dict_Add(desc, "CIDSet", set)))
      return -1;
  }

  HPDF_Dict cid = dict(HPDF_Dict_New(mm));
  if (!cid || !ok_(HPDF_Xref_Add(d->xref, cid))) return -1;
  HPDF_Dict sysinfo = dict(HPDF_Dict_New(mm));
  if (!sysinfo) return -1;
  HPDF_String registry = HPDF_String_New(mm, "Adobe", nullptr), ordering = HPDF_String_New(mm, "Identity", nullptr);
  if (!impl_->check(registry, what) || !impl_->check(ordering, what)) return -1;
  HPDF_Array w = HPDF_Array_New(mm);
  if (!impl_->check(w, what)) return -1;
  for (const auto& [gid, width] : ef.widths) {
    HPDF_Array one = HPDF_Array_New(mm);
    if (!impl_->check(one, what) || !ok_(HPDF_Array_AddNumber(w, static_cast<HPDF_INT32>(gid))) ||
        !ok_(HPDF_Array_AddNumber(one, width)) || !ok_(HPDF_Array_Add(w, one)))
      return -1;
  }
  if (!ok_(HPDF_Dict_Add(sysinfo, "Registry", registry)) || !ok_(HPDF_Dict_Add(sysinfo, "Ordering", ordering)) ||
      !ok_(HPDF_Dict_AddNumber(sysinfo, "Supplement", 0)) || !ok_(HPDF_Dict_AddName(cid, "Type", "Font")) ||
      !ok_(HPDF_Dict_AddName(cid, "Subtype", "CIDFontType2")) || !ok_(HPDF_Dict_AddName(cid, "BaseFont", ef.base_font.c_str())) ||
      !ok_(HPDF_Dict_Add(cid, "CIDSystemInfo", sysinfo)) || !ok_(HPDF_Dict_Add(cid, "FontDescriptor", desc)) ||
      !ok_(HPDF_Dict_AddName(cid, "CIDToGIDMap", "Identity")) || !ok_(HPDF_Dict_Add(cid, "W", w)))
    return -1;

  HPDF_Dict tounicode = dict(HPDF_DictStream_New(mm, d->xref));
  if (!tounicode) return -1;
  tounicode->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
  if (!ok_(HPDF_Stream_WriteStr(tounicode->stream, ef.to_unicode_cmap.c_str()))) return -1;

  HPDF_Dict type0 = dict(HPDF_Dict_New(mm));
  if (!type0 || !ok_(HPDF_Xref_Add(d->xref, type0))) return -1;
  HPDF_Array descendants = HPDF_Array_New(mm);
  if (!impl_->check(descendants, what) || !ok_(HPDF_Array_Add(descendants, cid))) return -1;
  if (!ok_(HPDF_Dict_AddName(type0, "Type", "Font")) || !ok_(HPDF_Dict_AddName(type0, "Subtype", "Type0")) ||
      !ok_(HPDF_Dict_AddName(type0, "BaseFont", ef.base_font.c_str())) ||
      !ok_(HPDF_Dict_AddName(type0, "Encoding", "Identity-H")) || !ok_(HPDF_Dict_Add(type0, "DescendantFonts", descendants)) ||
      !ok_(HPDF_Dict_Add(type0, "ToUnicode", tounicode)))
    return -1;
  impl_->fonts.push_back(type0);
  return static_cast<int>(impl_->fonts.size() - 1);
}

int HpdfDocument::add_image(const data::Image& img) {
  if (!ok()) return -1;
  HPDF_Doc d = impl_->doc;
  const std::string what = "embed image " + img.path;
  // The pixels were deflated once when the image was read: an image XObject built here takes
  // those bytes as they are (libharu would compress raw pixels again for every document).
  auto xobject = [&](const std::string& flate, bool gray) -> HPDF_Dict {
    const int colors = gray ? 1 : 3;
    HPDF_Dict x = HPDF_DictStream_New(d->mmgr, d->xref);
    if (!impl_->check(x, what)) return nullptr;
    x->header.obj_class |= HPDF_OSUBCLASS_XOBJECT;
    x->filter = HPDF_STREAM_FILTER_NONE;
    if (!impl_->check(HPDF_Dict_AddName(x, "Type", "XObject"), what) || !impl_->check(HPDF_Dict_AddName(x, "Subtype", "Image"), what) ||
        !impl_->check(HPDF_Dict_AddNumber(x, "Width", static_cast<HPDF_INT32>(img.width)), what) ||
        !impl_->check(HPDF_Dict_AddNumber(x, "Height", static_cast<HPDF_INT32>(img.height)), what) ||
        !impl_->check(HPDF_Dict_AddName(x, "ColorSpace", gray ? "DeviceGray" : "DeviceRGB"), what) ||
        !impl_->check(HPDF_Dict_AddNumber(x, "BitsPerComponent", 8), what))
      return nullptr;
    if (img.png_predicted) {
      HPDF_Dict parms = HPDF_Dict_New(d->mmgr);
      if (!impl_->check(parms, what) || !impl_->check(HPDF_Dict_AddNumber(parms, "Predictor", 15), what) ||
          !impl_->check(HPDF_Dict_AddNumber(parms, "Colors", colors), what) ||
          !impl_->check(HPDF_Dict_AddNumber(parms, "BitsPerComponent", 8), what) ||
          !impl_->check(HPDF_Dict_AddNumber(parms, "Columns", static_cast<HPDF_INT32>(img.width)), what) ||
          !impl_->check(HPDF_Dict_Add(x, "DecodeParms", parms), what))
        return nullptr;
    }
    // libharu drops a /Filter it did not apply itself; the dictionary's write hook names the
    // filter the bytes already have.
    x->write_fn = write_flate_filter;
    if (!impl_->check(HPDF_Stream_Write(x->stream, reinterpret_cast<const HPDF_BYTE*>(flate.data()), static_cast<HPDF_UINT>(flate.size())),
               what))
      return nullptr;
    return x;
  };
  HPDF_Image image = nullptr;
  if (img.kind == data::Image::Kind::Jpeg) {
    image = HPDF_LoadJpegImageFromMem(d, reinterpret_cast<const HPDF_BYTE*>(img.jpeg.data()),
                                      static_cast<HPDF_UINT>(img.jpeg.size()));
    if (!impl_->check(image, what)) return -1;
  } else {
    image = xobject(img.flate_pixels, img.components == 1);
    if (!image) return -1;
  }
  if (!img.flate_alpha.empty()) {
    HPDF_Dict mask = xobject(img.flate_alpha, true);
    if (!mask || !impl_->check(HPDF_Dict_Add(image, "SMask", mask), what)) return -1;
  }
  impl_->images.push_back(image);
  return static_cast<int>(impl_->images.size() - 1);
}

void HpdfDocument::begin_page(double width, double height) {
  impl_->page = nullptr;
  if (!ok()) return;
  HPDF_Page page = HPDF_AddPage(impl_->doc);
  if (!impl_->check(page, "add a page")) return;
  if (!impl_->check(HPDF_Page_SetWidth(page, static_cast<HPDF_REAL>(width)), "set the page size") ||
      !impl_->check(HPDF_Page_SetHeight(page, static_cast<HPDF_REAL>(height)), "set the page size"))
    return;
  impl_->page = page;
  impl_->pages.push_back(page);
}

std::string HpdfDocument::font_resource(int font) {
  if (!ok() || !impl_->page) return "F0";
  if (font < 0 || static_cast<size_t>(font) >= impl_->fonts.size()) {
    impl_->fail("find font " + std::to_string(font) + " (never added)");
    return "F0";
  }
  const char* name = HPDF_Page_GetLocalFontName(impl_->page, impl_->fonts[static_cast<size_t>(font)]);
  if (!impl_->check(name, "register a font on the page")) return "F0";
  return name;
}

void HpdfDocument::write_content(const std::string& operators) {
  if (!ok() || !impl_->page) return;
  auto attr = static_cast<HPDF_PageAttr>(impl_->page->attr);
  if (!impl_->check(attr && attr->stream ? attr : nullptr, "find the page's content stream")) return;
  impl_->check(HPDF_Stream_Write(attr->stream, reinterpret_cast<const HPDF_BYTE*>(operators.data()),
                          static_cast<HPDF_UINT>(operators.size())),
        "write the page's content");
}

void HpdfDocument::begin_text() {
  if (ok() && impl_->page) impl_->check(HPDF_Page_BeginText(impl_->page), "begin a text object");
}
void HpdfDocument::end_text() {
  if (ok() && impl_->page) impl_->check(HPDF_Page_EndText(impl_->page), "end a text object");
}

void HpdfDocument::draw_image(int image, const std::array<double, 6>& m) {
  if (!ok() || !impl_->page) return;
  if (image < 0 || static_cast<size_t>(image) >= impl_->images.size()) {
    impl_->fail("find image " + std::to_string(image) + " (never added)");
    return;
  }
  HPDF_Image img = impl_->images[static_cast<size_t>(image)];
  HPDF_Page p = impl_->page;
  const std::string what = "draw an image";
  impl_->check(HPDF_Page_GSave(p), what) &&
      impl_->check(HPDF_Page_Concat(p, static_cast<HPDF_REAL>(m[0]), static_cast<HPDF_REAL>(m[1]), static_cast<HPDF_REAL>(m[2]),
                             static_cast<HPDF_REAL>(m[3]), static_cast<HPDF_REAL>(m[4]), static_cast<HPDF_REAL>(m[5])),
            what) &&
      impl_->check(HPDF_Page_ExecuteXObject(p, img), what) && impl_->check(HPDF_Page_GRestore(p), what);
}

void HpdfDocument::add_structure(const StructureTree& tree) {
  if (!ok() || tree.elements.empty()) return;
  HPDF_Doc d = impl_->doc;
  HPDF_MMgr mm = d->mmgr;
  const std::string what = "write the structure tree";
  auto& pages = impl_->pages;
  if (tree.parent_tree.size() != pages.size()) {
    impl_->fail(what + ": it covers " + std::to_string(tree.parent_tree.size()) + " pages of " +
                std::to_string(pages.size()));
    return;
  }
  auto ok_ = [&](HPDF_STATUS st) { return impl_->check(st, what); };
  auto made = [&](const void* obj) { return impl_->check(obj, what); };
  HPDF_Dict root = HPDF_Dict_New(mm);
  if (!made(root) || !ok_(HPDF_Xref_Add(d->xref, root)) || !ok_(HPDF_Dict_AddName(root, "Type", "StructTreeRoot"))) return;
  // The links first: elements name them as object kids.
  std::vector<HPDF_Dict> annots(tree.annots.size());
  for (size_t k = 0; k < tree.annots.size(); ++k) {
    const Annotation& src = tree.annots[k];
    if (src.page >= pages.size() || src.dest_page >= pages.size()) {
      impl_->fail(what + ": a link on or to a page the document does not have");
      return;
    }
    HPDF_Dict a = annots[k] = HPDF_Dict_New(mm);
    HPDF_Array rect = HPDF_Array_New(mm), border = HPDF_Array_New(mm), dest = HPDF_Array_New(mm);
    if (!made(a) || !made(rect) || !made(border) || !made(dest) || !ok_(HPDF_Xref_Add(d->xref, a))) return;
    for (double v : {src.x, src.y, src.x + src.w, src.y + src.h})
      if (!ok_(HPDF_Array_AddReal(rect, static_cast<HPDF_REAL>(v)))) return;
    for (int v : {0, 0, 0})
      if (!ok_(HPDF_Array_AddNumber(border, v))) return;
    // The destination written in the link (PDFBox's Preflight reads no indirect one).
    if (!ok_(HPDF_Array_Add(dest, pages[src.dest_page])) || !ok_(HPDF_Array_AddName(dest, "FitH")) ||
        !ok_(HPDF_Array_AddReal(dest, static_cast<HPDF_REAL>(src.dest_y))))
      return;
    HPDF_Binary contents = impl_->text_string(src.contents, "link description");
    if (!contents || !ok_(HPDF_Dict_AddName(a, "Type", "Annot")) || !ok_(HPDF_Dict_AddName(a, "Subtype", "Link")) ||
        !ok_(HPDF_Dict_Add(a, "Rect", rect)) || !ok_(HPDF_Dict_Add(a, "Border", border)) ||
        !ok_(HPDF_Dict_AddNumber(a, "F", 4)) ||  // print: PDF/A wants every annotation printable
        !ok_(HPDF_Dict_Add(a, "Dest", dest)) || !ok_(HPDF_Dict_Add(a, "Contents", contents)) ||
        !ok_(HPDF_Dict_Add(a, "P", pages[src.page])) ||
        !ok_(HPDF_Dict_AddNumber(a, "StructParent", static_cast<HPDF_INT32>(pages.size() + k))))
      return;
    HPDF_Array on_page = static_cast<HPDF_Array>(HPDF_Dict_GetItem(pages[src.page], "Annots", HPDF_OCLASS_ARRAY));
    if (!on_page) {
      on_page = HPDF_Array_New(mm);
      if (!made(on_page) || !ok_(HPDF_Dict_Add(pages[src.page], "Annots", on_page))) return;
    }
    if (!ok_(HPDF_Array_Add(on_page, a))) return;
  }
  // Every element an object of its own first: kids and parents refer to one another.
  std::vector<HPDF_Dict> el(tree.elements.size());
  for (auto& e : el) {
    e = HPDF_Dict_New(mm);
    if (!made(e) || !ok_(HPDF_Xref_Add(d->xref, e))) return;
  }
  for (size_t i = 0; i < tree.elements.size(); ++i) {
    const StructElement& src = tree.elements[i];
    HPDF_Dict e = el[i];
    // (/Type /StructElem is optional and left out: thousands of elements, each a few bytes less.)
    if (!ok_(HPDF_Dict_AddName(e, "S", src.type.c_str())) ||
        !ok_(HPDF_Dict_Add(e, "P", src.parent >= 0 ? el[static_cast<size_t>(src.parent)] : root)))
      return;
    const bool has_page = src.has_page && src.page < pages.size();
    if (has_page && !ok_(HPDF_Dict_Add(e, "Pg", pages[src.page]))) return;
    if (!src.alt.empty()) {
      HPDF_Binary alt = impl_->text_string(src.alt, "alternative text");
      if (!alt || !ok_(HPDF_Dict_Add(e, "Alt", alt))) return;
    }
    if (src.scope != layout::HeaderScope::None || src.col_span > 1 || src.row_span > 1) {
      HPDF_Dict a = HPDF_Dict_New(mm);
      if (!made(a) || !ok_(HPDF_Dict_AddName(a, "O", "Table"))) return;
      if (src.scope != layout::HeaderScope::None &&
          !ok_(HPDF_Dict_AddName(a, "Scope", src.scope == layout::HeaderScope::Column ? "Column" : "Row")))
        return;
      if (src.col_span > 1 && !ok_(HPDF_Dict_AddNumber(a, "ColSpan", src.col_span))) return;
      if (src.row_span > 1 && !ok_(HPDF_Dict_AddNumber(a, "RowSpan", src.row_span))) return;
      if (!ok_(HPDF_Dict_Add(e, "A", a))) return;
    }
    if (src.kids.empty()) continue;
    // One marked-content kid on the element's page: the MCID itself, not an array of one.
    if (src.kids.size() == 1 && src.kids[0].element < 0 && src.kids[0].annot < 0 && has_page &&
        src.kids[0].page == src.page) {
      if (!ok_(HPDF_Dict_AddNumber(e, "K", src.kids[0].mcid))) return;
      continue;
    }
    HPDF_Array kids = HPDF_Array_New(mm);
    if (!made(kids)) return;
    for (const StructKid& k : src.kids) {
      if (k.element >= 0) {
        if (!ok_(HPDF_Array_Add(kids, el[static_cast<size_t>(k.element)]))) return;
      } else if (k.annot >= 0) {
        HPDF_Dict objr = HPDF_Dict_New(mm);
        if (!made(objr) || static_cast<size_t>(k.annot) >= annots.size() || !ok_(HPDF_Dict_AddName(objr, "Type", "OBJR")) ||
            !ok_(HPDF_Dict_Add(objr, "Obj", annots[static_cast<size_t>(k.annot)])) ||
            !ok_(HPDF_Dict_Add(objr, "Pg", pages[tree.annots[static_cast<size_t>(k.annot)].page])) ||
            !ok_(HPDF_Array_Add(kids, objr)))
          return;
      } else if (has_page && k.page == src.page) {
        if (!ok_(HPDF_Array_AddNumber(kids, k.mcid))) return;
      } else {
        // Marked content on another page than the element's /Pg (a row split across pages).
        HPDF_Dict mcr = HPDF_Dict_New(mm);
        if (!made(mcr) || !ok_(HPDF_Dict_AddName(mcr, "Type", "MCR")) || k.page >= pages.size() ||
            !ok_(HPDF_Dict_Add(mcr, "Pg", pages[k.page])) || !ok_(HPDF_Dict_AddNumber(mcr, "MCID", k.mcid)) ||
            !ok_(HPDF_Array_Add(kids, mcr)))
          return;
      }
    }
    if (!ok_(HPDF_Dict_Add(e, "K", kids))) return;
  }
  if (!ok_(HPDF_Dict_Add(root, "K", el[0]))) return;

  // The parent tree: for each page (its /StructParents key) the element of each MCID, then for
  // each link (its /StructParent key) its element. A flat /Nums while short; past that, leaves
  // of kPerLeaf keys with their /Limits.
  constexpr size_t kPerLeaf = 256;
  const size_t keys = pages.size() + annots.size();
  auto value = [&](size_t key) -> HPDF_Obj_Header* {
    if (key >= pages.size()) {
      const int32_t e = tree.annots[key - pages.size()].element;
      if (e < 0 || static_cast<size_t>(e) >= el.size()) return impl_->fail(what + ": a link without its element"), nullptr;
      return &el[static_cast<size_t>(e)]->header;
    }
    HPDF_Array arr = HPDF_Array_New(mm);
    if (!made(arr) || !ok_(HPDF_Xref_Add(d->xref, arr))) return nullptr;
    for (int32_t e : tree.parent_tree[key])
      if (e < 0 || static_cast<size_t>(e) >= el.size() || !ok_(HPDF_Array_Add(arr, el[static_cast<size_t>(e)])))
        return impl_->fail(what + ": an MCID without its element"), nullptr;
    return &arr->header;
  };
  auto leaf = [&](size_t from, size_t to, HPDF_Dict into) {
    HPDF_Array nums = HPDF_Array_New(mm);
    if (!made(nums)) return false;
    for (size_t key = from; key < to; ++key) {
      HPDF_Obj_Header* v = value(key);
      if (!v || !ok_(HPDF_Array_AddNumber(nums, static_cast<HPDF_INT32>(key))) || !ok_(HPDF_Array_Add(nums, v)))
        return false;
    }
    return ok_(HPDF_Dict_Add(into, "Nums", nums));
  };
  HPDF_Dict parent_tree = HPDF_Dict_New(mm);
  if (!made(parent_tree) || !ok_(HPDF_Xref_Add(d->xref, parent_tree))) return;
  if (keys <= kPerLeaf) {
    if (!leaf(0, keys, parent_tree)) return;
  } else {
    HPDF_Array leaves = HPDF_Array_New(mm);
    if (!made(leaves)) return;
    for (size_t from = 0; from < keys; from += kPerLeaf) {
      const size_t to = std::min(keys, from + kPerLeaf);
      HPDF_Dict node = HPDF_Dict_New(mm);
      HPDF_Array limits = HPDF_Array_New(mm);
      if (!made(node) || !made(limits) || !ok_(HPDF_Xref_Add(d->xref, node)) || !leaf(from, to, node) ||
          !ok_(HPDF_Array_AddNumber(limits, static_cast<HPDF_INT32>(from))) ||
          !ok_(HPDF_Array_AddNumber(limits, static_cast<HPDF_INT32>(to - 1))) || !ok_(HPDF_Dict_Add(node, "Limits", limits)) ||
          !ok_(HPDF_Array_Add(leaves, node)))
        return;
    }
    if (!ok_(HPDF_Dict_Add(parent_tree, "Kids", leaves))) return;
  }
  if (!ok_(HPDF_Dict_Add(root, "ParentTree", parent_tree)) ||
      !ok_(HPDF_Dict_AddNumber(root, "ParentTreeNextKey", static_cast<HPDF_INT32>(keys))))
    return;
  for (size_t p = 0; p < pages.size(); ++p)
    if (!ok_(HPDF_Dict_AddNumber(pages[p], "StructParents", static_cast<HPDF_INT32>(p))) ||
        !ok_(HPDF_Dict_AddName(pages[p], "Tabs", "S")))
      return;
  HPDF_Dict mark_info = HPDF_Dict_New(mm);
  if (!made(mark_info) || !ok_(HPDF_Dict_Add(mark_info, "Marked", HPDF_Boolean_New(mm, HPDF_TRUE))) ||
      !ok_(HPDF_Dict_Add(d->catalog, "MarkInfo", mark_info)))
    return;
  ok_(HPDF_Dict_Add(d->catalog, "StructTreeRoot", root));
}

void HpdfDocument::set_page_labels(const std::vector<std::string>& labels) {
  if (!ok()) return;
  HPDF_Doc d = impl_->doc;
  if (labels.empty()) return;
  if (!impl_->check(d->catalog, "find the document catalog")) return;
  const std::string what = "write the page labels";
  // One range per page with its label as a prefix: Thai digits and letters are no PDF
  // numbering style, so each label is spelled out.
  HPDF_Array nums = HPDF_Array_New(d->mmgr);
  if (!impl_->check(nums, what)) return;
  for (size_t i = 0; i < labels.size(); ++i) {
    HPDF_Dict range = HPDF_Dict_New(d->mmgr);
    if (!impl_->check(range, what)) return;
    if (!labels[i].empty()) {
      HPDF_Binary prefix = impl_->text_string(labels[i], "page label");
      if (!prefix || !impl_->check(HPDF_Dict_Add(range, "P", prefix), what)) return;
    }
    HPDF_Number index = HPDF_Number_New(d->mmgr, static_cast<HPDF_INT32>(i));
    if (!impl_->check(index, what) || !impl_->check(HPDF_Array_Add(nums, index), what) || !impl_->check(HPDF_Array_Add(nums, range), what)) return;
  }
  HPDF_Dict tree = HPDF_Dict_New(d->mmgr);
  if (!impl_->check(tree, what)) return;
  impl_->check(HPDF_Dict_Add(tree, "Nums", nums), what) && impl_->check(HPDF_Dict_Add(d->catalog, "PageLabels", tree), what);
}

void HpdfDocument::add_outline(const std::string& title, int level, size_t page, double y, bool direct_dest) {
  if (!ok()) return;
  HPDF_Doc d = impl_->doc;
  const std::string what = "add a bookmark";
  if (page >= impl_->pages.size()) {
    impl_->fail(what + " to page " + std::to_string(page + 1) + " of " + std::to_string(impl_->pages.size()));
    return;
  }
  auto& stack = impl_->outline_stack;
  if (level < 0) level = 0;
  if (static_cast<size_t>(level) > stack.size()) level = static_cast<int>(stack.size());
  stack.resize(static_cast<size_t>(level));
  HPDF_Outline parent = stack.empty() ? nullptr : stack.back();
  HPDF_Outline o = HPDF_CreateOutline(d, parent, "-", nullptr);
  if (!impl_->check(o, what)) return;
  HPDF_Binary text = impl_->text_string(title, "bookmark title");
  if (!text || !impl_->check(HPDF_Dict_Add(o, "Title", text), what) || !impl_->check(HPDF_Outline_SetOpened(o, HPDF_TRUE), what)) return;
  if (direct_dest) {
    HPDF_Array dest = HPDF_Array_New(d->mmgr);
    if (!impl_->check(dest, what) || !impl_->check(HPDF_Array_Add(dest, impl_->pages[page]), what) ||
        !impl_->check(HPDF_Array_AddName(dest, "FitH"), what) || !impl_->check(HPDF_Array_AddReal(dest, static_cast<HPDF_REAL>(y)), what) ||
        !impl_->check(HPDF_Dict_Add(o, "Dest", dest), what))
      return;
  } else {
    HPDF_Destination dest = HPDF_Page_CreateDestination(impl_->pages[page]);
    if (!impl_->check(dest, what) || !impl_->check(HPDF_Destination_SetFitH(dest, static_cast<HPDF_REAL>(y)), what) ||
        !impl_->check(HPDF_Outline_SetDestination(o, dest), what))
      return;
  }
  stack.push_back(o);
}

std::string HpdfDocument::save() {
  if (!ok()) return {};
  if (!impl_->check(HPDF_SaveToStream(impl_->doc), "write the document")) return {};
  std::string out(HPDF_GetStreamSize(impl_->doc), '\0');
  HPDF_UINT32 size = static_cast<HPDF_UINT32>(out.size());
  const HPDF_STATUS read = HPDF_ReadFromStream(impl_->doc, reinterpret_cast<HPDF_BYTE*>(out.data()), &size);
  // Reading the whole stream may end with HPDF_STREAM_EOF; what matters is that every byte came.
  if ((read != HPDF_OK && read != HPDF_STREAM_EOF) || size != out.size() || out.empty()) {
    impl_->fail("read the written document back");
    return {};
  }
  return out;
}

}  // namespace oitgen::pdf
