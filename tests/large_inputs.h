#pragma once
// Data sets of the sizes that once took minutes (the sample with a large addition), made for
// the tests that pin linear time (large_input_test.cpp) and for the benchmark that times them.
#include <filesystem>
#include <fstream>
#include <string>

namespace oitgen::large_inputs {

enum class Shape {
  Comments,  // `n` comment lines in office.toml, the first n / 1000 of them "# TODO"
  People,    // `n` more [[people]] that no document names
  TopKeys,   // a file of `n` top-level keys (each an unknown key)
};

// A copy of samples/nongkhai2-2565 at `dir` (replaced) with the addition `shape` of size `n`.
inline void write_dataset(const std::filesystem::path& source_root, const std::filesystem::path& dir, Shape shape,
                          size_t n) {
  namespace fs = std::filesystem;
  fs::remove_all(dir);
  fs::create_directories(dir.parent_path());
  fs::copy(source_root / "samples/nongkhai2-2565", dir, fs::copy_options::recursive);
  std::string text;
  for (size_t i = 0; i < n; ++i) {
    const std::string k = std::to_string(i);
    switch (shape) {
      case Shape::Comments:
        // Short lines: the most lines per megabyte, which is what a per-line scan pays for;
        // the TODOs come first, so that a search for the next one runs to the end of the file.
        text += i < n / 1000 ? "# TODO: look at line " + k + "\n" : "# " + k + "\n";
        break;
      case Shape::People:
        text += "\n[[people]]\nid = \"p" + k + "\"\ntitle = \"นาย\"\nfirst = \"สมชาย" + k + "\"\nlast = \"ใจดี" + k +
                "\"\nposition = \"ครู\"\n";
        break;
      case Shape::TopKeys:
        text += "key" + k + " = " + k + "\n";
        break;
    }
  }
  const fs::path file = dir / (shape == Shape::TopKeys ? "extra.toml" : "office.toml");
  std::ofstream(file, std::ios::binary | std::ios::app) << text;
}

}  // namespace oitgen::large_inputs
