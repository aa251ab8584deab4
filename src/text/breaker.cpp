#include "text/breaker.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>


namespace oitgen::text {
namespace {

bool is_digit(char32_t c) { return (c >= '0' && c <= '9') || (c >= 0x0E50 && c <= 0x0E59); }
bool is_space(char32_t c) { return c == ' ' || c == 0x00A0 || c == '\t'; }
bool is_thai_letter(char32_t c) { return c >= 0x0E01 && c <= 0x0E2E; }

// Maps UTF-16 offsets of `u` back to indexes into the UTF-32 text.
std::vector<size_t> utf16_to_u32(std::u32string_view text) {
  std::vector<size_t> map;
  map.reserve(text.size() * 2 + 1);
  for (size_t i = 0; i < text.size(); ++i) {
    map.push_back(i);
    if (text[i] >= 0x10000) map.push_back(i);
  }
  map.push_back(text.size());
  return map;
}

// Removes opportunities strictly inside [begin, end).
void glue(std::vector<bool>& ok, size_t begin, size_t end) {
  for (size_t i = begin + 1; i < end && i < ok.size(); ++i) ok[i] = false;
}

size_t skip_spaces(std::u32string_view t, size_t i) {
  while (i < t.size() && is_space(t[i])) ++i;
  return i;
}

size_t number_end(std::u32string_view t, size_t i) {
  while (i < t.size() && (is_digit(t[i]) || ((t[i] == ',' || t[i] == '.' || t[i] == '/') &&
                                              i + 1 < t.size() && is_digit(t[i + 1]))))
    ++i;
  return i;
}

}  // namespace

Breaker::Breaker(std::shared_ptr<const BreakRules> rules)
    : rules_(std::move(rules)), line_(rules_->icu->line_clone()), chars_(rules_->icu->chars_clone()) {}

Breaker::~Breaker() = default;

std::vector<bool> Breaker::cluster_starts(std::u32string_view text) const {
  std::vector<bool> starts(text.size() + 1, false);
  auto u = icu::UnicodeString::fromUTF32(reinterpret_cast<const UChar32*>(text.data()),
                                         static_cast<int32_t>(text.size()));
  const auto map = utf16_to_u32(text);
  chars_->setText(u);
  for (int32_t p = chars_->first(); p != icu::BreakIterator::DONE; p = chars_->next())
    starts[map[p]] = true;
  starts[text.size()] = true;
  return starts;
}

std::vector<bool> Breaker::line_opportunities(std::u32string_view t, const KeptPhrases* keep_whole) const {
  return line_opportunities(t, cluster_starts(t), keep_whole);
}

std::vector<bool> Breaker::line_opportunities(std::u32string_view t, const std::vector<bool>& clusters,
                                              const KeptPhrases* keep_whole, bool keep_names) const {
  const size_t n = t.size();
  std::vector<bool> ok(n + 1, false);
  if (n == 0) return ok;
  auto u = icu::UnicodeString::fromUTF32(reinterpret_cast<const UChar32*>(t.data()),
                                         static_cast<int32_t>(n));
  const auto map = utf16_to_u32(t);
  line_->setText(u);
  for (int32_t p = line_->first(); p != icu::BreakIterator::DONE; p = line_->next()) ok[map[p]] = true;
  const BreakRules& r = *rules_;

  // Compounds the dictionary splits: whole, with opportunities at their edges when those sit
  // between two Thai letters (ICU may have aligned its words differently around them).
  for (size_t at = 0; at < n; ++at)
    r.compounds.each_match(t, at, [&](const std::u32string& w) {
      const size_t end = at + w.size();
      glue(ok, at, end);
      if (at > 0 && is_thai_letter(t[at]) && is_thai_letter(t[at - 1]) && clusters[at]) ok[at] = true;
      if (end < n && is_thai_letter(t[end]) && clusters[end]) ok[end] = true;
    });

  for (size_t i = 0; i < n; ++i) {
    // Numbers with the words around them: "เขต 2", "100,000 บาท", "14 มกราคม พ.ศ. 2565".
    if (const auto* w = r.before_number.match(t, i); w && (i == 0 || !is_thai_letter(t[i - 1]) || ok[i])) {
      size_t j = skip_spaces(t, i + w->size());
      if (j < n && is_digit(t[j])) glue(ok, i, number_end(t, j));
    }
    if (is_digit(t[i]) && (i == 0 || !is_digit(t[i - 1]))) {
      const size_t end = number_end(t, i);
      const size_t j = skip_spaces(t, end);
      if (j < n && j - end <= 1) {
        if (const auto* w = r.after_number.match(t, j)) glue(ok, i, j + w->size());
        if (const auto* m = r.months.match(t, j)) glue(ok, i, j + m->size());
      }
    }
    if (const auto* m = r.months.match(t, i)) {
      const size_t j = skip_spaces(t, i + m->size());
      if (j < n && j - (i + m->size()) <= 1) {
        if (is_digit(t[j])) glue(ok, i, number_end(t, j));
        else if (const auto* be = r.before_number.match(t, j)) glue(ok, i, j + be->size());
      }
    }
    // A person's title, first name and surname.
    if (keep_names && (i == 0 || is_space(t[i - 1]) || t[i - 1] == '(' || t[i - 1] == '-' || ok[i])) {
      if (const auto* title = r.person_titles.match(t, i)) {
        size_t j = i + title->size();
        if (j < n && is_space(t[j])) ++j;  // "ว่าที่ ร.ต. สมชาย"
        size_t first_end = j;
        while (first_end < n && !is_space(t[first_end]) && t[first_end] != ')') ++first_end;
        if (first_end > j && first_end < n && is_space(t[first_end])) {
          size_t last_end = first_end + 1;
          while (last_end < n && !is_space(t[last_end]) && t[last_end] != ')' && t[last_end] != ',')
            ++last_end;
          if (last_end > first_end + 1 && last_end - i <= 40) glue(ok, i, last_end);
        }
      }
    }
  }
  if (keep_whole) keep_whole->glue(t, ok);

  // Characters that never begin a line, also when a space stands before them ("ต่าง ๆ").
  for (size_t i = 1; i < n; ++i) {
    if (ok[i] && r.no_break_before.match(t, i)) ok[i] = false;
    if (ok[i] && !is_space(t[i]))
      for (const auto& w : r.no_break_after.words())
        if (i >= w.size() && t.compare(i - w.size(), w.size(), w) == 0) ok[i] = false;
  }
  // Web and e-mail addresses may break after '/', '.', '-' and '@' (no hyphen is added), so a
  // long one does not leave a short line before it.
  for (size_t start = 0; start < n;) {
    size_t end = start;
    while (end < n && !is_space(t[end]) && !is_thai_letter(t[end])) ++end;
    const std::u32string_view token = t.substr(start, end - start);
    const bool address = token.find(U"://") != std::u32string_view::npos || token.substr(0, 4) == U"www." ||
                         (token.find(U'@') != std::u32string_view::npos && token.find(U'.') != std::u32string_view::npos);
    if (address)
      for (size_t i = start; i + 2 < end; ++i) {
        const auto is_mark = [](char32_t c) { return c == '/' || c == '.' || c == '-' || c == '@'; };
        if (is_mark(t[i]) && !is_mark(t[i + 1])) ok[i + 1] = true;
      }
    start = end == start ? end + 1 : end;
  }
  // Never inside a cluster, never at the very ends.
  for (size_t i = 0; i <= n; ++i)
    if (!clusters[i]) ok[i] = false;
  ok[0] = false;
  ok[n] = false;
  return ok;
}

}  // namespace oitgen::text
