// Text stage: shaping of hard Thai clusters, break opportunities and their rules, line breaking
// and both justifications.
#include <gtest/gtest.h>

#include "test_support.h"
#include "util/utf.h"

namespace oitgen::text {
namespace {

using oitgen::testing::font;
using oitgen::testing::setter;

uint32_t nominal(const Font& f, char32_t c) {
  hb_codepoint_t g = 0;
  hb_font_get_nominal_glyph(f.hb_font(), c, &g);
  return g;
}

std::vector<ShapedGlyph> shape(const std::string& s) {
  static Shaper shaper(ShapingLanguages::make());
  auto f = font();
  const auto u = to_u32(s);
  return shaper.shape(u, {{0, u.size(), f.get(), 10.64}});
}

// The break positions of `s`, as the pieces between them.
std::vector<std::string> pieces(const std::string& s, const Breaker& b) {
  const auto u = to_u32(s);
  const auto ok = b.line_opportunities(u);
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t i = 1; i <= u.size(); ++i)
    if (i == u.size() || ok[i]) {
      out.push_back(to_utf8(std::u32string_view(u).substr(start, i - start)));
      start = i;
    }
  return out;
}

std::vector<std::string> pieces(const std::string& s) { return pieces(s, setter().breaker()); }

bool has_break_inside(const std::string& s, const std::string& phrase) {
  const auto parts = pieces(s);
  // The phrase must occur within one piece.
  for (const auto& p : parts)
    if (p.find(phrase) != std::string::npos) return false;
  return true;
}

TEST(Shaping, NoMissingGlyphsInHardStrings) {
  for (const char* s : {"ปู่", "ป่ากู้", "ปั้น", "ฟ้ำ", "น้ำ", "ญู", "ฐู", "ฤๅษี", "กำ", "ๆ", "ฯลฯ"})
    for (const auto& g : shape(s)) EXPECT_NE(g.gid, 0u) << s;
}

TEST(Shaping, ToneMarkUnderNoVowelIsLowered) {
  auto f = font();
  const auto g = shape("ปู่");
  ASSERT_EQ(g.size(), 3u);
  // Glyph order differs from character order: ป ่ ู, with the lowered tone mark (PUA F70A).
  EXPECT_EQ(g[0].gid, nominal(*f, U'ป'));
  EXPECT_EQ(g[1].gid, nominal(*f, 0xF70A));
  EXPECT_NE(g[1].gid, nominal(*f, U'่'));
  EXPECT_EQ(g[2].gid, nominal(*f, U'ู'));
  // ป่า: the tone mark is lowered and moved left of ป's ascender.
  const auto pa = shape("ป่า");
  EXPECT_EQ(pa[1].gid, nominal(*f, 0xF70A));
  EXPECT_LT(pa[1].x_offset, 0);
}

TEST(Shaping, LetterWithoutDescenderBeforeLowerVowel) {
  auto f = font();
  EXPECT_EQ(shape("ญู")[0].gid, nominal(*f, 0xF70F));
  EXPECT_EQ(shape("ฐู")[0].gid, nominal(*f, 0xF700));
  EXPECT_EQ(shape("ญา")[0].gid, nominal(*f, U'ญ'));  // with nothing below, ญ keeps its tail
}

TEST(Shaping, UpperMarksShiftLeftOfTallConsonants) {
  const auto g = shape("ปั้น");
  ASSERT_EQ(g.size(), 4u);
  EXPECT_LT(g[1].x_offset, 0);  // ั
  EXPECT_LT(g[2].x_offset, 0);  // ้
  const auto f = shape("ฟ้ำ");
  ASSERT_EQ(f.size(), 4u);
  EXPECT_LT(f[1].x_offset, 0);
  EXPECT_LT(f[2].x_offset, 0);
}

TEST(Shaping, SaraAmSplitsIntoNikhahitAndSaraAa) {
  auto f = font();
  const auto g = shape("กำ");
  ASSERT_EQ(g.size(), 3u);
  EXPECT_EQ(g[1].gid, nominal(*f, U'ํ'));
  EXPECT_EQ(g[2].gid, nominal(*f, U'า'));
}

TEST(Shaping, EveryGlyphMapsBackToThaiNotPua) {
  auto f = font();
  for (const char* s : {"ปู่", "ป่ากู้", "ปั้น", "ฟ้ำ", "น้ำ", "ญู", "ฐู", "ฤๅษี", "กำ", "ปี่"})
    for (const auto& g : shape(s)) {
      const auto t = f->text_of_glyph(g.gid);
      ASSERT_EQ(t.size(), 1u) << s;
      EXPECT_TRUE(is_thai(t[0])) << s << " " << codepoint_name(t[0]);
    }
}

TEST(Breaks, WordListKeepsCompoundsIcuSplits) {
  // ICU alone splits ธรรมาภิบาล (ธร|รมาภิ|บาล); the shipped word list keeps it whole.
  auto no_words = std::make_shared<BreakRules>(setter().breaker().rules());
  no_words->compounds = WordList();
  Breaker icu_only(no_words);
  const auto raw = pieces("หลักธรรมาภิบาลในสถานศึกษา", icu_only);
  std::string raw_joined;
  for (const auto& p : raw) raw_joined += p + "|";
  EXPECT_NE(raw_joined.find("ธร|"), std::string::npos) << raw_joined;
  const auto ruled = pieces("หลักธรรมาภิบาลในสถานศึกษา");
  EXPECT_NE(std::find(ruled.begin(), ruled.end(), "ธรรมาภิบาล"), ruled.end());
}

TEST(Breaks, NeverBeforeMaiyamokOrPaiyannoiOrClosingQuote) {
  EXPECT_TRUE(!has_break_inside("ข้อมูลต่าง ๆ ของหน่วยงาน", "ต่าง ๆ"));
  EXPECT_TRUE(!has_break_inside("เด็กๆ ไปโรงเรียน", "เด็กๆ"));
  EXPECT_TRUE(!has_break_inside("กรุงเทพฯ เป็นเมืองหลวง", "กรุงเทพฯ"));
  EXPECT_TRUE(!has_break_inside("ผลไม้ ฯลฯ", "ฯลฯ"));
  EXPECT_TRUE(!has_break_inside("คำว่า “สุจริต” ในที่นี้", "สุจริต”"));
  for (const auto& p : pieces("ต่าง ๆ และ ฯลฯ “สุจริต”"))
    EXPECT_TRUE(p.rfind("ๆ", 0) != 0 && p.rfind("ฯ", 0) != 0 && p.rfind("”", 0) != 0) << p;
}

TEST(Breaks, NeverAfterAHyphenInsideAWord) {
  EXPECT_FALSE(has_break_inside("ประกอบด้วย ชื่อ-นามสกุล ตำแหน่ง", "ชื่อ-นามสกุล"));
  EXPECT_FALSE(has_break_inside("ความก้าวหน้าแต่ละโครงการ/กิจกรรม รายละเอียด", "โครงการ/กิจกรรม"));
}

TEST(Breaks, KeepsTogetherNamesAmountsDatesAndDistricts) {
  EXPECT_FALSE(has_break_inside("ลงนามโดยนายวรรณชัย บุสนาม ผู้อำนวยการ", "นายวรรณชัย บุสนาม"));
  EXPECT_FALSE(has_break_inside("ผู้รับผิดชอบ นางสาวนิภาพร พลสุวรรณ และคณะ", "นางสาวนิภาพร พลสุวรรณ"));
  EXPECT_FALSE(has_break_inside("งบประมาณ ๑๐๐,๐๐๐ บาท ใช้ไป", "๑๐๐,๐๐๐ บาท"));
  EXPECT_FALSE(has_break_inside("ประกาศ ณ วันที่ ๑๔ มกราคม พ.ศ. ๒๕๖๕ เป็นต้นไป", "๑๔ มกราคม พ.ศ. ๒๕๖๕"));
  EXPECT_FALSE(has_break_inside("สำนักงานเขตพื้นที่การศึกษาประถมศึกษาหนองคาย เขต ๒ มีความมุ่งมั่น", "เขต ๒"));
  EXPECT_FALSE(has_break_inside("ตามคำสั่งที่ 169/2564 ลงวันที่", "ที่ 169/2564"));
  // Without those rules the same spaces are ordinary break opportunities.
  EXPECT_TRUE(has_break_inside("งบประมาณ ๑๐๐,๐๐๐ และ บาท", "๑๐๐,๐๐๐ และ"));
}

TEST(Breaks, NeverInsideAGraphemeCluster) {
  const std::string s = "ปู่ป่ากู้ปั้นฟ้ำน้ำญูฐูฤๅษีกำ";
  const auto u = to_u32(s);
  const auto ok = setter().breaker().line_opportunities(u);
  const auto clusters = setter().breaker().cluster_starts(u);
  for (size_t i = 0; i < u.size(); ++i) {
    if (ok[i]) {
      EXPECT_TRUE(clusters[i]) << i;
    }
  }
}

ParagraphSpec para(const std::string& text, double width, Align align, double indent = 0) {
  ParagraphSpec p;
  p.spans.push_back({text, font().get(), 16 * 0.6648});
  p.width = width;
  p.align = align;
  p.first_indent = indent;
  return p;
}

double right_edge(const Line& l, const Font& f, double size) {
  double x = 0;
  for (const auto& w : l.words)
    for (const auto& g : w.glyphs) x = std::max(x, g.x + f.advance(g.gid) * size / f.units_per_em());
  return x;
}

const std::string kLong =
    "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาหนองคาย เขต ๒ มีความมุ่งมั่นในการบริหารงาน ให้สำเร็จตามพันธกิจ "
    "อย่างมีธรรมาภิบาล และให้ความสำคัญกับการเผยแพร่ข้อมูล ข่าวสาร มีช่องทางการติดต่อสื่อสาร";

TEST(LineBreaking, LinesFitAndKeepEveryCharacterOnce) {
  Diagnostics d;
  const auto lines = setter().set(para(kLong, 200, Align::Left), d);
  ASSERT_GT(lines.size(), 2u);
  std::string joined;
  for (const auto& l : lines) {
    EXPECT_LE(l.width, 200.01);
    joined += l.text;
  }
  std::string expected = kLong;
  std::erase(expected, ' ');
  std::erase(joined, ' ');
  EXPECT_EQ(joined, expected);
}

TEST(LineBreaking, BothJustificationsFillAllButTheLastLine) {
  auto f = font();
  const double size = 16 * 0.6648;
  for (Align a : {Align::Justify, Align::ThaiDistributed}) {
    Diagnostics d;
    const auto lines = setter().set(para(kLong, 220, a, 30), d);
    ASSERT_GT(lines.size(), 2u);
    for (size_t i = 0; i + 1 < lines.size(); ++i) EXPECT_NEAR(right_edge(lines[i], *f, size), 220, 0.05) << i;
    EXPECT_LT(right_edge(lines.back(), *f, size), 219);  // last line not stretched
  }
}

TEST(LineBreaking, DistributedSpreadsOverClustersJustifyOverWordBreaks) {
  // Same first line, two methods: thai-distributed moves every cluster a little, justify only
  // moves text at break opportunities, so within a word glyph gaps stay natural.
  Diagnostics d;
  const std::string text = "การประชุมเชิงปฏิบัติการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐทุกแห่ง";
  const auto dist = setter().set(para(text, 180, Align::ThaiDistributed), d);
  const auto just = setter().set(para(text, 180, Align::Justify), d);
  ASSERT_GE(dist.size(), 2u);
  ASSERT_EQ(dist[0].text, just[0].text);
  auto f = font();
  const double size = 16 * 0.6648;
  auto natural_gaps = [&](const Line& l) {
    int same = 0, total = 0;
    const auto& g = l.words[0].glyphs;
    for (size_t i = 1; i < g.size(); ++i) {
      const double natural = f->advance(g[i - 1].gid) * size / f->units_per_em();
      if (natural == 0) continue;
      ++total;
      same += std::abs((g[i].x - g[i - 1].x) - natural) < 0.001;
    }
    return std::pair{same, total};
  };
  const auto [dsame, dtotal] = natural_gaps(dist[0]);
  const auto [jsame, jtotal] = natural_gaps(just[0]);
  EXPECT_LT(dsame, dtotal / 2);   // distributed: most gaps widened
  EXPECT_GT(jsame, jtotal / 2);   // justify: most gaps untouched
}

TEST(LineBreaking, ALineThatWouldNeedWideLetterSpacingIsLeftUnstretched) {
  // The date is kept whole and goes to the next line, leaving a third of the first line empty:
  // spreading that over its clusters would space the letters out visibly.
  auto f = font();
  const double size = 16 * 0.6648;
  const std::string text = "การประชุมชี้แจงแนวทางการใช้แบบวัด วันที่ 22 มิถุนายน 2565";
  Diagnostics d;
  const auto lines = setter().set(para(text, 250, Align::ThaiDistributed), d);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[1].text, "วันที่ 22 มิถุนายน 2565");
  EXPECT_LT(right_edge(lines[0], *f, size), 200);  // natural width, not stretched to 250
}

TEST(LineBreaking, WordWiderThanTheLineBreaksBetweenClusters) {
  Diagnostics d;
  const auto lines = setter().set(para("ปู่ป่ากู้ปั้นฟ้ำน้ำญูฐูฤๅษีกำ", 25, Align::Left), d);
  ASSERT_GT(lines.size(), 2u);
  const auto& b = setter().breaker();
  std::string all;
  for (const auto& l : lines) {
    EXPECT_FALSE(l.text.empty());
    const auto u = to_u32(l.text);
    // Each line starts a cluster: its first character is not a combining mark.
    EXPECT_TRUE(b.cluster_starts(u)[0]);
    EXPECT_FALSE(u[0] >= 0x0E31 && u[0] <= 0x0E4E && u[0] != 0x0E32 && u[0] != 0x0E33 && u[0] != 0x0E40 &&
                 u[0] != 0x0E41 && u[0] != 0x0E42 && u[0] != 0x0E43 && u[0] != 0x0E44 && u[0] != 0x0E45 &&
                 u[0] != 0x0E46)
        << l.text;
    all += l.text;
  }
  EXPECT_EQ(all, "ปู่ป่ากู้ปั้นฟ้ำน้ำญูฐูฤๅษีกำ");
}

TEST(LineBreaking, MissingCharacterIsAWarningThatNamesIt) {
  Diagnostics d;
  auto p = para("ข้อความ 😀 ทดสอบ", 300, Align::Left);
  p.where = {"x.toml", 3, 9};
  setter().set(p, d);
  ASSERT_EQ(d.items().size(), 1u);
  EXPECT_EQ(d.items()[0].severity, Severity::Warning);
  EXPECT_NE(d.items()[0].format().find("x.toml:3:9"), std::string::npos);
  EXPECT_NE(d.items()[0].message.find("U+1F600"), std::string::npos);
}

}  // namespace
}  // namespace oitgen::text
