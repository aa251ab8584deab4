#include "serve/zip_writer.h"

#include <zlib.h>

#include <cstdint>

namespace oitgen::serve {
namespace {

void put16(std::string& out, uint32_t v) {
  out += static_cast<char>(v & 0xff);
  out += static_cast<char>((v >> 8) & 0xff);
}
void put32(std::string& out, uint32_t v) {
  put16(out, v & 0xffff);
  put16(out, v >> 16);
}

// 1 January 2025, 00:00 in MS-DOS form: a fixed time, so the same PDFs give the same archive.
constexpr uint32_t kDosTime = 0, kDosDate = ((2025 - 1980) << 9) | (1 << 5) | 1;
constexpr uint32_t kUtf8Names = 1 << 11;

}  // namespace

std::string zip_archive(const std::vector<ZipEntry>& entries) {
  std::string out, directory;
  for (const auto& e : entries) {
    const uint32_t crc = static_cast<uint32_t>(
        crc32_z(crc32_z(0, Z_NULL, 0), reinterpret_cast<const Bytef*>(e.bytes.data()), e.bytes.size()));
    const uint32_t offset = static_cast<uint32_t>(out.size());
    const uint32_t size = static_cast<uint32_t>(e.bytes.size());
    put32(out, 0x04034b50);
    put16(out, 20), put16(out, kUtf8Names), put16(out, 0), put16(out, kDosTime), put16(out, kDosDate);
    put32(out, crc), put32(out, size), put32(out, size);
    put16(out, static_cast<uint32_t>(e.name.size())), put16(out, 0);
    out += e.name;
    out += e.bytes;
    put32(directory, 0x02014b50);
    put16(directory, 20), put16(directory, 20), put16(directory, kUtf8Names), put16(directory, 0);
    put16(directory, kDosTime), put16(directory, kDosDate);
    put32(directory, crc), put32(directory, size), put32(directory, size);
    put16(directory, static_cast<uint32_t>(e.name.size())), put16(directory, 0), put16(directory, 0);
    put16(directory, 0), put16(directory, 0), put32(directory, 0), put32(directory, offset);
    directory += e.name;
  }
  const uint32_t directory_at = static_cast<uint32_t>(out.size());
  out += directory;
  put32(out, 0x06054b50);
  put16(out, 0), put16(out, 0);
  put16(out, static_cast<uint32_t>(entries.size())), put16(out, static_cast<uint32_t>(entries.size()));
  put32(out, static_cast<uint32_t>(directory.size())), put32(out, directory_at);
  put16(out, 0);
  return out;
}

}  // namespace oitgen::serve
