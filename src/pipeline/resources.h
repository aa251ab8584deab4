#pragma once
// What every build in this process shares: fonts, break rules, parsed layouts (with their fonts
// checked). Loaded once, safe to use from several threads.
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "data/image_library.h"
#include "layout/layout_spec.h"
#include "pdf/image_output.h"
#include "text/break_rules.h"
#include "text/font_library.h"

namespace oitgen::pipeline {

class Resources {
 public:
  explicit Resources(std::filesystem::path root) : root_(std::move(root)) {}
  const std::filesystem::path& root() const { return root_; }
  text::FontLibrary& fonts() { return fonts_; }
  data::ImageLibrary& images() { return images_; }
  // Images as an output profile changed them (downsampled, flattened), shared by documents.
  pdf::ImageChangeCache& changed_images() { return changed_images_; }
  std::shared_ptr<const text::BreakRules> break_rules(Diagnostics& diags);
  std::shared_ptr<const layout::LayoutSpec> layout(const std::string& kind, Diagnostics& diags);
  // The sRGB ICC profile PDF/A output embeds (data/icc/sRGB.icc), read and checked once.
  std::shared_ptr<const std::string> srgb_profile(Diagnostics& diags);

 private:
  std::filesystem::path root_;
  text::FontLibrary fonts_;
  data::ImageLibrary images_;
  pdf::ImageChangeCache changed_images_;
  std::mutex mutex_;
  std::shared_ptr<const text::BreakRules> rules_;
  std::map<std::string, std::shared_ptr<const layout::LayoutSpec>> layouts_;
  std::shared_ptr<const std::string> srgb_;
};

}  // namespace oitgen::pipeline
