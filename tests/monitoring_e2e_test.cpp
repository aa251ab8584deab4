// End to end for the monitoring report (O40): every passage of the data reads back exactly,
// the contents print the pages the headings are on, photos are embedded as they should be.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "data/dataset.h"
#include "model/thai_format.h"
#include "test_support.h"
#include "util/utf.h"

namespace oitgen {
namespace {

using testing::quote;
using testing::repo;
using testing::page_count;
using testing::run;
using testing::sample_data;
using testing::collapse_spaces;
using testing::read_contents;

const std::filesystem::path& report_pdf() {
  static const std::filesystem::path pdf = [] {
    auto d = testing::temp_dir("monitoring-e2e");
    auto r = run(std::string(OITGEN_BINARY) + " build " + quote(repo() / "samples/nongkhai2-2565") + " -o " +
                 quote(d / "out") + " --only monitoring-6m");
    EXPECT_EQ(r.exit_code, 0) << r.output;
    return d / "out" / "monitoring-6m.pdf";
  }();
  return pdf;
}

std::string thai(const std::string& s) { return model::to_thai_digits(s); }

// The number printed at the top of a page ("- ๓ -" -> "๓"), or "" when it has none.
std::string printed_page_label(const std::string& page_text) {
  std::istringstream in(page_text);
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    if (line.size() > 4 && line.rfind("- ", 0) == 0 && line.substr(line.size() - 2) == " -")
      return line.substr(2, line.size() - 4);
    return "";
  }
  return "";
}

// Every passage of the report's data, as the layout prints it (Thai digits).
std::vector<std::string> passages(const data::Node& root) {
  std::vector<std::string> out;
  auto add = [&](const std::string& s) { out.push_back(thai(s)); };
  auto add_all = [&](const data::Node* list) {
    if (list)
      for (const auto& s : list->array) add(s->s);
  };
  const auto& m = *root.get("monitoring");
  const auto& p = *m.get("project");
  add_all(m.get("preface"));
  add(p.get("objective")->s);
  add(p.get("intro")->s);
  add_all(p.get("targets")->get("quantitative"));
  add_all(p.get("targets")->get("qualitative"));
  for (const auto& a : p.get("alignments")->array) {
    add(a->get("title")->s);
    add_all(a->get("items"));
    if (const auto* note = a->get("note")) add(note->s);
  }
  for (const auto& a : p.get("activities")->array) {
    add(a->get("title")->s);
    for (const char* key : {"intro", "summary", "steps_title"})
      if (const auto* v = a->get(key)) add(v->s);
    if (const auto* steps = a->get("steps"))
      for (const auto& s : steps->array) {
        if (s->is_string()) {
          add(s->s);
          continue;
        }
        std::string text = s->get("text")->s;
        if (const auto* date = s->get("date")) text += " วันที่ " + model::format_thai_date_short(date->date);
        add(text);
        if (const auto* photos = s->get("photos"))
          for (const auto& ph : photos->array) add(ph->get("caption")->s);
      }
    if (const auto* photos = a->get("photos"))
      for (const auto& ph : photos->array) add(ph->get("caption")->s);
  }
  add_all(p.get("outputs"));
  add_all(p.get("outcomes"));
  add(p.get("name")->s);
  return out;
}

TEST(Monitoring, EveryPassageExtractsExactly) {
  const std::string text = testing::pdftotext(report_pdf());
  auto root = sample_data();
  const auto all = passages(*root);
  EXPECT_GT(all.size(), 50u);
  for (const auto& p : all) EXPECT_TRUE(testing::contains_paragraph(text, p)) << p;
  for (const char* fixed :
       {"รายงานการกำกับติดตาม การดำเนินการป้องกันการทุจริต ประจำปีรอบ ๖ เดือน", "คำนำ", "สารบัญ",
        "ส่วนที่ ๑ รายละเอียดของโครงการ", "ส่วนที่ ๒ การดำเนินงาน และผลการดำเนินงานตามโครงการ",
        "ระยะที่ ๑ รอบ ๖ เดือน ๑ ตุลาคม ๒๕๖๔ – ๓๑ มีนาคม ๒๕๖๕",
        "ระยะที่ ๓ รอบ ๑๒ เดือน ๑ กรกฎาคม ๒๕๖๕ – ๓๐ กันยายน ๒๕๖๕",
        "นางภัทราวดี แก้วจันทร์ ศึกษานิเทศก์ กลุ่มนิเทศติดตาม และประเมินผลการจัดการศึกษา",
        "กิจกรรมย่อยที่ ๑ กิจกรรมเสริมสร้างธรรมาภิบาลในสำนักงานเขตพื้นที่การศึกษาและการวิเคราะห์ความเสี่ยงให้กับบุคลากรทุกคน (ดำเนินการแล้ว) วันที่ ๙ มิถุนายน ๒๕๖๕",
        "กิจกรรมย่อยที่ ๕ การนิเทศ กำกับติดตามการเปิดเผยข้อมูล OIT (อยู่ระหว่างการดำเนินการ)",
        "สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน", "กระทรวงศึกษาธิการ"})
    EXPECT_TRUE(testing::contains_paragraph(text, fixed)) << fixed;
  for (char32_t c : to_u32(text)) ASSERT_FALSE(c >= 0xE000 && c <= 0xF8FF) << codepoint_name(c);
  EXPECT_EQ(text.find("  "), std::string::npos);
}

// Table cells are read one column at a time: poppler interleaves the lines of cells side by side.
TEST(Monitoring, KpiTableReadsBackByColumn) {
  const auto pdf = report_pdf();
  auto root = sample_data();
  const auto& kpis = root->get("monitoring")->get("project")->get("kpis")->array;
  std::string indicators, targets;
  const int pages = page_count(pdf);
  // Columns of the layout: margin 3 cm, "ที่" 1.2 cm, target 3.8 cm at the right margin (2 cm).
  const double cm = 72 / 2.54;
  auto crop = [&](double x0, double x1, int page) {
    return run("pdftotext -f " + std::to_string(page) + " -l " + std::to_string(page) + " -x " +
               std::to_string(static_cast<int>(x0 * cm)) + " -y 0 -W " +
               std::to_string(static_cast<int>((x1 - x0) * cm)) + " -H 842 " + quote(pdf) + " -")
        .output;
  };
  for (int page = 1; page <= pages; ++page) {
    indicators += crop(4.3, 15.1, page);
    targets += crop(15.1, 19.0, page);
  }
  for (const auto& k : kpis) {
    EXPECT_TRUE(testing::contains_paragraph(indicators, thai(k->get("indicator")->s))) << k->get("indicator")->s;
    EXPECT_TRUE(testing::contains_paragraph(targets, thai(k->get("target")->s))) << k->get("target")->s;
  }
}

TEST(Monitoring, ContentsPrintThePageEachHeadingIsOn) {
  const auto pdf = report_pdf();
  const int pages = page_count(pdf);
  ASSERT_GT(pages, 6);
  std::vector<std::string> page_text(pages + 1), label(pages + 1);
  int toc_page = 0;
  for (int p = 1; p <= pages; ++p) {
    page_text[p] = testing::pdftotext(pdf, p);
    label[p] = printed_page_label(page_text[p]);
    if (!toc_page && page_text[p].find("สารบัญ") != std::string::npos && page_text[p].find("หน้า") != std::string::npos)
      toc_page = p;
  }
  ASSERT_GT(toc_page, 0);
  EXPECT_EQ(label[1], "");  // the cover
  const auto entries = read_contents(
      run("pdftotext -layout -f " + std::to_string(toc_page) + " -l " + std::to_string(toc_page) + " " + quote(pdf) + " -")
          .output);

  // What the contents must list, in order: front matter, the parts, the five activities.
  auto root = sample_data();
  const auto& project = *root->get("monitoring")->get("project");
  const std::string name = thai(project.get("name")->s);
  std::vector<std::string> expected = {
      "คำนำ", "สารบัญ", "๑. รายงานการดำเนินงาน" + name + " ประจำปีงบประมาณ ๒๕๖๕",
      "ส่วนที่ ๑ รายละเอียดของโครงการ", "ส่วนที่ ๒ การดำเนินงาน และผลการดำเนินงานตามโครงการ",
      "๒. ผลการดำเนินงานตาม" + name + " ประจำปีงบประมาณ ๒๕๖๕ จำนวน ๕ กิจกรรม ดังนี้"};
  const auto& acts = project.get("activities")->array;
  for (size_t i = 0; i < acts.size(); ++i)
    expected.push_back("๒." + thai(std::to_string(i + 1)) + " " + thai(acts[i]->get("title")->s));
  ASSERT_EQ(entries.size(), expected.size());

  for (size_t i = 0; i < expected.size(); ++i) {
    SCOPED_TRACE(expected[i]);
    // Line ends inside a title read back as spaces; the title is otherwise exact.
    EXPECT_TRUE(testing::contains_paragraph(entries[i].title, expected[i])) << entries[i].title;
    // The page printed in the contents is the first page after the contents that carries
    // the heading, and that page is numbered with the same label.
    int found = 0;
    for (int p = 1; p <= pages && !found; ++p)
      if (p != toc_page && testing::contains_paragraph(page_text[p], expected[i])) found = p;
    if (expected[i] == "สารบัญ") found = toc_page;
    ASSERT_GT(found, 0);
    EXPECT_EQ(label[found], entries[i].label) << "heading on page " << found;
  }
  // Front matter is lettered, the report numbered from ๑.
  EXPECT_EQ(entries[0].label, "ก");
  EXPECT_EQ(entries[1].label, "ข");
  EXPECT_EQ(entries[2].label, "๑");
}

TEST(Monitoring, OutlineHasTheHeadingsInThai) {
  const auto json = run("qpdf --json --json-key=outlines " + quote(report_pdf())).output;
  for (const char* title : {"คำนำ", "สารบัญ", "ส่วนที่ ๑ รายละเอียดของโครงการ",
                            "๒.๕ การนิเทศ กำกับติดตามการเปิดเผยข้อมูล OIT"})
    EXPECT_NE(json.find(std::string("\"title\": \"") + title + "\""), std::string::npos) << title << "\n" << json;
}

struct ListedImage {
  int page = 0, number = 0, width = 0, height = 0;
  std::string type, encoding;
};

std::vector<ListedImage> list_images(const std::filesystem::path& pdf) {
  std::vector<ListedImage> out;
  std::istringstream in(run("pdfimages -list " + quote(pdf)).output);
  std::string line;
  std::getline(in, line);
  std::getline(in, line);
  while (std::getline(in, line)) {
    std::istringstream row(line);
    ListedImage im;
    std::string color, comp, bpc;
    row >> im.page >> im.number >> im.type >> im.width >> im.height >> color >> comp >> bpc >> im.encoding;
    if (row) out.push_back(im);
  }
  return out;
}

TEST(Monitoring, JpegPhotosPassThroughAndPngKeepsItsTransparency) {
  const auto pdf = report_pdf();
  const auto images = list_images(pdf);
  int jpegs = 0, smasks = 0;
  for (const auto& im : images) {
    jpegs += im.encoding == "jpeg";
    smasks += im.type == "smask";
  }
  EXPECT_EQ(jpegs, 7);      // the seven JPEG photos, each once
  EXPECT_GE(smasks, 1);     // the poster PNG's alpha as a soft mask
  // The JPEG streams are the files' bytes, unchanged.
  auto dir = testing::temp_dir("monitoring-images");
  ASSERT_EQ(run("pdfimages -j " + quote(pdf) + " " + quote(dir / "im")).exit_code, 0);
  std::vector<std::string> extracted;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.path().extension() == ".jpg") extracted.push_back(*read_file(e.path()));
  for (const char* name : {"act1-meeting.jpg", "act1-risk.jpg", "act2-sign.jpg", "act3-workshop.jpg",
                           "act3-visit.jpg", "act4-meeting.jpg", "act5-supervision.jpg"}) {
    const auto original = *read_file(repo() / "samples/nongkhai2-2565/images" / name);
    EXPECT_NE(std::find(extracted.begin(), extracted.end(), original), extracted.end()) << name;
  }
}

// act2-sign.jpg is stored on its side (800×600, EXIF orientation 6). Upright it is portrait,
// red on top and blue at the bottom. Render its page and look.
TEST(Monitoring, RotatedPhotoPrintsUpright) {
  const auto pdf = report_pdf();
  auto dir = testing::temp_dir("monitoring-upright");
  ASSERT_EQ(run("pdfimages -j " + quote(pdf) + " " + quote(dir / "im")).exit_code, 0);
  const auto sign = *read_file(repo() / "samples/nongkhai2-2565/images/act2-sign.jpg");
  int number = -1;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.path().extension() == ".jpg" && *read_file(e.path()) == sign)
      number = std::stoi(e.path().stem().string().substr(3));
  ASSERT_GE(number, 0);
  int page = 0;
  for (const auto& im : list_images(pdf))
    if (im.number == number) page = im.page;
  ASSERT_GT(page, 0);

  const auto ppm = dir / "page";
  ASSERT_EQ(run("pdftoppm -r 40 -f " + std::to_string(page) + " -l " + std::to_string(page) + " -singlefile " +
                quote(pdf) + " " + quote(ppm))
                .exit_code,
            0);
  std::ifstream in(ppm.string() + ".ppm", std::ios::binary);
  std::string magic;
  int w = 0, h = 0, maxval = 0;
  in >> magic >> w >> h >> maxval;
  in.get();
  ASSERT_EQ(magic, "P6");
  std::vector<unsigned char> px(static_cast<size_t>(w) * h * 3);
  in.read(reinterpret_cast<char*>(px.data()), static_cast<std::streamsize>(px.size()));
  struct Box {
    int x0 = 1 << 30, y0 = 1 << 30, x1 = -1, y1 = -1, n = 0;
    void add(int x, int y) {
      x0 = std::min(x0, x), y0 = std::min(y0, y), x1 = std::max(x1, x), y1 = std::max(y1, y);
      ++n;
    }
  } red, blue;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const unsigned char* p = &px[(static_cast<size_t>(y) * w + x) * 3];
      if (p[0] > 200 && p[1] < 60 && p[2] < 60) red.add(x, y);
      if (p[2] > 200 && p[0] < 60 && p[1] < 60) blue.add(x, y);
    }
  ASSERT_GT(red.n, 100);
  ASSERT_GT(blue.n, 100);
  EXPECT_LT(red.y1, blue.y0) << "red must be above blue";
  const int width = std::max(red.x1, blue.x1) - std::min(red.x0, blue.x0);
  const int height = blue.y1 - red.y0;
  EXPECT_GT(height, width) << "the upright sign is portrait";
}

}  // namespace
}  // namespace oitgen
