#include "model/thai_format.h"

#include <cmath>
#include <cstdio>

#include "util/utf.h"

namespace oitgen::model {
namespace {

bool is_ascii_letter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_space(char32_t c) { return c == ' ' || c == '\t' || c == '\n'; }

// A token that is a URL, an address or a file name keeps its digits.
bool keeps_ascii_digits(std::u32string_view token) {
  for (auto marker : {U"://", U"www.", U"@", U".go.th", U".com", U".org"})
    if (token.find(marker) != std::u32string_view::npos) return true;
  return false;
}

const char* const kDigitWords[] = {"ศูนย์", "หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "หก", "เจ็ด", "แปด", "เก้า"};
const char* const kPlaceWords[] = {"", "สิบ", "ร้อย", "พัน", "หมื่น", "แสน"};

// 0 < v < 1,000,000
std::string words_below_million(int64_t v) {
  std::string out;
  const std::string digits = std::to_string(v);
  const size_t n = digits.size();
  for (size_t i = 0; i < n; ++i) {
    const int d = digits[i] - '0';
    const size_t place = n - 1 - i;
    if (d == 0) continue;
    if (place == 0 && d == 1 && n > 1) {
      out += "เอ็ด";
    } else if (place == 1 && d == 2) {
      out += "ยี่";
    } else if (!(place == 1 && d == 1)) {
      out += kDigitWords[d];
    }
    out += kPlaceWords[place];
  }
  return out;
}

}  // namespace

std::string to_thai_digits(std::string_view text) {
  const std::u32string s = to_u32(text);
  std::u32string out;
  out.reserve(s.size());
  size_t token_start = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (i == 0 || is_space(s[i - 1])) token_start = i;
    const char32_t c = s[i];
    if (c < '0' || c > '9') {
      out += c;
      continue;
    }
    size_t j = i;
    while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
    size_t token_end = j;
    while (token_end < s.size() && !is_space(s[token_end])) ++token_end;
    const bool latin_before = i > 0 && is_ascii_letter(s[i - 1]);
    const bool latin_after = j < s.size() && is_ascii_letter(s[j]);
    const bool keep = latin_before || latin_after ||
                      keeps_ascii_digits(std::u32string_view(s).substr(token_start, token_end - token_start));
    for (size_t k = i; k < j; ++k) out += keep ? s[k] : static_cast<char32_t>(0x0E50 + (s[k] - '0'));
    i = j - 1;
  }
  return to_utf8(out);
}

std::string to_thai_digits_everywhere(std::string_view text) {
  std::u32string s = to_u32(text);
  for (auto& c : s)
    if (c >= '0' && c <= '9') c = 0x0E50 + (c - '0');
  return to_utf8(s);
}

const char* thai_month_name(int month) {
  static const char* const names[] = {"มกราคม", "กุมภาพันธ์", "มีนาคม",  "เมษายน",  "พฤษภาคม", "มิถุนายน",
                                      "กรกฎาคม", "สิงหาคม",   "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"};
  return month >= 1 && month <= 12 ? names[month - 1] : "?";
}

int buddhist_year(int gregorian_year) { return gregorian_year + 543; }

std::string format_thai_date(const data::Date& d) {
  return std::to_string(d.day) + " " + thai_month_name(d.month) + " พ.ศ. " +
         std::to_string(buddhist_year(d.year));
}

std::string format_thai_date_short(const data::Date& d) {
  return std::to_string(d.day) + " " + thai_month_name(d.month) + " " +
         std::to_string(buddhist_year(d.year));
}

bool is_printable_amount(double value) { return std::isfinite(value) && std::fabs(value) < kMaxAmount; }

std::string format_amount(double value) {
  if (!is_printable_amount(value)) return "";
  const bool negative = value < 0;
  const int64_t cents = std::llround(std::fabs(value) * 100);
  std::string whole = std::to_string(cents / 100);
  for (int pos = static_cast<int>(whole.size()) - 3; pos > 0; pos -= 3) whole.insert(pos, ",");
  std::string out = (negative ? "-" : "") + whole;
  if (cents % 100) {
    char buf[8];
    std::snprintf(buf, sizeof buf, ".%02d", static_cast<int>(cents % 100));
    out += buf;
  }
  return out;
}

std::string format_amount_fixed(double value) {
  const std::string s = format_amount(value);
  if (s.empty() || s.find('.') != std::string::npos) return s;
  return s + ".00";
}

std::string number_words(int64_t value) {
  if (value == 0) return kDigitWords[0];
  std::string prefix;
  if (value < 0) {
    prefix = "ลบ";
    value = -value;
  }
  // Millions nest: 2,000,000,000,000 is สองล้านล้าน.
  if (value >= 1000000) {
    const int64_t high = value / 1000000, low = value % 1000000;
    std::string out = prefix + number_words(high) + "ล้าน";
    // A trailing one after a higher place is "เอ็ด": 1,000,001 is หนึ่งล้านเอ็ด.
    if (low == 1) out += "เอ็ด";
    else if (low) out += words_below_million(low);
    return out;
  }
  return prefix + words_below_million(value);
}

std::string baht_words(double value) {
  if (!is_printable_amount(value)) return "";
  const int64_t cents = std::llround(std::fabs(value) * 100);
  const int64_t baht = cents / 100, satang = cents % 100;
  std::string out = value < 0 ? "ลบ" : "";
  if (baht > 0) out += number_words(baht) + "บาท";
  if (satang == 0) return out + (baht > 0 ? "ถ้วน" : "ศูนย์บาทถ้วน");
  return out + number_words(satang) + "สตางค์";
}

}  // namespace oitgen::model
