#pragma once
// A ZIP archive of finished files (the data set's PDFs, for one download). PDFs are compressed
// already, so entries are stored, not deflated: the archive costs a CRC and a copy.
#include <string>
#include <vector>

namespace oitgen::serve {

struct ZipEntry {
  std::string name;  // UTF-8, flagged as such in the archive
  std::string bytes;
};

// The archive's bytes (ZIP 2.0 with the UTF-8 name flag; each entry and the whole below 4 GiB).
std::string zip_archive(const std::vector<ZipEntry>& entries);

}  // namespace oitgen::serve
