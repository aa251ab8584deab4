#include "pdf/object_streams.h"

#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

namespace oitgen::pdf {
namespace {

constexpr size_t kPerStream = 1000;  // objects in one object stream

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

bool ends_with(std::string_view s, std::string_view end) {
  return s.size() >= end.size() && s.substr(s.size() - end.size()) == end;
}

// Reads an unsigned decimal at `at`, skipping white space before it.
bool read_number(std::string_view s, size_t& at, uint64_t& out) {
  while (at < s.size() && is_space(s[at])) ++at;
  const size_t start = at;
  out = 0;
  while (at < s.size() && s[at] >= '0' && s[at] <= '9' && at - start < 19) out = out * 10 + (s[at++] - '0');
  return at > start;
}

bool deflate(std::string_view in, std::string& out) {
  uLongf size = compressBound(static_cast<uLong>(in.size()));
  out.resize(size);
  if (compress2(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(in.data()),
                static_cast<uLong>(in.size()), Z_DEFAULT_COMPRESSION) != Z_OK)
    return false;
  out.resize(size);
  return true;
}

// The text of a trailer entry's value: "1 0 R" for /Root, "[ <…> <…> ]" for /ID.
std::string_view entry(std::string_view trailer, std::string_view key) {
  const size_t at = trailer.find(key);
  if (at == std::string_view::npos) return {};
  size_t from = at + key.size();
  while (from < trailer.size() && is_space(trailer[from])) ++from;
  size_t to = from;
  if (to < trailer.size() && trailer[to] == '[') {
    to = trailer.find(']', to);
    if (to == std::string_view::npos) return {};
    return trailer.substr(from, to + 1 - from);
  }
  // "N G R"
  to = trailer.find('R', from);
  if (to == std::string_view::npos) return {};
  return trailer.substr(from, to + 1 - from);
}

void put_be(std::string& out, uint64_t v, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) out += static_cast<char>((v >> (8 * i)) & 0xFF);
}

}  // namespace

bool pack_object_streams(std::string& pdf, std::string& error) {
  const std::string_view in(pdf);
  auto fail = [&](const std::string& why) {
    error = "could not pack the PDF's objects: " + why;
    return false;
  };
  // The cross-reference table libharu wrote, and its trailer.
  const size_t sx = in.rfind("startxref");
  if (sx == std::string_view::npos) return fail("no startxref");
  size_t at = sx + 9;
  uint64_t xref_at = 0;
  if (!read_number(in, at, xref_at) || xref_at >= sx || in.substr(xref_at, 4) != "xref") return fail("no xref table");
  at = static_cast<size_t>(xref_at) + 4;
  struct Obj {
    uint64_t num = 0, offset = 0;
  };
  std::vector<Obj> objs;
  uint64_t size = 0;
  while (true) {
    size_t probe = at;
    while (probe < in.size() && is_space(in[probe])) ++probe;
    if (in.substr(probe, 7) == "trailer") {
      at = probe + 7;
      break;
    }
    uint64_t first = 0, count = 0;
    if (!read_number(in, at, first) || !read_number(in, at, count) || count > in.size() / 18)
      return fail("a bad xref subsection");
    for (uint64_t k = 0; k < count; ++k) {
      uint64_t offset = 0, gen = 0;
      if (!read_number(in, at, offset) || !read_number(in, at, gen)) return fail("a bad xref entry");
      while (at < in.size() && is_space(in[at])) ++at;
      if (at >= in.size()) return fail("a truncated xref table");
      const char kind = in[at++];
      if (kind == 'n') {
        if (gen != 0) return fail("an object of generation " + std::to_string(gen));
        objs.push_back({first + k, offset});
      }
      size = std::max(size, first + k + 1);
    }
  }
  const size_t trailer_end = in.find(">>", at);
  if (trailer_end == std::string_view::npos || trailer_end > sx) return fail("no trailer");
  const std::string_view trailer = in.substr(at, trailer_end - at);
  const std::string_view root = entry(trailer, "/Root"), info = entry(trailer, "/Info"), id = entry(trailer, "/ID");
  if (root.empty()) return fail("no /Root in the trailer");

  // Each object's bytes run from its offset to the next object's (or the xref table).
  std::sort(objs.begin(), objs.end(), [](const Obj& a, const Obj& b) { return a.offset < b.offset; });
  const size_t header_end = objs.empty() ? 0 : static_cast<size_t>(objs.front().offset);
  if (objs.empty() || header_end > in.size() || in.substr(0, 5) != "%PDF-") return fail("no objects");
  struct Piece {
    uint64_t num;
    std::string_view whole, body;
    bool stream;
  };
  std::vector<Piece> pieces;
  pieces.reserve(objs.size());
  for (size_t i = 0; i < objs.size(); ++i) {
    const size_t from = static_cast<size_t>(objs[i].offset);
    const size_t to = i + 1 < objs.size() ? static_cast<size_t>(objs[i + 1].offset) : static_cast<size_t>(xref_at);
    if (from >= to || to > in.size()) return fail("objects out of order");
    const std::string_view whole = in.substr(from, to - from);
    size_t p = 0;
    uint64_t num = 0, gen = 0;
    if (!read_number(whole, p, num) || num != objs[i].num || !read_number(whole, p, gen)) return fail("a bad object header");
    while (p < whole.size() && is_space(whole[p])) ++p;
    if (whole.substr(p, 3) != "obj") return fail("a bad object header");
    std::string_view body = trim(whole.substr(p + 3));
    if (!ends_with(body, "endobj")) return fail("object " + std::to_string(num) + " has no endobj");
    body = trim(body.substr(0, body.size() - 6));
    pieces.push_back({num, whole, body, ends_with(body, "endstream")});
  }

  // Type 1 (offset) or type 2 (object stream, index) per object number.
  struct Ref {
    uint8_t type = 0;
    uint64_t a = 0, b = 0;
  };
  std::vector<Ref> refs(size);
  std::string out(in.substr(0, header_end));
  for (const Piece& piece : pieces)
    if (piece.stream) {
      refs[piece.num] = {1, out.size(), 0};
      out.append(piece.whole);
      if (!is_space(out.back())) out += '\n';
    }
  uint64_t next = size;  // numbers of the object streams, then of the xref stream
  std::vector<const Piece*> small;
  for (const Piece& piece : pieces)
    if (!piece.stream) small.push_back(&piece);
  std::string packed;
  for (size_t first = 0; first < small.size(); first += kPerStream) {
    const size_t n = std::min(kPerStream, small.size() - first);
    const uint64_t stream_num = next++;
    std::string head, bodies;
    for (size_t k = 0; k < n; ++k) {
      const Piece& piece = *small[first + k];
      refs[piece.num] = {2, stream_num, k};
      head += std::to_string(piece.num) + " " + std::to_string(bodies.size()) + " ";
      bodies.append(piece.body);
      bodies += '\n';
    }
    head.back() = '\n';
    if (!deflate(head + bodies, packed)) return fail("zlib could not compress an object stream");
    refs.resize(next);
    refs[stream_num] = {1, out.size(), 0};
    out += std::to_string(stream_num) + " 0 obj\n<< /Type /ObjStm /N " + std::to_string(n) + " /First " +
           std::to_string(head.size()) + " /Filter /FlateDecode /Length " + std::to_string(packed.size()) +
           " >>\nstream\n";
    out += packed;
    out += "\nendstream\nendobj\n";
  }

  // The cross-reference stream: type, field 2 (4 bytes), field 3 (2 bytes) per object.
  const uint64_t xref_num = next++;
  refs.resize(next);
  const uint64_t xref_offset = out.size();
  refs[xref_num] = {1, xref_offset, 0};
  std::string table;
  table.reserve(refs.size() * 7);
  for (size_t i = 0; i < refs.size(); ++i) {
    const Ref& r = refs[i];
    if (r.a > 0xFFFFFFFFull || r.b > 0xFFFF) return fail("a file too large for its cross-reference stream");
    table += static_cast<char>(r.type);
    put_be(table, r.a, 4);
    put_be(table, i == 0 && r.type == 0 ? 0xFFFF : r.b, 2);
  }
  if (!deflate(table, packed)) return fail("zlib could not compress the cross-reference stream");
  out += std::to_string(xref_num) + " 0 obj\n<< /Type /XRef /Size " + std::to_string(next) + " /W [1 4 2] /Root " +
         std::string(root);
  if (!info.empty()) out += " /Info " + std::string(info);
  if (!id.empty()) out += " /ID " + std::string(id);
  out += " /Filter /FlateDecode /Length " + std::to_string(packed.size()) + " >>\nstream\n";
  out += packed;
  out += "\nendstream\nendobj\nstartxref\n" + std::to_string(xref_offset) + "\n%%EOF\n";
  pdf = std::move(out);
  return true;
}

}  // namespace oitgen::pdf
