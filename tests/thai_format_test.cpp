#include <gtest/gtest.h>

#include "model/thai_format.h"

namespace oitgen::model {

TEST(ThaiDigits, ConvertsNumbersInThaiText) {
  EXPECT_EQ(to_thai_digits("เขต 2"), "เขต ๒");
  EXPECT_EQ(to_thai_digits("พ.ศ. 2565"), "พ.ศ. ๒๕๖๕");
  EXPECT_EQ(to_thai_digits("100,000 บาท"), "๑๐๐,๐๐๐ บาท");
  EXPECT_EQ(to_thai_digits("1.1 ข้อ 0123456789"), "๑.๑ ข้อ ๐๑๒๓๔๕๖๗๘๙");
}

TEST(ThaiDigits, LeavesLatinWordsAndAddressesAlone) {
  EXPECT_EQ(to_thai_digits("http://nongkhai2.go.th"), "http://nongkhai2.go.th");
  EXPECT_EQ(to_thai_digits("ITA Online 2021 A4 O43"), "ITA Online ๒๐๒๑ A4 O43");
  EXPECT_EQ(to_thai_digits("mail@obec2.go.th เขต 2"), "mail@obec2.go.th เขต ๒");
}

TEST(ThaiDates, BuddhistEraWithThaiMonth) {
  EXPECT_EQ(format_thai_date({2022, 1, 14}), "14 มกราคม พ.ศ. 2565");
  EXPECT_EQ(format_thai_date({2021, 6, 2}), "2 มิถุนายน พ.ศ. 2564");
  EXPECT_EQ(format_thai_date_short({2021, 12, 31}), "31 ธันวาคม 2564");
  EXPECT_EQ(to_thai_digits(format_thai_date({2022, 1, 14})), "๑๔ มกราคม พ.ศ. ๒๕๖๕");
  EXPECT_EQ(buddhist_year(2022), 2565);
}

TEST(Amounts, ThousandsSeparatorsAndSatang) {
  EXPECT_EQ(format_amount(100000), "100,000");
  EXPECT_EQ(format_amount(61000), "61,000");
  EXPECT_EQ(format_amount(999), "999");
  EXPECT_EQ(format_amount(1234567.5), "1,234,567.50");
}

TEST(Amounts, BahtInWords) {
  EXPECT_EQ(baht_words(100000), "หนึ่งแสนบาทถ้วน");
  EXPECT_EQ(baht_words(61000), "หกหมื่นหนึ่งพันบาทถ้วน");
  EXPECT_EQ(baht_words(39000), "สามหมื่นเก้าพันบาทถ้วน");
  EXPECT_EQ(baht_words(21), "ยี่สิบเอ็ดบาทถ้วน");
  EXPECT_EQ(baht_words(11), "สิบเอ็ดบาทถ้วน");
  EXPECT_EQ(baht_words(101), "หนึ่งร้อยเอ็ดบาทถ้วน");
  EXPECT_EQ(baht_words(1000001), "หนึ่งล้านเอ็ดบาทถ้วน");
  EXPECT_EQ(baht_words(2500000), "สองล้านห้าแสนบาทถ้วน");
  EXPECT_EQ(baht_words(10.25), "สิบบาทยี่สิบห้าสตางค์");
  EXPECT_EQ(baht_words(0), "ศูนย์บาทถ้วน");
}

}  // namespace oitgen::model
