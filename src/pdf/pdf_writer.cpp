#include "pdf/pdf_writer.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <algorithm>
#include <map>
#include <string_view>
#include <set>

#include "pdf/font_embed.h"
#include "pdf/hpdf_adapter.h"
#include "pdf/image_output.h"
#include "pdf/object_streams.h"
#include "pdf/pdfa_metadata.h"
#include "pdf/structure.h"
#include "util/utf.h"

namespace oitgen::pdf {
namespace {

// Numbers in content streams: fixed precision, no locale, no "-0".
std::string num(double v) {
  if (std::fabs(v) < 0.0005) return "0";
  // Thousandths as an integer, written by hand: printf was a tenth of the writer's time.
  const long long milli = std::llround(v * 1000);
  if (milli == 0) return "0";
  std::string s = milli < 0 ? "-" : "";
  const unsigned long long m = static_cast<unsigned long long>(milli < 0 ? -milli : milli);
  s += std::to_string(m / 1000);
  if (const unsigned long long frac = m % 1000) {
    char digits[4] = {char('0' + frac / 100), char('0' + frac / 10 % 10), char('0' + frac % 10), 0};
    int len = 3;
    while (digits[len - 1] == '0') digits[--len] = 0;
    s += '.';
    s += digits;
  }
  return s;
}

std::string hex_utf16(const std::string& utf8) {
  static const char* digits = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : to_utf16be_with_bom(utf8)) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

// 128-bit FNV-1a style digest of everything that determines the output.
struct Digest {
  uint64_t a = 1469598103934665603ull, b = 0x84222325cbf29ce4ull;
  void add(std::string_view s) {
    // Eight bytes a step: image data runs to megabytes.
    size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
      uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      mix(w);
    }
    for (; i < s.size(); ++i) mix(static_cast<unsigned char>(s[i]));
    mix(s.size());
  }
  void mix(uint64_t v) {
    a = (a ^ v) * 1099511628211ull;
    b = (b ^ v) * 0x100000001b3ull + (a >> 29);
  }
  std::array<uint8_t, 16> bytes() const {
    std::array<uint8_t, 16> out{};
    for (int i = 0; i < 8; ++i) {
      out[i] = static_cast<uint8_t>(a >> (8 * i));
      out[8 + i] = static_cast<uint8_t>(b >> (8 * i));
    }
    return out;
  }
};

// One span's ActualText and one TJ array each stay far inside what a reader must accept (a
// string of 32,767 bytes, an array of 8,191 elements in PDF 1.4's limits): a longer run is
// written as several spans, its glyphs and its text cut into as many even parts. Text
// extraction joins adjacent spans, so it still returns the run's text exactly.
constexpr size_t kMaxSpanGlyphs = 2000;         // a glyph and its adjustment: two elements each
constexpr size_t kMaxSpanTextUnits = 8000;      // UTF-16 code units of one ActualText

std::string text_operators(const layout::GlyphRunItem& run, const std::string& font_name) {
  std::string ops;
  ops += "/" + font_name + " " + num(run.size) + " Tf\n";
  ops += "1 0 0 1 " + num(run.x) + " " + num(run.y) + " Tm\n";
  const std::u32string text = to_u32(run.actual_text);
  const size_t parts = std::max<size_t>({1, (run.glyphs.size() + kMaxSpanGlyphs - 1) / kMaxSpanGlyphs,
                                         (text.size() * 2 + kMaxSpanTextUnits - 1) / kMaxSpanTextUnits});
  auto span_text = [&](size_t part) {
    if (parts == 1) return run.actual_text;
    return to_utf8(std::u32string_view(text).substr(text.size() * part / parts,
                                                    text.size() * (part + 1) / parts - text.size() * part / parts));
  };
  double cur = 0, rise = 0;
  char hex[8];
  size_t part = 0;
  ops += "/Span <</ActualText <" + hex_utf16(span_text(0)) + ">>> BDC\n[";
  for (size_t i = 0; i < run.glyphs.size(); ++i) {
    if (parts > 1 && i == run.glyphs.size() * (part + 1) / parts) {
      ++part;
      ops += "] TJ\nEMC\n/Span <</ActualText <" + hex_utf16(span_text(part)) + ">>> BDC\n[";
    }
    const auto& g = run.glyphs[i];
    if (std::fabs(g.dy - rise) > 0.0005) {
      ops += "] TJ " + num(g.dy) + " Ts [";
      rise = g.dy;
    }
    const double shift = g.x - cur;
    if (std::fabs(shift) > 0.0005) ops += num(-shift * 1000.0 / run.size) + " ";
    std::snprintf(hex, sizeof hex, "<%04X>", g.gid & 0xFFFF);
    ops += hex;
    cur = g.x + pdf_width(*run.font, g.gid) * run.size / 1000.0;
  }
  ops += "] TJ\n";
  if (rise != 0) ops += "0 Ts\n";
  ops += "EMC\n";
  return ops;
}

// The operator that opens the marked-content sequence of `m` (an MCID's, tagged with its
// element's type, or an artifact's).
std::string begin_marked(const Mark& m, const StructureTree& tree, size_t page) {
  if (m.mcid < 0) {
    switch (m.artifact) {
      case layout::Artifact::Header: return "/Artifact <</Type /Pagination /Subtype /Header>> BDC\n";
      case layout::Artifact::Footer: return "/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n";
      case layout::Artifact::Pagination: return "/Artifact <</Type /Pagination>> BDC\n";
      default: return "/Artifact <</Type /Layout>> BDC\n";
    }
  }
  const int32_t e = tree.parent_tree[page][static_cast<size_t>(m.mcid)];
  std::string ops = "/" + tree.elements[static_cast<size_t>(e)].mc_tag() + " <<";
  if (!m.lang.empty()) ops += "/Lang (" + m.lang + ") ";
  ops += "/MCID " + std::to_string(m.mcid) + ">> BDC\n";
  return ops;
}

std::array<double, 6> image_matrix(const layout::ImageItem& im) {
  const double x = im.x, y = im.y, w = im.w, h = im.h;
  switch (im.image->orientation) {
    case 2: return {-w, 0, 0, h, x + w, y};
    case 3: return {-w, 0, 0, -h, x + w, y + h};
    case 4: return {w, 0, 0, -h, x, y + h};
    case 5: return {0, -h, -w, 0, x + w, y + h};
    case 6: return {0, -h, w, 0, x, y + h};
    case 7: return {0, h, w, 0, x, y};
    case 8: return {0, h, -w, 0, x + w, y};
    default: return {w, 0, 0, h, x, y};
  }
}

// The size each image is embedded at and what else it needs, by the profile: at most
// `max_dpi` where the image is placed largest (never larger than it is), opaque and RGB or
// gray for PDF/A.
std::map<const data::Image*, ImageChange> image_changes(const layout::Document& doc, const OutputProfile& profile) {
  std::map<const data::Image*, double> scale;  // the factor its largest placement needs
  for (const auto& page : doc.pages)
    for (const auto& item : page.items)
      if (const auto* im = std::get_if<layout::ImageItem>(&item)) {
        double& s = scale.try_emplace(im->image.get(), 0.0).first->second;
        if (profile.max_dpi <= 0) {
          s = 1;
          continue;
        }
        const double sx = im->w / 72.0 * profile.max_dpi / im->image->display_width();
        const double sy = im->h / 72.0 * profile.max_dpi / im->image->display_height();
        s = std::max({s, sx, sy});
      }
  std::map<const data::Image*, ImageChange> changes;
  for (const auto& [image, factor] : scale) {
    ImageChange c;
    c.width = image->width;
    c.height = image->height;
    if (factor < 1) {
      // Rounded down: the resolution as placed stays at or below the limit.
      c.width = std::max(1, static_cast<int>(std::floor(image->width * factor)));
      c.height = std::max(1, static_cast<int>(std::floor(image->height * factor)));
    }
    c.opaque = c.no_cmyk = profile.pdfa;
    c.jpeg_quality = profile.jpeg_quality;
    changes[image] = c;
  }
  return changes;
}

}  // namespace

WriteResult write_pdf(const layout::Document& doc, const OutputProfile& profile, const std::string* icc_profile,
                      ImageChangeCache* cache) {
  WriteResult result;
  if (profile.pdfa && !icc_profile) {
    result.error = "PDF/A needs the sRGB colour profile for its output intent";
    return result;
  }
  // Glyphs per font, in first-use order of fonts so object numbering is stable.
  std::vector<const text::Font*> font_order;
  std::map<const text::Font*, std::set<uint32_t>> glyphs;
  std::vector<const data::Image*> image_order;
  std::map<const data::Image*, int> image_ids;
  Digest digest;
  digest.add(doc.title + "\n" + doc.author + "\n" + doc.subject);
  for (const auto& page : doc.pages)
    for (const auto& item : page.items) {
      if (const auto* run = std::get_if<layout::GlyphRunItem>(&item)) {
        if (!glyphs.count(run->font)) font_order.push_back(run->font);
        auto& set = glyphs[run->font];
        for (const auto& g : run->glyphs) set.insert(g.gid);
        digest.add(run->actual_text + num(run->x) + num(run->y));
      } else if (const auto* im = std::get_if<layout::ImageItem>(&item)) {
        if (!image_ids.count(im->image.get())) {
          image_ids[im->image.get()] = -1;
          image_order.push_back(im->image.get());
          // The image's content, not its path: the same data set in another folder gives the
          // same file.
          const auto& img = *im->image;
          digest.mix(img.content_hash);
          digest.add(std::to_string(img.orientation));
        }
      }
    }

  // What the profile does to the images. Only what differs from the normal output enters the
  // digest, so that output stays the same bytes.
  const auto changes = image_changes(doc, profile);
  std::vector<std::shared_ptr<const data::Image>> embedded;
  for (const data::Image* image : image_order) {
    const ImageChange& change = changes.at(image);
    std::shared_ptr<const data::Image> out;
    if (!leaves_unchanged(*image, change)) {
      out = cache ? cache->get(*image, change, result.error) : change_image(*image, change, result.error);
      if (!out) return result;
      digest.add(std::to_string(change.width) + "x" + std::to_string(change.height) + " q" +
                 std::to_string(change.jpeg_quality) + (change.opaque ? " opaque" : ""));
      if (change.width != image->width || change.height != image->height) ++result.images.resampled;
    }
    result.images.bytes_in += image->stream_bytes();
    result.images.bytes_out += (out ? *out : *image).stream_bytes();
    embedded.push_back(std::move(out));
  }
  result.images.count = image_order.size();
  if (profile.pdfa) digest.add("PDF/A-1b");
  if (profile.pdfua) digest.add("PDF/UA-1");

  HpdfDocument pdf;
  const std::string creator = "oitgen " OITGEN_VERSION;
  pdf.set_info(doc.title, doc.author, doc.subject, creator);
  pdf.set_display_doc_title();
  pdf.set_lang("th-TH");
  pdf.set_file_id(digest.bytes());
  if (profile.pdfa && doc.date) pdf.set_dates(pdf_date(*doc.date));
  if (profile.pdfa || profile.pdfua) {
    // Dated only as PDF/A is: XMP says what Info says.
    const std::optional<data::Date> date = profile.pdfa ? doc.date : std::nullopt;
    pdf.add_metadata(xmp_packet({doc.title, doc.author, doc.subject, creator, pdf.producer(), date, profile.pdfa, profile.pdfua}));
  }
  if (profile.pdfa) pdf.add_output_intent(*icc_profile, 3, "sRGB IEC61966-2.1");
  std::map<const text::Font*, int> font_ids;
  for (const text::Font* font : font_order) {
    EmbeddedFont ef;
    if (!make_embedded_font(*font, glyphs[font], ef, result.error)) return result;
    font_ids[font] = pdf.add_font(ef, profile.pdfa);
  }
  for (size_t i = 0; i < image_order.size(); ++i)
    image_ids[image_order[i]] = pdf.add_image(embedded[i] ? *embedded[i] : *image_order[i]);

  // Every item in marked content: the structure tree's or an artifact's.
  const StructureTree tree = build_structure(doc);
  for (size_t p = 0; p < doc.pages.size(); ++p) {
    const auto& page = doc.pages[p];
    pdf.begin_page(page.width, page.height);
    const Mark* open = nullptr;
    for (size_t i = 0; i < page.items.size(); ++i) {
      const auto& item = page.items[i];
      const Mark& mark = tree.marks[p][i];
      if (mark.annot >= 0) continue;  // a link: an annotation, not content
      if (!open || !(*open == mark)) {
        if (open) pdf.write_content("EMC\n");
        pdf.write_content(begin_marked(mark, tree, p));
        open = &mark;
      }
      if (const auto* run = std::get_if<layout::GlyphRunItem>(&item)) {
        const std::string name = pdf.font_resource(font_ids[run->font]);
        pdf.begin_text();
        pdf.write_content(text_operators(*run, name));
        pdf.end_text();
      } else if (const auto* rule = std::get_if<layout::RuleItem>(&item)) {
        pdf.write_content(num(rule->width) + " w " + num(rule->x1) + " " + num(rule->y1) + " m " +
                          num(rule->x2) + " " + num(rule->y2) + " l S\n");
      } else if (const auto* rect = std::get_if<layout::RectItem>(&item)) {
        std::string ops = "q ";
        if (rect->fill_gray >= 0) ops += num(rect->fill_gray) + " g ";
        if (rect->stroke_width > 0) ops += num(rect->stroke_width) + " w ";
        ops += num(rect->x) + " " + num(rect->y) + " " + num(rect->w) + " " + num(rect->h) + " re ";
        ops += rect->fill_gray >= 0 && rect->stroke_width > 0 ? "B" : rect->fill_gray >= 0 ? "f" : "S";
        ops += " Q\n";
        pdf.write_content(ops);
      } else if (const auto* im = std::get_if<layout::ImageItem>(&item)) {
        pdf.draw_image(image_ids[im->image.get()], image_matrix(*im));
      }
    }
    if (open) pdf.write_content("EMC\n");
  }
  pdf.add_structure(tree);
  pdf.set_page_labels(doc.page_labels);
  for (const auto& entry : doc.outline)
    pdf.add_outline(entry.title, entry.level - 1, entry.page, entry.y, profile.pdfa);
  result.bytes = pdf.save();
  if (result.bytes.empty()) {
    result.error = pdf.error().empty() ? "cannot write PDF" : pdf.error();
    return result;
  }
  // PDF/A-1 (PDF 1.4) has no object streams; every other file packs its small objects.
  if (!profile.pdfa && !pack_object_streams(result.bytes, result.error)) result.bytes.clear();
  return result;
}

}  // namespace oitgen::pdf
