#pragma once
// Reading a data file that may be anything a folder can hold: a FIFO, a socket, a directory
// named x.toml, a symbolic link loop or one to nothing, a file too large to hold. Each is an
// error at the path, never a crash, an exception or a read that blocks forever.
#include <filesystem>
#include <optional>
#include <string>

#include "util/diagnostics.h"

namespace oitgen::data {

// The whole of `path` when it is a regular file of at most `max_bytes`; otherwise reports at
// `display_path` why not and returns nullopt. Never opens anything but a regular file for
// reading, so a FIFO cannot block it.
std::optional<std::string> read_data_file(const std::filesystem::path& path, const std::string& display_path,
                                          size_t max_bytes, Diagnostics& diags);

// "a directory", "a FIFO" … for a file type that is not a regular file (from stat's st_mode).
std::string file_type_name(unsigned mode);

}  // namespace oitgen::data
