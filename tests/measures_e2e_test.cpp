// The O42/O43 measures report (measures-report) end to end: built by the real binary from the
// sample, read back with poppler and qpdf: the seed's passages, the computed figures, the
// contents with page ranges, the outline, /PageLabels against the printed numbers, the chart as
// vectors, the composed documents against the stand-alone ones, and figures that follow a
// changed score.
#include <gtest/gtest.h>

#include <fstream>
#include <algorithm>
#include <map>
#include <sstream>

#include "data/dataset.h"
#include "model/thai_format.h"
#include "test_support.h"
#include "util/files.h"
#include "util/utf.h"

namespace oitgen {
namespace {

namespace fs = std::filesystem;
using testing::collapse_spaces;
using testing::contains_paragraph;
using testing::page_count;
using testing::quote;
using testing::repo;
using testing::run;
using testing::sample_data;

std::string thai(const std::string& s) { return model::to_thai_digits(s); }

struct Built {
  fs::path out;
  std::string messages;  // what the build printed
};

Built build_into(const fs::path& data, const std::string& name) {
  auto d = testing::temp_dir(name);
  auto r = run(std::string(OITGEN_BINARY) + " build " + quote(data) + " -o " + quote(d / "out"));
  EXPECT_EQ(r.exit_code, 0) << r.output;
  return {d / "out", r.output};
}

const Built& sample_build() {
  static const Built built = build_into(repo() / "samples/nongkhai2-2565", "measures-e2e");
  return built;
}

fs::path report() { return sample_build().out / "measures-report.pdf"; }

// pdftotext's output without its page-end form feeds, spaces collapsed.
std::string clean(std::string s) {
  std::erase(s, '\f');
  return collapse_spaces(s);
}

// Text of a page without its top band, where the page numbers stand.
std::string body_text(const fs::path& pdf, int page) {
  return run("pdftotext -r 72 -f " + std::to_string(page) + " -l " + std::to_string(page) +
             " -x 0 -y 48 -W 596 -H 800 " + quote(pdf) + " -")
      .output;
}

// The report's own page number: top right of the page.
std::string printed_report_number(const fs::path& pdf, int page) {
  return clean(run("pdftotext -r 72 -f " + std::to_string(page) + " -l " + std::to_string(page) +
                   " -x 400 -y 0 -W 196 -H 48 " + quote(pdf) + " -")
                   .output);
}

// /PageLabels as qpdf reads them: the label of every page ("" where a range has no prefix).
std::vector<std::string> page_labels(const fs::path& pdf, int pages) {
  const std::string json = run("qpdf --json --json-key=pagelabels " + quote(pdf)).output;
  std::vector<std::string> labels(pages);
  for (size_t at = json.find("\"index\": "); at != std::string::npos; at = json.find("\"index\": ", at + 1)) {
    const int index = std::stoi(json.substr(at + 9));
    const size_t end = json.find('}', at);
    const size_t p = json.find("\"/P\": \"u:", at);
    if (index < pages && p != std::string::npos && p < end) {
      const size_t start = p + 9;
      labels[index] = json.substr(start, json.find('"', start) - start);
    }
  }
  return labels;
}

// The outline as qpdf reads it: title, page (1-based) and depth of every bookmark, in order.
struct Bookmark {
  std::string title;
  int page = 0, depth = 0;
};

std::vector<Bookmark> outline(const fs::path& pdf) {
  const std::string json = run("qpdf --json --json-key=outlines " + quote(pdf)).output;
  std::vector<Bookmark> out;
  std::vector<size_t> open;  // indexes into `out` of the bookmarks being read
  int depth = -1;
  bool in_string = false;
  for (size_t i = json.find("\"outlines\""); i < json.size(); ++i) {
    const char c = json[i];
    if (c == '"' && json[i - 1] != '\\') in_string = !in_string;
    if (in_string) {
      if (json.compare(i, 20, "\"destpageposfrom1\": ") == 0) out[open.back()].page = std::stoi(json.substr(i + 20));
      if (json.compare(i, 10, "\"title\": \"") == 0) {
        const size_t start = i + 10;
        out[open.back()].title = json.substr(start, json.find('"', start) - start);
        i = json.find('"', start) - 1;
      }
      continue;
    }
    if (c == '{') {
      out.push_back({"", 0, ++depth});
      open.push_back(out.size() - 1);
    } else if (c == '}') {
      if (open.empty()) break;
      open.pop_back();
      --depth;
    }
  }
  return out;
}

std::vector<testing::TocLine> contents_of(const fs::path& pdf) {
  return testing::read_contents(run("pdftotext -layout -f 3 -l 3 " + quote(pdf) + " -").output);
}

// The page range a contents label names: "๕-๑๐" or "๕", as indexes into `labels`.
std::pair<int, int> range_of(const std::string& label, const std::vector<std::string>& labels) {
  const auto dash = label.find('-');
  const std::string first = label.substr(0, dash), last = dash == std::string::npos ? first : label.substr(dash + 1);
  int a = -1, b = -1;
  for (size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] == first && a < 0) a = static_cast<int>(i);
    if (labels[i] == last && a >= 0 && b < 0) b = static_cast<int>(i);
  }
  return {a, b};
}

TEST(Measures, SeedPassagesAndComputedFiguresReadBack) {
  // Page by page without the page numbers, which would stand inside a paragraph that runs on.
  std::string text;
  for (int p = 1; p <= page_count(report()); ++p) text += body_text(report(), p);
  auto root = sample_data();
  const auto& m = *root->get("measures");
  std::vector<std::string> passages = {
      "รายงานผลการดำเนินการตามมาตรการ เพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน การเปิดเผยข้อมูล ประจำปี พ.ศ. ๒๕๖๕",
      "มาตรการส่งเสริม", "คุณธรรม", "และความโปร่งใส", "สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน",
      "จากการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐในปี พ.ศ. ๒๕๖๔ ของสำนักงานเขตพื้นที่การศึกษาประถมศึกษาหนองคาย เขต ๒ พบว่า",
      // ๑.๑ and ๑.๒ of the seed, word for word, with the computed grade, highest and lowest.
      "ผลคะแนนการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของสำนักงานเขตพื้นที่การศึกษา ประจำปีงบประมาณ พ.ศ. ๒๕๖๔ ในภาพรวมระดับประเทศ จากการประเมินสำนักงานเขตพื้นที่การศึกษาทั้งสิ้น ๒๒๕ เขต ได้คะแนนเฉลี่ยร้อยละ ๙๒.๖๕ ซึ่งถือว่ามีคุณธรรมและความโปร่งใสในการดำเนินงานอยู่ในระดับ A (Very Good)",
      "ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของสำนักงานเขตพื้นที่การศึกษาประถมศึกษาหนองคาย เขต ๒ ประจำปีงบประมาณ พ.ศ. ๒๕๖๔ ได้คะแนน ๘๗.๕๖ ซึ่งถือว่ามีคุณธรรมและความโปร่งใสในการดำเนินงานอยู่ใน ระดับ A (Very Good) โดย ตัวชี้วัดคุณภาพการดำเนินงาน ได้คะแนนสูงสุด ๙๙.๖๗ คะแนน ส่วนตัวชี้วัดที่ได้คะแนนต่ำกว่าตัวชี้วัดอื่น ๆ คือ ตัวชี้วัดการป้องกันการทุจริต ได้คะแนน ๖๘.๗๕ คะแนน",
      "ผลคะแนนการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของสำนักงานเขตพื้นที่การศึกษาประถมศึกษาหนองคาย เขต ๒ ที่ผ่านมา (พ.ศ. ๒๕๕๘ – ๒๕๖๔) สรุปได้ ดังนี้",
      // The weak points: indicators under the pass mark and the items that scored 0, computed.
      "จากรายงานผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของสำนักงานเขตพื้นที่การศึกษาออนไลน์ ประจำปีงบประมาณ ๒๕๖๔ พบว่าข้อบกพร่อง/จุดอ่อน ที่ต้องปรับปรุง แก้ไข พัฒนา ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล และ ตัวชี้วัดที่ ๑๐ การป้องกันการทุจริต โดยมีตัวชี้วัดย่อยในตัวชี้วัดดังกล่าวได้รับคะแนนเป็น ๐ คะแนน เช่น O๑๔, O๒๐, O๒๖, O๒๗, O๒๘, O๓๗ และ O๔๓",
      "เพื่อให้การปรับปรุงข้อบกพร่อง/จุดอ่อน ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล และ ตัวชี้วัดที่ ๑๐ การป้องกันการทุจริต สำนักงานเขตพื้นที่การศึกษาประถมศึกษาหนองคาย เขต ๒ จึงได้กำหนดแนวทางการดำเนินกิจกรรมดังนี้",
      "จำนวน ๔๓ ข้อมูล ได้คะแนน ๐ จำนวน ๗ ข้อมูล",
      "มีจำนวน ๒ ตัวชี้วัด"};
  for (const auto& p : m.get("preface")->array) passages.push_back(thai(p->s));
  const auto& activities = m.get("activities")->array;
  for (size_t i = 0; i < activities.size(); ++i) {
    const auto& a = *activities[i];
    std::string para = "กิจกรรมที่ " + thai(std::to_string(i + 1)) + " " + thai(a.get("title")->s);
    if (const auto* t = a.get("text")) para += " " + thai(t->s);
    passages.push_back(para);
    if (const auto* steps = a.get("steps"))
      for (const auto& s : steps->array) passages.push_back(thai(s->s));
  }
  for (const auto& p : passages) EXPECT_TRUE(contains_paragraph(text, p)) << p;
  for (char32_t c : to_u32(text)) ASSERT_FALSE(c >= 0xE000 && c <= 0xF8FF) << codepoint_name(c);
  EXPECT_EQ(text.find("  "), std::string::npos);
}

// Table cells are read one column at a time (cropped at the cell edges of the layout).
std::string column_text(const fs::path& pdf, int page, double x0_cm, double x1_cm) {
  const double k = 72 / 2.54;
  return run("pdftotext -r 72 -f " + std::to_string(page) + " -l " + std::to_string(page) + " -x " +
             std::to_string(static_cast<int>(x0_cm * k) + 1) + " -y 48 -W " +
             std::to_string(static_cast<int>((x1_cm - x0_cm) * k) - 2) + " -H 780 " + quote(pdf) + " -")
      .output;
}

// The first page from `from` on whose text holds `text`, or 0.
int page_with(const fs::path& pdf, const std::string& text, int from = 1) {
  for (int p = from; p <= page_count(pdf); ++p)
    if (testing::pdftotext(pdf, p).find(text) != std::string::npos) return p;
  return 0;
}

TEST(Measures, HistoryTrendsDifferencesAndGradesAreComputed) {
  const auto pdf = report();
  const int page = page_with(pdf, "ผลต่าง + / -");
  ASSERT_GT(page, 0);
  // Row by row: year, score, trend, signed difference. The seed prints the 2559 difference as
  // ๑๐.๖๕, without its sign.
  const std::string rows = clean(testing::pdftotext(pdf, page));
  EXPECT_NE(rows.find("๒๕๕๘ ๘๒.๙๙ - - ๒๕๕๙ ๗๒.๓๔ ลดลง -๑๐.๖๕ ๒๕๖๐ ๘๖.๗๘ เพิ่มขึ้น +๑๔.๔๔ ๒๕๖๑ ๙๑.๕๓ เพิ่มขึ้น "
                      "+๔.๗๕ ๒๕๖๒ ๙๑.๐๐ ลดลง -๐.๕๓ ๒๕๖๓ ๘๖.๓๕ ลดลง -๔.๖๕ ๒๕๖๔ ๘๗.๕๖ เพิ่มขึ้น +๑.๒๑"),
            std::string::npos)
      << rows;
  const int ind_page = page_with(pdf, "ประเด็นตัวชี้วัด");
  ASSERT_GT(ind_page, 0);
  // Row by row: number, name, score, computed grade and pass against the scale's 85.
  const std::string indicators = clean(testing::pdftotext(pdf, ind_page));
  EXPECT_NE(indicators.find("๑ การปฏิบัติหน้าที่ ๙๘.๐๕ AA ผ่าน ๒ การใช้งบประมาณ ๘๗.๘๔ A ผ่าน ๓ การใช้อำนาจ ๙๔.๕๘ A ผ่าน "
                            "๔ การใช้ทรัพย์สินของราชการ ๙๓.๑๖ A ผ่าน ๕ การแก้ไขปัญหาการทุจริต ๙๓.๕๖ A ผ่าน "
                            "๖ คุณภาพการดำเนินงาน ๙๙.๖๗ AA ผ่าน ๗ ประสิทธิภาพการสื่อสาร ๙๙.๒๙ AA ผ่าน "
                            "๘ การปรับปรุงระบบการทำงาน ๙๙.๕๔ AA ผ่าน ๙ การเปิดเผยข้อมูล ๗๙.๖๔ B ไม่ผ่าน "
                            "๑๐ การป้องกันการทุจริต ๖๘.๗๕ C ไม่ผ่าน"),
            std::string::npos)
      << indicators;
}

// The seed's two wrong figures, typed into a copy of the data as the seed has them: the run
// warns at each, with file:line:col, and prints the computed values.
TEST(Measures, StatedFiguresThatTheScoresContradictAreWarnedAbout) {
  const auto dir = testing::sample_copy("measures-stated");
  auto text = *read_file(dir / "data/measures.toml");
  auto insert_after = [&](const std::string& anchor, const std::string& line) {
    const auto at = text.find(anchor);
    ASSERT_NE(at, std::string::npos) << anchor;
    text.insert(at + anchor.size(), line);
  };
  insert_after("score = 72.34\n", "difference = 10.65\n");
  insert_after("score = 68.75\n", "grade = \"B\"\n");
  std::ofstream(dir / "data/measures.toml", std::ios::binary | std::ios::trunc) << text;
  auto line_of = [&](const std::string& needle) {
    return std::to_string(std::count(text.begin(), text.begin() + static_cast<long>(text.find(needle)), '\n') + 1);
  };
  const auto built = build_into(dir / "data", "measures-stated-out");
  EXPECT_NE(built.messages.find("measures.toml:" + line_of("difference = 10.65") +
                                ":14: warning: the data gives the 2559 difference as 10.65, but the scores give -10.65"),
            std::string::npos)
      << built.messages;
  EXPECT_NE(built.messages.find("measures.toml:" + line_of("grade = \"B\"") +
                                ":9: warning: indicator 10 is graded 'B' in the data, but its score 68.75 is C on "
                                "the 2564 scale; the report prints C"),
            std::string::npos)
      << built.messages;
  const auto pdf = built.out / "measures-report.pdf";
  const std::string rows = clean(testing::pdftotext(pdf, page_with(pdf, "ผลต่าง + / -")));
  EXPECT_NE(rows.find("๒๕๕๙ ๗๒.๓๔ ลดลง -๑๐.๖๕"), std::string::npos) << rows;
  const std::string indicators = clean(testing::pdftotext(pdf, page_with(pdf, "ประเด็นตัวชี้วัด")));
  EXPECT_NE(indicators.find("๑๐ การป้องกันการทุจริต ๖๘.๗๕ C ไม่ผ่าน"), std::string::npos) << indicators;
}

TEST(Measures, OitGridMarksTheZeroScores) {
  const auto pdf = report();
  const int page = page_with(pdf, "O๓๔");  // the grid comes before any other mention
  ASSERT_GT(page, 0);
  // Four pairs of columns across the 16 cm column: each pair is 4 cm, id then score.
  std::string ids, scores;
  for (int k = 0; k < 4; ++k) {
    ids += clean(column_text(pdf, page, 3.0 + 4 * k, 5.0 + 4 * k)) + " ";
    scores += clean(column_text(pdf, page, 5.0 + 4 * k, 7.0 + 4 * k)) + " ";
  }
  // Down the first copy, then the next: O1…O11, O12…O22 …
  EXPECT_NE(ids.find("ข้อ O๑ O๒ O๓ O๔ O๕ O๖ O๗ O๘ O๙ O๑๐ O๑๑"), std::string::npos) << ids;
  EXPECT_NE(ids.find("ข้อ O๓๔ O๓๕ O๓๖ O๓๗ O๓๘ O๓๙ O๔๐ O๔๑ O๔๒ O๔๓"), std::string::npos) << ids;
  EXPECT_NE(scores.find("คะแนน ๑๐๐ ๑๐๐ ๐ ๑๐๐"), std::string::npos) << scores;  // O12–O15
  // Each zero score and its id are shaded: fill operators in the page content, 14 cells.
  const std::string content = run("qpdf --qdf --object-streams=disable " + quote(pdf) + " -").output;
  size_t shaded = 0;
  for (size_t at = content.find("0.75 g "); at != std::string::npos; at = content.find("0.75 g ", at + 1)) ++shaded;
  EXPECT_EQ(shaded, 14u);
}

TEST(Measures, ChartIsVectorWithLabelsAsText) {
  const auto pdf = report();
  const int page = page_with(pdf, "ผลคะแนน ITA ของ");
  ASSERT_GT(page, 0);
  // No image on the chart's page: bars, axis and gridlines are drawn.
  const auto images = run("pdfimages -list -f " + std::to_string(page) + " -l " + std::to_string(page) + " " + quote(pdf)).output;
  EXPECT_EQ(std::count(images.begin(), images.end(), '\n'), 2) << images;  // the header lines only
  // In layout mode the axis labels and the years under the bars each read as one line.
  const std::string layout =
      run("pdftotext -layout -f " + std::to_string(page) + " -l " + std::to_string(page) + " " + quote(pdf) + " -").output;
  std::vector<std::string> lines;
  std::istringstream in(layout);
  for (std::string line; std::getline(in, line);) lines.push_back(clean(line));
  auto has_line = [&](const std::string& wanted) {
    return std::find(lines.begin(), lines.end(), wanted) != lines.end();
  };
  EXPECT_TRUE(has_line("๒๕๕๘ ๒๕๕๙ ๒๕๖๐ ๒๕๖๑ ๒๕๖๒ ๒๕๖๓ ๒๕๖๔")) << layout;
  const std::string text = clean(layout);
  for (const char* label : {"๑๐๐", "๙๐", "๘๐", "๗๐", "๖๐", "๕๐", "๘๒.๙๙", "๗๒.๓๔", "๘๖.๗๘", "๙๑.๕๓", "๙๑.๐๐",
                            "๘๖.๓๕", "๘๗.๕๖"})
    EXPECT_NE(text.find(label), std::string::npos) << label << "\n" << text;
}

TEST(Measures, ContentsRangesOutlineAndPageLabelsAgree) {
  const auto pdf = report();
  const int pages = page_count(pdf);
  ASSERT_GT(pages, 20);
  const auto labels = page_labels(pdf, pages);
  // /PageLabels say what the page says: nothing on the covers, ก ข, then ๑ ๒ ๓ … top right.
  EXPECT_EQ(labels[0], "");
  EXPECT_EQ(labels[1], "ก");
  EXPECT_EQ(labels[2], "ข");
  EXPECT_EQ(labels[3], "๑");
  EXPECT_EQ(labels[pages - 1], "");
  for (int p = 1; p <= pages; ++p) EXPECT_EQ(printed_report_number(pdf, p), labels[p - 1]) << "page " << p;

  const auto entries = contents_of(pdf);
  const auto marks = outline(pdf);
  std::vector<Bookmark> top;
  for (const auto& b : marks)
    if (b.depth == 0) top.push_back(b);
  ASSERT_EQ(entries.size(), top.size());
  ASSERT_EQ(entries.size(), 6u);  // คำนำ, สารบัญ, the analysis and the three composed documents
  for (size_t i = 0; i < entries.size(); ++i) {
    SCOPED_TRACE(top[i].title);
    EXPECT_TRUE(contains_paragraph(entries[i].title, top[i].title)) << entries[i].title;
    const auto [first, last] = range_of(entries[i].label, labels);
    ASSERT_GE(first, 0) << entries[i].label;
    // The bookmark and the contents agree on the first page …
    EXPECT_EQ(first + 1, top[i].page);
    // … and a part ends on the page before the next one starts (the last before the back cover).
    const int next = i + 1 < top.size() ? top[i + 1].page - 1 : pages - 1;
    if (i >= 2) {
      EXPECT_EQ(last + 1, next) << entries[i].label;
    }
  }
  EXPECT_EQ(entries[0].label, "ก");
  EXPECT_EQ(entries[1].label, "ข");
  // The headings of the report and of the composed results are on the pages they name.
  EXPECT_NE(body_text(pdf, top[2].page).find("ผลการดำเนินการตามมาตรการ"), std::string::npos);
  EXPECT_NE(body_text(pdf, top[3].page).find("ประกาศสำนักงานเขตพื้นที่การศึกษา"), std::string::npos);
  EXPECT_NE(body_text(pdf, top[4].page).find("คำสั่งสำนักงานเขตพื้นที่การศึกษา"), std::string::npos);
  // The composed documents keep their own headings, as bookmarks under their part and on
  // pages of its range; the results part has "๒. ผลการดำเนินงาน…" and its five activities.
  int part = -1, under_results = 0;
  for (const auto& b : marks) {
    if (b.depth == 0) {
      ++part;
      continue;
    }
    SCOPED_TRACE(b.title);
    ASSERT_GE(part, 3);  // only composed documents have headings under a part
    const int end = static_cast<size_t>(part) + 1 < top.size() ? top[part + 1].page - 1 : pages - 1;
    EXPECT_GE(b.page, top[part].page);
    EXPECT_LE(b.page, end);
    EXPECT_NE(clean(testing::pdftotext(pdf, b.page)).find(b.title.substr(0, 30)), std::string::npos);
    under_results += part == 5;
  }
  EXPECT_GE(under_results, 6);
}

TEST(Measures, ComposedDocumentsReadAsTheStandAloneOnes) {
  const auto pdf = report();
  const auto labels = page_labels(pdf, page_count(pdf));
  const auto entries = contents_of(pdf);
  ASSERT_EQ(entries.size(), 6u);
  auto composed = [&](size_t entry) {
    const auto [first, last] = range_of(entries[entry].label, labels);
    std::string text;
    for (int p = first + 1; p <= last + 1; ++p) text += body_text(pdf, p);
    return text;
  };
  auto alone = [&](const std::string& kind, int from, int to) {
    const auto file = sample_build().out / (kind + ".pdf");
    std::string text;
    for (int p = from; p <= (to ? to : page_count(file)); ++p) text += body_text(file, p);
    return text;
  };
  EXPECT_EQ(composed(3), alone("announcement", 1, 0));
  EXPECT_EQ(composed(4), alone("order", 1, 0));
  // The results are the stand-alone report's pages from "๒. ผลการดำเนินงาน…" to the back cover.
  const auto monitoring = sample_build().out / "monitoring-6m.pdf";
  const int results = page_with(monitoring, "๒. ผลการดำเนินงานตาม", 4);  // after its contents
  ASSERT_GT(results, 0);
  EXPECT_EQ(composed(5), alone("monitoring-6m", results, page_count(monitoring) - 1));
  // Included forms keep their own continuation numbers at the top centre.
  const auto [first, last] = range_of(entries[3].label, labels);
  EXPECT_EQ(testing::pdftotext(pdf, first + 2).rfind("- ๒ -", 0), 0u);
}

TEST(Measures, FiguresFollowAChangedScore) {
  const auto dir = testing::sample_copy("measures-changed");
  auto text = *read_file(dir / "data/measures.toml");
  auto replace = [&](const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
  };
  // The stated total stays 85.00, which the indicators now contradict: the report prints theirs,
  // 0.3 × 93.44 + 0.3 × 99.50 + 0.4 × 78.07 = 89.11.
  replace("year = 2564\nscore = 87.56", "year = 2564\nscore = 85.00");
  replace("score = 68.75", "score = 76.5");                             // indicator 10: B now
  replace("score = 76.5\n", "score = 76.5\ngrade = \"C\"\n");             // and the data says C
  replace("O14 = 0", "O14 = 100");                                      // O14 no longer zero
  std::ofstream(dir / "data/measures.toml", std::ios::binary | std::ios::trunc) << text;
  const auto built = build_into(dir / "data", "measures-changed-out");
  const auto pdf = built.out / "measures-report.pdf";
  const int page = page_with(pdf, "ผลต่าง + / -");
  ASSERT_GT(page, 0);
  const std::string rows = clean(testing::pdftotext(pdf, page));
  EXPECT_NE(rows.find("๒๕๖๓ ๘๖.๓๕ ลดลง -๔.๖๕ ๒๕๖๔ ๘๙.๑๑ เพิ่มขึ้น +๒.๗๖"), std::string::npos) << rows;
  const std::string all = testing::pdftotext(pdf);
  EXPECT_TRUE(contains_paragraph(all, "ได้คะแนน ๘๙.๑๑ ซึ่งถือว่ามีคุณธรรมและความโปร่งใสในการดำเนินงานอยู่ใน ระดับ A (Very Good)"));
  EXPECT_NE(built.messages.find("warning: the data gives the 2564 total as 85.00, but its indicators give 89.11 "
                                "(0.3 × 93.44 + 0.3 × 99.50 + 0.4 × 78.07); the report prints 89.11"),
            std::string::npos)
      << built.messages;
  EXPECT_TRUE(contains_paragraph(all, "ส่วนตัวชี้วัดที่ได้คะแนนต่ำกว่าตัวชี้วัดอื่น ๆ คือ ตัวชี้วัดการป้องกันการทุจริต ได้คะแนน ๗๖.๕๐ คะแนน"));
  EXPECT_TRUE(contains_paragraph(all, "เช่น O๒๐, O๒๖, O๒๗, O๒๘, O๓๗ และ O๔๓"));
  EXPECT_TRUE(contains_paragraph(all, "ได้คะแนน ๐ จำนวน ๖ ข้อมูล"));
  // The chart's bar for 2564 is labelled with the new score.
  const int chart = page_with(pdf, "ผลคะแนน ITA ของ");
  EXPECT_NE(testing::pdftotext(pdf, chart).find("๘๙.๑๑"), std::string::npos);
  // Indicator 10 now reads B; the data's C is contradicted and said so.
  const int ind_page = page_with(pdf, "ประเด็นตัวชี้วัด");
  EXPECT_NE(clean(testing::pdftotext(pdf, ind_page)).find("๑๐ การป้องกันการทุจริต ๗๖.๕๐ B ไม่ผ่าน"), std::string::npos);
  EXPECT_NE(built.messages.find("indicator 10 is graded 'C' in the data, but its score 76.50 is B"), std::string::npos)
      << built.messages;
  EXPECT_EQ(built.messages.find("graded 'B'"), std::string::npos);
  // The sample itself states no figure the scores contradict: its build warns about nothing.
  EXPECT_EQ(sample_build().messages.find("warning"), std::string::npos) << sample_build().messages;
}

TEST(Measures, FontsStructureAndDeterminism) {
  const auto pdf = report();
  // One regular and one bold subset for the report and every composed part.
  EXPECT_EQ(testing::expect_sound_pdf(pdf), 2u);
  auto again = testing::temp_dir("measures-again");
  auto r = run(std::string(OITGEN_BINARY) + " build " + quote(repo() / "samples/nongkhai2-2565") + " -o " +
               quote(again) + " --only measures-report");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(*read_file(pdf), *read_file(again / "measures-report.pdf"));
}

}  // namespace
}  // namespace oitgen
