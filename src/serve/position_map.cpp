#include "serve/position_map.h"

#include <algorithm>
#include <cmath>
#include <type_traits>
#include <variant>

#include "text/font.h"

namespace oitgen::serve {
namespace {

struct Box {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

// The run's inked width from its glyphs' positions and advances, its height from the font's
// ascent and descent: the line's own box, so neighbouring lines do not overlap.
std::optional<Box> box_of(const layout::GlyphRunItem& run) {
  if (!run.font || run.glyphs.empty()) return std::nullopt;
  const double scale = run.size / run.font->units_per_em();
  double left = run.glyphs.front().x, right = left;
  for (const auto& g : run.glyphs) {
    left = std::min(left, g.x);
    right = std::max(right, g.x + run.font->advance(g.gid) * scale);
  }
  return Box{run.x + left, run.y + run.font->descender() * scale, run.x + right, run.y + run.font->ascender() * scale};
}

}  // namespace

std::vector<Region> regions_of(const layout::Document& doc, const PathIndex& index) {
  // A source is looked up once, however many runs print it.
  std::vector<std::optional<std::optional<std::string>>> paths(doc.sources.size());
  auto path_of = [&](int32_t source) -> const std::string* {
    if (source < 0 || static_cast<size_t>(source) >= doc.sources.size()) return nullptr;
    auto& slot = paths[static_cast<size_t>(source)];
    if (!slot) slot = index.path_of(doc.sources[static_cast<size_t>(source)]);
    return *slot ? &**slot : nullptr;
  };
  std::vector<Region> regions;
  for (size_t p = 0; p < doc.pages.size(); ++p) {
    // The region the previous run of this page went into, while runs continue its line.
    constexpr size_t kNone = static_cast<size_t>(-1);
    size_t open = kNone;
    double open_baseline = 0;
    for (const auto& item : doc.pages[p].items) {
      if (const auto* run = std::get_if<layout::GlyphRunItem>(&item)) {
        const std::string* path = path_of(run->source);
        const auto box = box_of(*run);
        if (!path || !box) {
          open = kNone;
          continue;
        }
        if (open != kNone && regions[open].path == *path && std::fabs(open_baseline - run->y) < 0.01) {
          Region& r = regions[open];
          const double x0 = std::min(r.x, box->x0), y0 = std::min(r.y, box->y0);
          const double x1 = std::max(r.x + r.w, box->x1), y1 = std::max(r.y + r.h, box->y1);
          r.x = x0;
          r.y = y0;
          r.w = x1 - x0;
          r.h = y1 - y0;
          continue;
        }
        regions.push_back({p, box->x0, box->y0, box->x1 - box->x0, box->y1 - box->y0, *path});
        open = regions.size() - 1;
        open_baseline = run->y;
      } else if (const auto* image = std::get_if<layout::ImageItem>(&item)) {
        open = kNone;
        if (const std::string* path = path_of(image->source))
          regions.push_back({p, image->x, image->y, image->w, image->h, *path});
      }
      // Rules and boxes belong to no value and neither end a region nor join one.
    }
  }
  return regions;
}

std::optional<std::string> path_at(const std::vector<Region>& regions, size_t page, double x, double y) {
  for (auto it = regions.rbegin(); it != regions.rend(); ++it)
    if (it->page == page && x >= it->x && x <= it->x + it->w && y >= it->y && y <= it->y + it->h) return it->path;
  return std::nullopt;
}

std::vector<Region> regions_for(const std::vector<Region>& regions, const std::string& path) {
  std::vector<Region> out;
  for (const auto& r : regions) {
    const bool under = r.path.size() > path.size() && r.path.compare(0, path.size(), path) == 0 &&
                       (r.path[path.size()] == '.' || r.path[path.size()] == '[');
    if (r.path == path || under) out.push_back(r);
  }
  return out;
}

}  // namespace oitgen::serve
