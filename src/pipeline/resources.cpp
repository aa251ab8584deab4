#include "pipeline/resources.h"

#include "layout/layout_spec.h"

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

}  // namespace oitgen::pipeline
