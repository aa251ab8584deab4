#pragma once
// Thai presentation of numbers and dates. Results use Arabic digits; whether they print as
// Thai digits is the layout's choice (apply `to_thai_digits` there).
#include <cstdint>
#include <string>
#include <string_view>

#include "data/node.h"

namespace oitgen::model {

// Replaces ASCII digits with ๐–๙, except inside Latin words and URLs/e-mail addresses
// ("nongkhai2.go.th", "A4" stay as they are).
std::string to_thai_digits(std::string_view text);
// Every ASCII digit to ๐–๙, codes like "O14" included (where the layout asks for it).
std::string to_thai_digits_everywhere(std::string_view text);

const char* thai_month_name(int month);  // 1..12 -> "มกราคม" ...
int buddhist_year(int gregorian_year);

// "14 มกราคม พ.ศ. 2565"
std::string format_thai_date(const data::Date& d);
// "14 มกราคม 2565" (without พ.ศ.)
std::string format_thai_date_short(const data::Date& d);
// Amounts a document may print: finite, and below a trillion baht in size (the formats below
// work in satang held in 64 bits; data with larger or non-finite amounts is refused upstream).
constexpr double kMaxAmount = 1e12;
bool is_printable_amount(double value);
// 100000 -> "100,000"; 1234.5 -> "1,234.50"; "" for an amount that is not printable.
std::string format_amount(double value);
// Always with satang: 61000 -> "61,000.00".
std::string format_amount_fixed(double value);
// 100000 -> "หนึ่งแสนบาทถ้วน"; 21.25 -> "ยี่สิบเอ็ดบาทยี่สิบห้าสตางค์"; "" when not printable.
std::string baht_words(double value);
// 12345 -> "หนึ่งหมื่นสองพันสามร้อยสี่สิบห้า"
std::string number_words(int64_t value);

}  // namespace oitgen::model
