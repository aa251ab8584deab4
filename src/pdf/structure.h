#pragma once
// The PDF's logical structure from the display list's structure nodes (DESIGN "Tagged PDF"):
// which marked-content sequence each item of a page is in (an MCID, or an artifact), and the
// structure elements with their kids in reading order. Pure data; no libharu. The adapter
// writes it as the StructTreeRoot, the elements, the ParentTree and the pages' StructParents.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "layout/display_list.h"

namespace oitgen::pdf {

// The marked content one item is drawn in.
struct Mark {
  int mcid = -1;  // >= 0: the item's marked-content id on its page
  int annot = -1;  // >= 0: the item is not drawn but is this annotation (StructureTree::annots)
  layout::Artifact artifact = layout::Artifact::None;  // with mcid < 0
  std::string lang;  // a Latin run's /Lang ("en"); "" for the document's
  bool operator==(const Mark& o) const {
    return mcid == o.mcid && annot == o.annot && artifact == o.artifact && lang == o.lang;
  }
};

// A kid of an element: another element, or marked content on a page.
struct StructKid {
  int32_t element = -1;  // >= 0: an element
  size_t page = 0;
  int mcid = -1;
  int annot = -1;  // >= 0: an annotation (an OBJR kid)
};

// A link annotation and the element it belongs to (its /StructParent leads there).
struct Annotation {
  size_t page = 0;
  double x = 0, y = 0, w = 0, h = 0;
  size_t dest_page = 0;
  double dest_y = 0;
  std::string contents;
  int32_t element = -1;
};

struct StructElement {
  std::string type;    // "Document", "H1", "TD" …
  int32_t parent = -1;  // -1: the root, under the StructTreeRoot
  size_t page = 0;      // the page of its first marked content (/Pg), when it has any
  bool has_page = false;
  std::string alt;
  layout::HeaderScope scope = layout::HeaderScope::None;
  int col_span = 1, row_span = 1;
  std::vector<StructKid> kids;
  // The marked content as it is tagged in the page's content stream (BDC's tag).
  std::string mc_tag() const;
};

struct StructureTree {
  std::vector<StructElement> elements;  // elements[0] is the root; parents before children
  std::vector<std::vector<Mark>> marks;  // per page, per item
  std::vector<std::vector<int32_t>> parent_tree;  // per page: the element of each MCID
  std::vector<Annotation> annots;  // their /StructParent keys follow the pages'
};

// Every item gets a mark: consecutive items of one node share an MCID. Items with neither
// node nor artifact (none come from the layout) get a P of their own under the root. Elements
// with no content are left out (table cells stay: a column keeps its place); heading levels
// are resolved over the whole document so that the first is H1 and none is skipped.
StructureTree build_structure(const layout::Document& doc);

// "Latin": a run with Latin letters and no Thai, which the PDF marks as English.
bool is_latin_run(const std::string& utf8);
// A run of neither script (punctuation, digits): it takes the language of the run before it.
bool is_neutral_run(const std::string& utf8);

}  // namespace oitgen::pdf
