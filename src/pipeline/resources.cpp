#include "pipeline/resources.h"

#include "layout/layout_spec.h"
#include "util/files.h"

namespace oitgen::pipeline {

std::shared_ptr<const text::BreakRules> Resources::break_rules(Diagnostics& diags) {
  std::lock_guard lock(mutex_);
  if (!rules_) rules_ = text::BreakRules::load(root_ / "data", diags);
  return rules_;
}

std::shared_ptr<const layout::LayoutSpec> Resources::layout(const std::string& kind, Diagnostics& diags) {
  std::lock_guard lock(mutex_);
  if (auto it = layouts_.find(kind); it != layouts_.end()) return it->second;
  Diagnostics layout_diags;
  auto spec = layout::load_layout(root_ / "layouts" / (kind + ".toml"), layout_diags);
  diags.append(layout_diags, ErrorKind::Layout);
  if (!spec) return spec;
  // Every font the layout names is loaded now, so a missing or broken file is one error that
  // names it, before any page is laid out.
  bool fonts_ok = true;
  for (const auto& [name, family] : spec->fonts)
    for (const std::string* file : {&family.regular, &family.bold, &family.italic, &family.bold_italic}) {
      Diagnostics font_diags;
      if (fonts_.get(root_ / *file, font_diags)) continue;
      fonts_ok = false;
      const std::string why = font_diags.items().empty() ? "cannot be loaded" : font_diags.items().front().message;
      diags.error(family.where, "font '" + *file + "' of [fonts." + name + "]: " + why + " (" +
                                    (root_ / *file).string() + ")",
                  ErrorKind::Layout);
      break;  // one message per family
    }
  if (!fonts_ok) return nullptr;
  layouts_[kind] = spec;
  return spec;
}

std::shared_ptr<const std::string> Resources::srgb_profile(Diagnostics& diags) {
  std::lock_guard lock(mutex_);
  if (srgb_) return srgb_;
  const auto path = root_ / "data" / "icc" / "sRGB.icc";
  auto bytes = read_file(path);
  // An ICC profile: its size in the first four bytes, "acsp" at 36, an RGB colour space at 16.
  auto be32 = [&](size_t at) {
    uint32_t v = 0;
    for (size_t i = 0; i < 4; ++i) v = v << 8 | static_cast<unsigned char>((*bytes)[at + i]);
    return v;
  };
  if (!bytes) {
    diags.error({"data/icc/sRGB.icc", 0, 0}, "cannot read the sRGB colour profile PDF/A needs", ErrorKind::Layout);
  } else if (bytes->size() < 128 || be32(0) != bytes->size() || bytes->compare(36, 4, "acsp") != 0 ||
             bytes->compare(16, 4, "RGB ") != 0) {
    diags.error({"data/icc/sRGB.icc", 0, 0}, "the sRGB colour profile PDF/A needs is damaged (not an RGB ICC profile)",
                ErrorKind::Layout);
  } else {
    srgb_ = std::make_shared<const std::string>(std::move(*bytes));
  }
  return srgb_;
}

}  // namespace oitgen::pipeline
