#pragma once
// Paragraph setting: shaping, line breaking and justification. The result is lines of
// positioned glyphs that still know the text they came from (for ActualText).
#include <memory>
#include <string>
#include <vector>

#include "text/breaker.h"
#include "text/shaper.h"
#include "util/diagnostics.h"

namespace oitgen::text {

enum class Align { Left, Right, Center, Justify, ThaiDistributed };

struct StyledText {
  std::string text;  // UTF-8
  const Font* font = nullptr;
  double size = 0;   // points as printed
};

// A value of the data that went into a paragraph, so problems in the text point at the data.
struct TextSource {
  std::string text;  // as it reached the paragraph (digits already converted)
  SourceLocation where;
};

struct ParagraphSpec {
  std::vector<StyledText> spans;
  std::vector<TextSource> sources;
  double width = 0;         // available width in points
  double first_indent = 0;  // extra indent of the first line
  Align align = Align::Left;
  SourceLocation where;     // the template the text came from (when no data value is to blame)
  double max_stretch = 0;   // em added at most per gap of a justified line; 0 = the alignment's default
  // The document's people's names, made once per document and shared by its paragraphs.
  std::shared_ptr<const KeptPhrases> keep_whole;
};

struct PlacedGlyph {
  uint32_t gid = 0;
  double x = 0;   // from the line's left edge
  double dy = 0;  // baseline shift, up positive
};

// A word (or the part of one on this line) in one font: one ActualText span in the PDF.
struct WordRun {
  const Font* font = nullptr;
  double size = 0;
  std::vector<PlacedGlyph> glyphs;
  std::string text;  // UTF-8, exactly the source characters
};

struct Line {
  std::vector<WordRun> words;
  double width = 0;    // inked extent from the left edge, including indent and stretch
  double ascent = 0;   // points above the baseline (font ascender)
  double descent = 0;  // points below (positive)
  std::string text;    // the line's characters, for tests and debugging
};

// Context one thread uses to set text: ICU iterators and a HarfBuzz buffer.
class TextSetter {
 public:
  explicit TextSetter(std::shared_ptr<const BreakRules> rules) : breaker_(rules), shaper_(rules->languages) {}
  std::vector<Line> set(const ParagraphSpec& spec, Diagnostics& diags);
  Breaker& breaker() { return breaker_; }

 private:
  Breaker breaker_;
  Shaper shaper_;
};

}  // namespace oitgen::text
