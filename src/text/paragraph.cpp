#include "text/paragraph.h"

#include <algorithm>
#include <set>

#include "util/utf.h"

namespace oitgen::text {
namespace {

// Most extra space a stretched line may put between two clusters (thai-distributed) or at a
// word break (justify), in ems.
constexpr double kMaxLetterStretch = 0.12;
constexpr double kMaxWordStretch = 0.5;
// A run longer than this with no break opportunity (no space, no word boundary) is refused: it
// cannot be set on any page without breaking it at random.
constexpr size_t kMaxUnbreakableRun = 200;

bool is_space(char32_t c) { return c == ' ' || c == 0x00A0 || c == '\t' || c == '\n'; }
bool is_invisible(char32_t c) { return is_space(c) || c == 0x200B || c == 0x200C || c == 0x200D || c == '\r'; }

struct Prepared {
  std::u32string text;
  std::vector<FontRun> runs;
  std::vector<ShapedGlyph> glyphs;
  std::vector<std::vector<size_t>> glyphs_of;  // glyph indexes per cluster start
  std::vector<double> prefix;                  // prefix[i] = advance of text[0, i)
};

std::string quote_context(std::u32string_view text, size_t at) {
  const size_t from = at > 15 ? at - 15 : 0;
  const size_t to = std::min(text.size(), at + 15);
  return "\"" + std::string(from > 0 ? "…" : "") + to_utf8(text.substr(from, to - from)) +
         (to < text.size() ? "…" : "") + "\"";
}

}  // namespace

// The data value that holds `fragment`, else the template: where a problem in the text is.
const SourceLocation& where_is(const ParagraphSpec& spec, const std::string& fragment) {
  for (const auto& s : spec.sources)
    if (s.text.find(fragment) != std::string::npos) return s.where;
  return spec.where;
}

std::vector<Line> TextSetter::set(const ParagraphSpec& spec, Diagnostics& diags) {
  Prepared p;
  for (const auto& span : spec.spans) {
    if (!span.font && !span.text.empty()) {
      // The layout's fonts are checked when it is loaded; this is the last guard.
      diags.error(spec.where, "no usable font for the text \"" + span.text.substr(0, 60) + "\"");
      return {};
    }
    const size_t begin = p.text.size();
    p.text += to_u32(span.text);
    if (p.text.size() > begin) p.runs.push_back({begin, p.text.size(), span.font, span.size});
  }
  const std::u32string& t = p.text;
  const size_t n = t.size();
  std::vector<Line> lines;
  if (n == 0) return lines;

  p.glyphs = shaper_.shape(t, p.runs);
  p.glyphs_of.resize(n);
  std::vector<double> adv(n, 0);
  std::set<char32_t> reported;
  for (size_t g = 0; g < p.glyphs.size(); ++g) {
    const auto& gl = p.glyphs[g];
    p.glyphs_of[gl.cluster].push_back(g);
    adv[gl.cluster] += gl.advance;
    if (gl.gid == 0) {
      // Name the missing character(s) of this cluster.
      size_t end = n;
      for (size_t h = g + 1; h < p.glyphs.size(); ++h)
        if (p.glyphs[h].cluster > gl.cluster) {
          end = p.glyphs[h].cluster;
          break;
        }
      for (size_t c = gl.cluster; c < end; ++c) {
        if (is_invisible(t[c]) || gl.font->has_char(t[c]) || !reported.insert(t[c]).second) continue;
        diags.warning(where_is(spec, to_utf8(std::u32string(1, t[c]))), "character '" + to_utf8(std::u32string(1, t[c])) + "' (" +
                                      codepoint_name(t[c]) + ") is not in font " +
                                      gl.font->postscript_name() + "; it prints as a box in " +
                                      quote_context(t, c));
      }
    }
  }
  for (size_t i = 0; i < n; ++i)
    if (t[i] == '\n') adv[i] = 0;  // a forced line end takes no room
  p.prefix.assign(n + 1, 0);
  for (size_t i = 0; i < n; ++i) p.prefix[i + 1] = p.prefix[i] + adv[i];

  const auto clusters = breaker_.cluster_starts(t);
  const auto ok = breaker_.line_opportunities(t, clusters, spec.keep_whole.get());
  for (size_t i = 0, run = 0; i < n; ++i) {
    run = is_space(t[i]) ? 0 : ok[i] ? 1 : run + 1;
    if (run <= kMaxUnbreakableRun) continue;
    const size_t begin = i + 1 - run;
    size_t end = i;
    while (end < n && !ok[end] && !is_space(t[end])) ++end;
    const std::string head = to_utf8(std::u32string_view(t).substr(begin, 20));
    diags.error(where_is(spec, head), "the text has a run of " + std::to_string(end - begin) +
                                          " characters with no place to break a line (\"" + head +
                                          "…\"); put spaces into it");
    return {};
  }
  auto width_of = [&](size_t a, size_t b) { return p.prefix[b] - p.prefix[a]; };
  auto trim_end = [&](size_t a, size_t b) {
    while (b > a && is_space(t[b - 1])) --b;
    return b;
  };

  // Greedy first fit over the break opportunities, as Word does; clusters only when one word
  // is wider than the whole line.
  struct Range { size_t begin, end; bool last; };
  std::vector<Range> ranges;
  std::vector<bool> loose;  // opportunities without the kept names, computed when first needed
  size_t start = 0;
  while (start < n) {
    while (start < n && is_space(t[start]) ) ++start;
    if (start >= n) break;
    const double avail = spec.width - (ranges.empty() ? spec.first_indent : 0);
    size_t best = 0;
    bool forced = false;
    for (size_t e = start + 1; e <= n; ++e) {
      if (e < n && !ok[e] && t[e - 1] != '\n') continue;
      if (width_of(start, trim_end(start, e)) > avail + 1e-6) break;
      best = e;
      if (t[e - 1] == '\n') {
        forced = true;
        break;
      }
    }
    if (best == 0) {
      // Nothing fits at the usual places: before breaking inside a word, try the spaces inside
      // a kept person's name (title and given name, then the surname on the next line).
      if (loose.empty()) loose = breaker_.line_opportunities(t, clusters, nullptr, false);
      for (size_t e = start + 1; e <= n; ++e) {
        if (e < n && !(loose[e] && is_space(t[e - 1]))) continue;
        if (width_of(start, trim_end(start, e)) > avail + 1e-6) break;
        best = e;
      }
    }
    if (best == 0) {
      // Emergency: the first segment alone is too wide. Break between clusters.
      size_t e = start + 1;
      while (e < n && !clusters[e]) ++e;
      for (size_t c = e + 1; c <= n; ++c) {
        if (!clusters[c]) continue;
        if (width_of(start, trim_end(start, c)) > avail + 1e-6) break;
        e = c;
        if (c < n && ok[c]) break;
      }
      best = e;
    }
    ranges.push_back({start, best, forced || best >= n});
    start = best;
  }

  // An orphan: a last line of one short word pulls a word down from the line above, as long as
  // that line keeps most of its width.
  // Repeated: the piece brought down may itself be the rest of a word the break had split.
  for (int pulls = 0; pulls < 3 && ranges.size() >= 2 && !ranges[ranges.size() - 2].last; ++pulls) {
    Range& prev = ranges[ranges.size() - 2];
    Range& tail = ranges.back();
    const size_t tail_end = trim_end(tail.begin, tail.end);
    bool one_word = true;  // no space in it: a word or a run of words written together
    for (size_t i = tail.begin + 1; i < tail_end && one_word; ++i) one_word = !is_space(t[i]);
    if (one_word && width_of(tail.begin, tail_end) < spec.width * 0.15) {
      const double prev_avail = spec.width - (ranges.size() == 2 ? spec.first_indent : 0);
      size_t from = 0;  // the last space inside the line above: whole words come down
      for (size_t p = trim_end(prev.begin, prev.end); p > prev.begin + 1; --p)
        if (ok[p - 1] && is_space(t[p - 2])) {
          from = p - 1;
          break;
        }
      if (from > 0 && width_of(prev.begin, trim_end(prev.begin, from)) >= prev_avail * 0.6 &&
          width_of(from, tail_end) <= spec.width + 1e-6) {
        prev.end = from;
        tail.begin = from;
        continue;
      }
    }
    break;
  }

  for (size_t li = 0; li < ranges.size(); ++li) {
    const auto [begin, raw_end, last] = ranges[li];
    const size_t end = trim_end(begin, raw_end);
    const double indent = li == 0 ? spec.first_indent : 0;
    const double avail = spec.width - indent;
    const double natural = width_of(begin, end);
    std::vector<double> extra_before(end - begin + 1, 0);  // extra space before text[i]
    double shift = 0;
    const bool stretch = !last && (spec.align == Align::Justify || spec.align == Align::ThaiDistributed);
    if (stretch && natural < avail) {
      // A line with little text and a long unbreakable tail (a date kept whole) would need
      // spacing no reader accepts; such a line is left unstretched. Thai-distributed never
      // falls back to word gaps: in Thai a visible gap reads as a space, which means something.
      const double em = spec.spans.empty() ? 12 : spec.spans.front().size;
      const bool by_cluster = spec.align == Align::ThaiDistributed;
      const double most = (spec.max_stretch > 0 ? spec.max_stretch : by_cluster ? kMaxLetterStretch : kMaxWordStretch) * em;
      std::vector<size_t> gaps;
      for (size_t i = begin + 1; i < end; ++i) {
        if (is_space(t[i])) continue;
        if (by_cluster ? clusters[i] : ok[i] || is_space(t[i - 1])) gaps.push_back(i);
      }
      if (!gaps.empty() && (avail - natural) / static_cast<double>(gaps.size()) > most) gaps.clear();
      if (!gaps.empty()) {
        const double each = (avail - natural) / static_cast<double>(gaps.size());
        for (size_t g : gaps) extra_before[g - begin] = each;
      }
    }
    if (spec.align == Align::Right) shift = spec.width - natural;
    if (spec.align == Align::Center) shift = (spec.width - natural) / 2;
    const double x0 = (spec.align == Align::Right || spec.align == Align::Center) ? shift : indent;

    Line line;
    line.text = to_utf8(std::u32string_view(t).substr(begin, end - begin));
    double x = x0;
    WordRun* current = nullptr;
    size_t word_begin = begin;
    auto close_word = [&](size_t upto) {
      if (current) current->text = to_utf8(std::u32string_view(t).substr(word_begin, upto - word_begin));
      current = nullptr;
    };
    for (size_t i = begin; i < end; ++i) {
      x += extra_before[i - begin];
      if (is_space(t[i])) {
        close_word(i);
        x += adv[i];
        continue;
      }
      double pen = x;
      for (size_t gi : p.glyphs_of[i]) {
        const auto& g = p.glyphs[gi];
        if (!current || current->font != g.font || current->size != g.size) {
          close_word(i);
          line.words.push_back({g.font, g.size, {}, {}});
          current = &line.words.back();
          word_begin = i;
          line.ascent = std::max(line.ascent, g.font->ascender() * g.size / g.font->units_per_em());
          line.descent = std::max(line.descent, -g.font->descender() * g.size / g.font->units_per_em());
        }
        if (!is_invisible(t[g.cluster]) || g.gid != 0)
          current->glyphs.push_back({g.gid, pen + g.x_offset, g.y_offset});
        pen += g.advance;
      }
      x += adv[i];
    }
    close_word(end);
    line.width = x;
    lines.push_back(std::move(line));
  }
  return lines;
}

}  // namespace oitgen::text
