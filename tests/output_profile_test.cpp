// The archival and web output profiles: PDF/A-1b checked by an independent validator (Apache
// PDFBox Preflight), and --max-dpi downsampling checked with poppler's pdfimages.
#include <cstdio>
#include <cstdlib>
#include <jpeglib.h>
#include <png.h>

#include <algorithm>
#include <regex>
#include <set>

#include "pdf/image_output.h"
#include "pdf/pdfa_metadata.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace oitgen;
using namespace oitgen::testing;

namespace {

const std::string kBinary = OITGEN_BINARY;

// PDFBox Preflight 2.0 as Debian packages it (libpdfbox2-java and what it needs).
std::string preflight_command(const fs::path& pdf) {
  std::string cp;
  for (const char* jar : {"preflight", "pdfbox2", "fontbox2", "xmpbox", "commons-logging", "javax.activation", "jaxb-api"})
    cp += std::string(cp.empty() ? "" : ":") + "/usr/share/java/" + jar + ".jar";
  return "java -cp " + cp + " org.apache.pdfbox.preflight.Validator_A1b " + quote(pdf);
}

std::vector<fs::path> pdfs_in(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".pdf") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

CommandResult build(const fs::path& dataset, const fs::path& out, const std::string& flags) {
  return run(quote(kBinary) + " build " + quote(dataset) + " -o " + quote(out) + " " + flags);
}

std::vector<std::string> sample_names() {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(repo() / "samples"))
    if (e.is_directory()) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

struct ImageRow {
  int page = 0;
  std::string type, enc;
  int width = 0, height = 0, x_ppi = 0, y_ppi = 0;
};

// `pdfimages -list`, one row per image or soft mask.
std::vector<ImageRow> image_list(const fs::path& pdf) {
  std::istringstream in(run("pdfimages -list " + quote(pdf)).output);
  std::vector<ImageRow> rows;
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream f(line);
    ImageRow r;
    int num = 0, comp = 0, bpc = 0, object = 0, gen = 0;
    std::string color, interp;
    if (f >> r.page >> num >> r.type >> r.width >> r.height >> color >> comp >> bpc >> r.enc >> interp >> object >> gen >>
        r.x_ppi >> r.y_ppi)
      rows.push_back(r);
  }
  return rows;
}

// ------------------------------------------------------------------------------------------
// PDF/A-1b

struct PreflightCase {
  std::string sample, flags;
};

void PrintTo(const PreflightCase& c, std::ostream* os) { *os << c.sample << " " << c.flags; }

class Preflight : public ::testing::TestWithParam<PreflightCase> {};

TEST_P(Preflight, EveryDocumentPassesWithNoError) {
  const auto& c = GetParam();
  const auto out = temp_dir("preflight");
  const auto built = build(repo() / "samples" / c.sample, out, c.flags);
  ASSERT_EQ(built.exit_code, 0) << built.output;
  const auto files = pdfs_in(out);
  EXPECT_EQ(files.size(), 4u);
  for (const auto& pdf : files) {
    const auto checked = run(preflight_command(pdf));
    EXPECT_EQ(checked.exit_code, 0) << pdf.filename() << " (" << c.flags << "):\n" << checked.output;
    EXPECT_NE(checked.output.find("is a valid PDF/A-1b file"), std::string::npos) << checked.output;
  }
  fs::remove_all(out);
}

std::vector<PreflightCase> preflight_cases() {
  std::vector<PreflightCase> cases;
  for (const auto& s : sample_names())
    for (const char* flags : {"--pdfa", "--pdfa --max-dpi 150", "--pdfa --pdfua"}) cases.push_back({s, flags});
  return cases;
}

INSTANTIATE_TEST_SUITE_P(Samples, Preflight, ::testing::ValuesIn(preflight_cases()),
                         [](const auto& info) {
                           std::string name = info.param.sample + (info.param.flags.find("max-dpi") != std::string::npos ? "_web" : "") +
                                              (info.param.flags.find("pdfua") != std::string::npos ? "_ua" : "");
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

// The validator is not a rubber stamp: the normal output (no output intent, no XMP, no
// CIDSet, a soft mask) fails it.
TEST(PreflightCheck, RejectsTheNormalOutput) {
  const auto out = temp_dir("preflight-normal");
  ASSERT_EQ(build(repo() / "samples/nongkhai2-2565", out, "--only announcement").exit_code, 0);
  const auto checked = run(preflight_command(out / "announcement.pdf"));
  EXPECT_NE(checked.exit_code, 0) << checked.output;
  EXPECT_NE(checked.output.find("DestOutputProfile is missing"), std::string::npos) << checked.output;
  EXPECT_NE(checked.output.find("CIDSet entry is missing"), std::string::npos) << checked.output;
  fs::remove_all(out);
}

std::string pdfinfo_field(const std::string& info, const std::string& key) {
  std::istringstream in(info);
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(key + ":", 0) == 0) {
      auto v = line.substr(key.size() + 1);
      v.erase(0, v.find_first_not_of(' '));
      return v;
    }
  return "";
}

std::string xmp_value(const std::string& xmp, const std::string& element) {
  std::smatch m;
  const std::regex re("<" + element + ">(?:<rdf:(?:Alt|Seq)><rdf:li[^>]*>)?([^<]*)<");
  return std::regex_search(xmp, m, re) ? m[1].str() : "";
}

// The Info dictionary and the XMP say the same, dated with each document's own date.
TEST(PdfA, MetadataAgreesWithInfoAndIsTheDocumentsOwnDate) {
  const auto out = temp_dir("pdfa-meta");
  ASSERT_EQ(build(repo() / "samples/nongkhai2-2565", out, "--pdfa").exit_code, 0);
  // announcement.date, order.date, the monitoring report's last activity (its periods look
  // ahead and do not count) and, for the measures report, the latest of those.
  const std::vector<std::pair<std::string, std::string>> dates = {{"announcement", "2022-01-14"},
                                                                  {"order", "2021-06-02"},
                                                                  {"monitoring-6m", "2022-07-06"},
                                                                  {"measures-report", "2022-07-06"}};
  for (const auto& [kind, date] : dates) {
    SCOPED_TRACE(kind);
    const auto pdf = out / (kind + ".pdf");
    const std::string xmp = run("pdfinfo -meta " + quote(pdf)).output;
    const std::string info = run("pdfinfo -isodates " + quote(pdf)).output;
    EXPECT_NE(xmp.find("<pdfaid:part>1</pdfaid:part>"), std::string::npos) << xmp;
    EXPECT_NE(xmp.find("<pdfaid:conformance>B</pdfaid:conformance>"), std::string::npos);
    EXPECT_EQ(xmp_value(xmp, "xmp:CreateDate"), date + "T00:00:00+07:00");
    EXPECT_EQ(xmp_value(xmp, "xmp:ModifyDate"), date + "T00:00:00+07:00");
    EXPECT_EQ(pdfinfo_field(info, "CreationDate"), date + "T00:00:00+07");
    EXPECT_EQ(pdfinfo_field(info, "ModDate"), date + "T00:00:00+07");
    EXPECT_FALSE(pdfinfo_field(info, "Title").empty());
    EXPECT_EQ(xmp_value(xmp, "dc:title"), pdfinfo_field(info, "Title"));
    EXPECT_EQ(xmp_value(xmp, "dc:creator"), "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาหนองคาย เขต ๒");
    EXPECT_EQ(xmp_value(xmp, "dc:creator"), pdfinfo_field(info, "Author"));
    EXPECT_EQ(xmp_value(xmp, "dc:description"), pdfinfo_field(info, "Subject"));
    EXPECT_EQ(xmp_value(xmp, "xmp:CreatorTool"), pdfinfo_field(info, "Creator"));
    EXPECT_EQ(xmp_value(xmp, "pdf:Producer"), pdfinfo_field(info, "Producer"));
    EXPECT_FALSE(xmp_value(xmp, "pdf:Producer").empty());
  }
  // The normal output carries no date at all: nothing from the clock either way.
  const auto normal = temp_dir("pdfa-meta-normal");
  ASSERT_EQ(build(repo() / "samples/nongkhai2-2565", normal, "--only announcement").exit_code, 0);
  const std::string info = run("pdfinfo " + quote(normal / "announcement.pdf")).output;
  EXPECT_EQ(info.find("CreationDate"), std::string::npos) << info;
  EXPECT_EQ(run("pdfinfo -meta " + quote(normal / "announcement.pdf")).output.find("pdfaid"), std::string::npos);
  fs::remove_all(out);
  fs::remove_all(normal);
}

TEST(PdfA, DatesFollowTheDataAndAnExplicitReportDateWins) {
  const auto dir = sample_copy("pdfa-dates");
  replace_in(dir / "data/announcement.toml", "date = 2022-01-14", "date = 2023-03-05");
  replace_in(dir / "data/monitoring.toml", "round = 6\n", "round = 6\ndate = 2022-08-31\n");
  ASSERT_EQ(build(dir / "data", dir / "out", "--pdfa").exit_code, 0);
  auto created = [&](const std::string& kind) {
    return xmp_value(run("pdfinfo -meta " + quote(dir / "out" / (kind + ".pdf"))).output, "xmp:CreateDate");
  };
  EXPECT_EQ(created("announcement"), "2023-03-05T00:00:00+07:00");
  EXPECT_EQ(created("monitoring-6m"), "2022-08-31T00:00:00+07:00");
  EXPECT_EQ(created("measures-report"), "2023-03-05T00:00:00+07:00");
  // Without a date of its own, the report is not dated before the end of the period it covers
  // (the 12-month round ends 2022-09-30, after its last activity, 2022-07-06).
  replace_in(dir / "data/monitoring.toml", "round = 6\ndate = 2022-08-31\n", "round = 12\n");
  ASSERT_EQ(build(dir / "data", dir / "out", "--pdfa --only monitoring-6m").exit_code, 0);
  EXPECT_EQ(created("monitoring-6m"), "2022-09-30T00:00:00+07:00");
  fs::remove_all(dir);
}

// office.toml's [output] makes PDF/A the data set's default; --no-pdfa overrides it.
TEST(PdfA, OfficeTomlMakesItTheDefaultAndTheCommandLineOverrides) {
  const auto dir = sample_copy("pdfa-default");
  replace_in(dir / "data/office.toml", "director = \"wannachai\"\n", "director = \"wannachai\"\n\n[output]\npdfa = true\n");
  const auto a = build(dir / "data", dir / "a", "--only order");
  ASSERT_EQ(a.exit_code, 0) << a.output;
  EXPECT_NE(a.output.find("PDF/A-1b"), std::string::npos) << a.output;
  EXPECT_NE(run("pdfinfo -meta " + quote(dir / "a/order.pdf")).output.find("pdfaid"), std::string::npos);
  ASSERT_EQ(build(dir / "data", dir / "b", "--only order --no-pdfa").exit_code, 0);
  ASSERT_EQ(build(repo() / "samples/nongkhai2-2565", dir / "c", "--only order").exit_code, 0);
  EXPECT_EQ(read_file(dir / "b/order.pdf"), read_file(dir / "c/order.pdf"));
  fs::remove_all(dir);
}

// Next year's data set, made with init --from, keeps how the office has its PDFs written.
TEST(PdfA, InitFromCarriesTheOutputSettingsForward) {
  const auto dir = sample_copy("pdfa-init");
  replace_in(dir / "data/office.toml", "director = \"wannachai\"\n",
             "director = \"wannachai\"\n\n[output]\npdfa = true\nmax_dpi = 150\n");
  const auto r = run(quote(kBinary) + " init " + quote(dir / "next") + " --from " + quote(dir / "data"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto office = read_file(dir / "next/office.toml").value_or("");
  EXPECT_NE(office.find("[output]\npdfa = true\nmax_dpi = 150\n"), std::string::npos) << office;
  fs::remove_all(dir);
}

// ------------------------------------------------------------------------------------------
// PDF/UA-1 identification

// With PDF/A, the pdfuaid schema is declared as PDF/A-1 requires of any schema not its own, and
// the file still passes Preflight; both identifications are there, and the title.
TEST(PdfUa, WithPdfaTheAnnouncementPassesPreflightAndSaysBoth) {
  const auto out = temp_dir("pdfua-pdfa");
  const auto built = build(repo() / "samples/nongkhai2-2565", out, "--only announcement --pdfa --pdfua");
  ASSERT_EQ(built.exit_code, 0) << built.output;
  EXPECT_TRUE(std::regex_search(built.output, std::regex(R"(announcement\.pdf \([0-9]+ pages?, PDF/A-1b, PDF/UA-1\)\n)")))
      << built.output;
  const auto pdf = out / "announcement.pdf";
  const auto checked = run(preflight_command(pdf));
  EXPECT_EQ(checked.exit_code, 0) << checked.output;
  EXPECT_NE(checked.output.find("is a valid PDF/A-1b file"), std::string::npos) << checked.output;
  const std::string xmp = run("pdfinfo -meta " + quote(pdf)).output;
  EXPECT_NE(xmp.find("<pdfaid:part>1</pdfaid:part>"), std::string::npos) << xmp;
  EXPECT_NE(xmp.find("<pdfuaid:part>1</pdfuaid:part>"), std::string::npos) << xmp;
  EXPECT_NE(xmp.find("<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>"), std::string::npos);
  const std::string info = run("pdfinfo " + quote(pdf)).output;
  EXPECT_FALSE(pdfinfo_field(info, "Title").empty());
  EXPECT_EQ(xmp_value(xmp, "dc:title"), pdfinfo_field(info, "Title"));
  fs::remove_all(out);
}

// Alone, --pdfua writes the XMP packet (no pdfaid, no extension schema, no dates) and no output
// intent; the text is the normal output's.
TEST(PdfUa, AloneItIdentifiesWithoutMakingPdfa) {
  const auto out = temp_dir("pdfua-alone"), normal = temp_dir("pdfua-normal");
  const auto built = build(repo() / "samples/nongkhai2-2565", out, "--only announcement --pdfua");
  ASSERT_EQ(built.exit_code, 0) << built.output;
  EXPECT_TRUE(std::regex_search(built.output, std::regex(R"(announcement\.pdf \([0-9]+ pages?, PDF/UA-1\)\n)"))) << built.output;
  ASSERT_EQ(build(repo() / "samples/nongkhai2-2565", normal, "--only announcement").exit_code, 0);
  const auto pdf = out / "announcement.pdf";
  const std::string xmp = run("pdfinfo -meta " + quote(pdf)).output;
  EXPECT_NE(xmp.find("<pdfuaid:part>1</pdfuaid:part>"), std::string::npos) << xmp;
  EXPECT_EQ(xmp.find("pdfaid"), std::string::npos) << xmp;
  EXPECT_EQ(xmp.find("pdfaExtension"), std::string::npos) << xmp;
  EXPECT_EQ(xmp.find("CreateDate"), std::string::npos) << xmp;
  const std::string info = run("pdfinfo -isodates " + quote(pdf)).output;
  EXPECT_EQ(xmp_value(xmp, "dc:title"), pdfinfo_field(info, "Title"));
  EXPECT_FALSE(xmp_value(xmp, "dc:title").empty());
  EXPECT_TRUE(pdfinfo_field(info, "CreationDate").empty()) << info;
  const std::string qdf = run("qpdf --qdf --object-streams=disable " + quote(pdf) + " -").output;
  EXPECT_NE(qdf.find("/Metadata"), std::string::npos);
  EXPECT_EQ(qdf.find("/OutputIntents"), std::string::npos);
  expect_sound_pdf(pdf);
  EXPECT_EQ(pdftotext(pdf), pdftotext(normal / "announcement.pdf"));
  fs::remove_all(out);
  fs::remove_all(normal);
}

// office.toml's [output] pdfua = true makes it the data set's default; --no-pdfua overrides it.
TEST(PdfUa, OfficeTomlMakesItTheDefaultAndTheCommandLineOverrides) {
  const auto dir = sample_copy("pdfua-default");
  replace_in(dir / "data/office.toml", "director = \"wannachai\"\n", "director = \"wannachai\"\n\n[output]\npdfua = true\n");
  const auto a = build(dir / "data", dir / "a", "--only order");
  ASSERT_EQ(a.exit_code, 0) << a.output;
  EXPECT_TRUE(std::regex_search(a.output, std::regex(R"(order\.pdf \([0-9]+ pages?, PDF/UA-1\)\n)"))) << a.output;
  EXPECT_NE(run("pdfinfo -meta " + quote(dir / "a/order.pdf")).output.find("<pdfuaid:part>1</pdfuaid:part>"), std::string::npos);
  ASSERT_EQ(build(dir / "data", dir / "b", "--only order --no-pdfua").exit_code, 0);
  ASSERT_EQ(build(repo() / "samples/nongkhai2-2565", dir / "c", "--only order").exit_code, 0);
  EXPECT_EQ(read_file(dir / "b/order.pdf"), read_file(dir / "c/order.pdf"));
  fs::remove_all(dir);
}

// A title is what PDF/UA-1 cannot do without (dc:title, the title bar): a layout whose title
// comes out empty (here an optional value the data set does not have) is refused under --pdfua,
// and builds as before without it.
TEST(PdfUa, ALayoutWithoutATitleIsRefused) {
  const auto dir = temp_dir("pdfua-title");
  fs::create_directories(dir / "home");
  fs::create_directory_symlink(repo() / "fonts", dir / "home/fonts");
  fs::create_directory_symlink(repo() / "data", dir / "home/data");
  fs::copy(repo() / "layouts", dir / "home/layouts", fs::copy_options::recursive);
  replace_in(dir / "home/layouts/announcement.toml", "title = \"ประกาศ{office.name} เรื่อง {announcement.subject}\"\n", "title = \"{office.emblem_alt?}\"\n");
  const std::string home = "OITGEN_HOME=" + quote(dir / "home") + " ";
  const std::string command = home + quote(kBinary) + " build " + quote(repo() / "samples/nongkhai2-2565") + " --only announcement -o ";
  const auto refused = run(command + quote(dir / "a") + " --pdfua");
  EXPECT_EQ(refused.exit_code, 1) << refused.output;
  EXPECT_NE(refused.output.find("layouts/announcement.toml: error: the layout gives the announcement no title ([document] title); PDF/UA-1 needs one"),
            std::string::npos)
      << refused.output;
  EXPECT_FALSE(fs::exists(dir / "a/announcement.pdf"));
  const auto plain = run(command + quote(dir / "b"));
  EXPECT_EQ(plain.exit_code, 0) << plain.output;
  fs::remove_all(dir);
}

// What PDF/UA-1 cannot do without in the data reaches the layout: a photo with neither alt text
// nor caption is a warning in the normal build and an error under --pdfua (from the command line
// or office.toml, for check too), at its place in the data.
TEST(PdfUa, APhotoWithoutAltTextIsAnErrorUnderIt) {
  const auto dir = sample_copy("pdfua-alt");
  replace_in(dir / "data/monitoring.toml", "{ src = \"images/act1-meeting.jpg\", caption = \"ประชุมคณะกรรมการดำเนินงานและวางแผน\" }",
             "{ src = \"images/act1-meeting.jpg\" }");
  const auto warned = build(dir / "data", dir / "a", "--only monitoring-6m");
  EXPECT_EQ(warned.exit_code, 0) << warned.output;
  EXPECT_TRUE(std::regex_search(warned.output, std::regex(R"(monitoring\.toml:[0-9]+:[0-9]+: warning: photo '[^']*act1-meeting\.jpg' has no alternative text)")))
      << warned.output;
  const auto refused = build(dir / "data", dir / "b", "--only monitoring-6m --pdfua");
  EXPECT_EQ(refused.exit_code, 1) << refused.output;
  EXPECT_TRUE(std::regex_search(refused.output, std::regex(R"(monitoring\.toml:[0-9]+:[0-9]+: error: photo '[^']*act1-meeting\.jpg' has no alternative text.*; PDF/UA-1 needs one)")))
      << refused.output;
  EXPECT_FALSE(fs::exists(dir / "b/monitoring-6m.pdf"));
  replace_in(dir / "data/office.toml", "director = \"wannachai\"\n", "director = \"wannachai\"\n\n[output]\npdfua = true\n");
  const auto checked = run(quote(kBinary) + " check " + quote(dir / "data") + " --only monitoring-6m");
  EXPECT_EQ(checked.exit_code, 1) << checked.output;
  EXPECT_NE(checked.output.find("PDF/UA-1 needs one"), std::string::npos) << checked.output;
  fs::remove_all(dir);
}

// batch takes --pdfua as build does.
TEST(PdfUa, BatchWritesEveryOfficeUnderIt) {
  const auto out = temp_dir("pdfua-batch");
  std::string datasets;
  for (const auto& name : sample_names()) datasets += " " + quote(repo() / "samples" / name);
  const auto r = run(quote(kBinary) + " batch" + datasets + " -o " + quote(out) + " -j 2 --only announcement --pdfua");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  for (const auto& name : sample_names()) {
    const std::string xmp = run("pdfinfo -meta " + quote(out / name / "announcement.pdf")).output;
    EXPECT_NE(xmp.find("<pdfuaid:part>1</pdfuaid:part>"), std::string::npos) << name << "\n" << xmp;
    EXPECT_EQ(xmp.find("pdfaid"), std::string::npos) << name;
  }
  fs::remove_all(out);
}

// batch takes the same profiles for every office and sums up the sizes.
TEST(OutputProfiles, BatchWritesEveryOfficeUnderTheProfile) {
  const auto out = temp_dir("profile-batch");
  std::string datasets;
  for (const auto& name : sample_names()) datasets += " " + quote(repo() / "samples" / name);
  const auto r = run(quote(kBinary) + " batch" + datasets + " -o " + quote(out) + " -j 2 --pdfa --max-dpi 150");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(std::regex_search(r.output, std::regex(R"(\nsize: [0-9.]+ [KM]B -> [0-9.]+ [KM]B \(images [0-9.]+ KB -> [0-9.]+ KB\)\n)")))
      << r.output;
  size_t pdfs = 0;
  for (const auto& name : sample_names())
    for (const auto& pdf : pdfs_in(out / name)) {
      ++pdfs;
      EXPECT_NE(run("pdfinfo -meta " + quote(pdf)).output.find("<pdfaid:part>1</pdfaid:part>"), std::string::npos) << pdf;
      for (const auto& row : image_list(pdf)) EXPECT_LE(row.x_ppi, 150) << pdf;
    }
  EXPECT_EQ(pdfs, 4 * sample_names().size());
  fs::remove_all(out);
}

TEST(OutputProfiles, SameInputSameBytes) {
  const auto a = temp_dir("profile-det-a"), b = temp_dir("profile-det-b");
  for (const auto& dir : {a, b})
    ASSERT_EQ(build(repo() / "samples/nongkhai2-2565", dir, "--pdfa --max-dpi 150").exit_code, 0);
  for (const char* kind : {"announcement", "order", "monitoring-6m", "measures-report"}) {
    const auto x = read_file(a / (std::string(kind) + ".pdf")), y = read_file(b / (std::string(kind) + ".pdf"));
    ASSERT_TRUE(x && y);
    EXPECT_TRUE(*x == *y) << kind;
  }
  fs::remove_all(a);
  fs::remove_all(b);
}

TEST(OutputProfiles, BadOptionsAreUsageErrors) {
  const auto out = temp_dir("profile-bad");
  const auto sample = repo() / "samples/nongkhai2-2565";
  for (const auto& [flags, message] : std::vector<std::pair<std::string, std::string>>{
           {"--max-dpi 10", "--max-dpi takes 'none' or a resolution from 36 to 2400, not '10'"},
           {"--max-dpi=abc", "--max-dpi takes 'none' or a resolution from 36 to 2400, not 'abc'"},
           {"--jpeg-quality 0", "--jpeg-quality takes a number from 1 to 100, not '0'"},
           {"--pdfa --no-pdfa", "--pdfa and --no-pdfa contradict each other"},
           {"--pdfua --no-pdfua", "--pdfua and --no-pdfua contradict each other"},
           {"--no-pdfua --pdfa --pdfua", "--pdfua and --no-pdfua contradict each other"}}) {
    const auto r = build(sample, out / "x", flags);
    EXPECT_EQ(r.exit_code, 1) << flags;
    EXPECT_EQ(r.output.rfind("oitgen: " + message + "\n", 0), 0u) << r.output;
    EXPECT_FALSE(fs::exists(out / "x")) << flags;
  }
  fs::remove_all(out);
}

// ------------------------------------------------------------------------------------------
// Web size

TEST(WebSize, PhotosAtMostTheLimitTextUnchangedFileSmaller) {
  const auto print = temp_dir("web-print"), web = temp_dir("web-150");
  const auto sample = repo() / "samples/nongkhai2-2565";
  ASSERT_EQ(build(sample, print, "--only monitoring-6m").exit_code, 0);
  const auto r = build(sample, web, "--only monitoring-6m --max-dpi 150");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  // The report line gives the sizes before and after.
  EXPECT_TRUE(std::regex_search(r.output, std::regex(R"(\(12 pages, [0-9.]+ KB -> [0-9.]+ KB; images [0-9.]+ KB -> [0-9.]+ KB, 9 of 9 downsampled to at most 150 dpi, JPEG quality 85\))")))
      << r.output;
  const auto before = image_list(print / "monitoring-6m.pdf"), after = image_list(web / "monitoring-6m.pdf");
  ASSERT_EQ(before.size(), after.size());
  ASSERT_GE(after.size(), 9u);
  bool any_above = false;
  for (const auto& row : before) any_above |= row.x_ppi > 150;
  EXPECT_TRUE(any_above) << "the sample should have photos finer than 150 dpi";
  for (const auto& row : after) {
    EXPECT_LE(row.x_ppi, 150) << "page " << row.page;
    EXPECT_LE(row.y_ppi, 150) << "page " << row.page;
    EXPECT_GE(row.x_ppi, 145) << "page " << row.page << ": not downsampled further than asked";
  }
  EXPECT_EQ(pdftotext(print / "monitoring-6m.pdf"), pdftotext(web / "monitoring-6m.pdf"));
  EXPECT_LT(fs::file_size(web / "monitoring-6m.pdf"), fs::file_size(print / "monitoring-6m.pdf"));
  expect_sound_pdf(web / "monitoring-6m.pdf");
  fs::remove_all(print);
  fs::remove_all(web);
}

// JPEGs already within the limit are embedded as the very same bytes.
TEST(WebSize, JpegsWithinTheLimitPassThroughUntouched) {
  const auto out = temp_dir("web-300");
  const auto sample = repo() / "samples/nongkhai2-2565";
  ASSERT_EQ(build(sample, out, "--only monitoring-6m --max-dpi 300").exit_code, 0);
  // Six photos are placed at 262 dpi (kept as they are); one photo and the poster PNG are
  // placed at 339 (downsampled).
  std::set<std::string> originals;
  for (const auto& e : fs::directory_iterator(sample / "images"))
    if (e.path().extension() == ".jpg") originals.insert(*read_file(e.path()));
  ASSERT_EQ(run("pdfimages -j " + quote(out / "monitoring-6m.pdf") + " " + quote(out / "img")).exit_code, 0);
  size_t passed = 0;
  for (const auto& e : fs::directory_iterator(out))
    if (e.path().extension() == ".jpg") passed += originals.count(*read_file(e.path()));
  EXPECT_EQ(passed, 6u);
  for (const auto& row : image_list(out / "monitoring-6m.pdf")) EXPECT_LE(row.x_ppi, 300);
  fs::remove_all(out);
}

// Each image is changed once per process: the measures report reuses what the monitoring
// report's photos became, and a second build (a batch, a watch) reuses them all.
TEST(WebSize, EachImageIsChangedOncePerProcess) {
  pipeline::Resources own(repo());
  pipeline::BuildOptions options;
  options.dataset = repo() / "samples/nongkhai2-2565";
  options.output.max_dpi = 150;
  Diagnostics d;
  const auto first = pipeline::build_documents(options, own, d);
  ASSERT_EQ(first.size(), 4u) << d.format_all();
  // The emblem at two sizes (ประกาศ and คำสั่ง, the monitoring report's cover), the poster PNG
  // and seven photos; the measures report adds none.
  EXPECT_EQ(own.changed_images().size(), 10u);
  const auto second = pipeline::build_documents(options, own, d);
  EXPECT_EQ(own.changed_images().size(), 10u);
  for (size_t i = 0; i < first.size(); ++i) EXPECT_TRUE(first[i].pdf == second[i].pdf) << first[i].kind;
}

// ------------------------------------------------------------------------------------------
// The pixel steps

TEST(Resample, AveragesWhatItShrinksInsteadOfPickingPixels) {
  // A one-pixel checkerboard halved: nearest-neighbour would give all black or all white.
  const int w = 64, h = 48;
  std::vector<uint8_t> board(w * h * 3);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      for (int c = 0; c < 3; ++c) board[(y * w + x) * 3 + c] = (x + y) % 2 ? 255 : 0;
  for (const auto& [nw, nh] : std::vector<std::pair<int, int>>{{32, 24}, {21, 16}, {5, 4}}) {
    const auto small = pdf::resample(board, w, h, 3, nw, nh);
    ASSERT_EQ(small.size(), static_cast<size_t>(nw * nh * 3));
    for (size_t i = 0; i < small.size(); ++i) {
      ASSERT_GE(small[i], 112) << nw << "x" << nh << " at " << i;
      ASSERT_LE(small[i], 143) << nw << "x" << nh << " at " << i;
    }
  }
  // A gradient stays a gradient, end to end.
  std::vector<uint8_t> ramp(256);
  for (int x = 0; x < 256; ++x) ramp[x] = static_cast<uint8_t>(x);
  const auto r = pdf::resample(ramp, 256, 1, 1, 37, 1);
  for (size_t i = 1; i < r.size(); ++i) EXPECT_GT(r[i], r[i - 1]);
  EXPECT_LT(r.front(), 10);
  EXPECT_GT(r.back(), 245);
}

TEST(Resample, FlattensTransparencyOntoWhite) {
  std::vector<uint8_t> px = {255, 0, 0, 255, 0, 0, 255, 0, 0}, alpha = {0, 128, 255};
  pdf::flatten_on_white(px, alpha, 3);
  EXPECT_TRUE(alpha.empty());
  EXPECT_EQ(px, (std::vector<uint8_t>{255, 255, 255, 255, 127, 127, 255, 0, 0}));
}

std::string cmyk_jpeg(int w, int h) {
  jpeg_compress_struct c{};
  jpeg_error_mgr err{};
  c.err = jpeg_std_error(&err);
  jpeg_create_compress(&c);
  unsigned char* buf = nullptr;
  unsigned long size = 0;
  jpeg_mem_dest(&c, &buf, &size);
  c.image_width = w;
  c.image_height = h;
  c.input_components = 4;
  c.in_color_space = JCS_CMYK;
  jpeg_set_defaults(&c);
  jpeg_start_compress(&c, TRUE);
  std::vector<uint8_t> row(w * 4);
  // Red, stored inverted as Adobe's CMYK JPEGs are (libjpeg writes the Adobe marker that says
  // so, and poppler reads it that way).
  for (int x = 0; x < w; ++x) {
    row[x * 4 + 0] = 255 - 0;    // C
    row[x * 4 + 1] = 255 - 255;  // M
    row[x * 4 + 2] = 255 - 255;  // Y
    row[x * 4 + 3] = 255 - 0;    // K
  }
  while (c.next_scanline < c.image_height) {
    JSAMPROW r = row.data();
    jpeg_write_scanlines(&c, &r, 1);
  }
  jpeg_finish_compress(&c);
  std::string out(reinterpret_cast<char*>(buf), size);
  jpeg_destroy_compress(&c);
  std::free(buf);
  return out;
}

TEST(ChangeImage, PdfaTurnsCmykIntoRgbAndDropsAlpha) {
  Diagnostics d;
  auto cmyk = data::decode_image(cmyk_jpeg(40, 30), "cmyk.jpg", {}, d);
  ASSERT_TRUE(cmyk) << d.format_all();
  ASSERT_EQ(cmyk->components, 4);
  pdf::ImageChange change{40, 30, true, true, 85};
  EXPECT_FALSE(pdf::leaves_unchanged(*cmyk, change));
  std::string error;
  auto rgb = pdf::change_image(*cmyk, change, error);
  ASSERT_TRUE(rgb) << error;
  EXPECT_EQ(rgb->kind, data::Image::Kind::Jpeg);
  EXPECT_EQ(rgb->components, 3);
  // Decoded again it is red.
  jpeg_decompress_struct dc{};
  jpeg_error_mgr err{};
  dc.err = jpeg_std_error(&err);
  jpeg_create_decompress(&dc);
  jpeg_mem_src(&dc, reinterpret_cast<const unsigned char*>(rgb->jpeg.data()), rgb->jpeg.size());
  jpeg_read_header(&dc, TRUE);
  jpeg_start_decompress(&dc);
  ASSERT_EQ(dc.output_components, 3);
  std::vector<uint8_t> line(dc.output_width * 3);
  JSAMPROW row = line.data();
  jpeg_read_scanlines(&dc, &row, 1);
  jpeg_abort_decompress(&dc);
  jpeg_destroy_decompress(&dc);
  EXPECT_GT(line[60], 240);
  EXPECT_LT(line[61], 15);
  EXPECT_LT(line[62], 15);

  // An RGBA PNG made opaque keeps its size and loses its alpha plane; deterministic.
  std::string scan;
  for (int y = 0; y < 8; ++y) {
    scan += '\0';
    for (int x = 0; x < 8; ++x) scan += std::string("\xff\x00\x00", 3);
  }
  auto png = data::decode_image(data::encode_rgb_png(8, 8, scan), "p.png", {}, d);
  ASSERT_TRUE(png);
  auto with_alpha = std::make_shared<data::Image>(*png);
  with_alpha->flate_alpha = data::deflated(std::vector<uint8_t>(64, 0));
  pdf::ImageChange opaque{8, 8, true, true, 85};
  auto flat = pdf::change_image(*with_alpha, opaque, error);
  ASSERT_TRUE(flat) << error;
  EXPECT_TRUE(flat->flate_alpha.empty());
  EXPECT_EQ(flat->width, 8);
  EXPECT_EQ(flat->kind, data::Image::Kind::Pixels);  // not resampled: stays lossless
  EXPECT_EQ(pdf::change_image(*with_alpha, opaque, error)->flate_pixels, flat->flate_pixels);
  EXPECT_TRUE(pdf::leaves_unchanged(*png, opaque));
}

// A gray+alpha PNG through libpng's simplified writer.
std::string gray_alpha_png(int w, int h) {
  std::vector<uint8_t> px(static_cast<size_t>(w) * h * 2);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      px[(y * w + x) * 2] = static_cast<uint8_t>(x * 255 / w);
      px[(y * w + x) * 2 + 1] = static_cast<uint8_t>((x + y) % 64 < 32 ? 255 : 40);
    }
  png_image img{};
  img.version = PNG_IMAGE_VERSION;
  img.width = w;
  img.height = h;
  img.format = PNG_FORMAT_GA;
  png_alloc_size_t size = 0;
  png_image_write_to_memory(&img, nullptr, &size, 0, px.data(), 0, nullptr);
  std::string out(size, '\0');
  png_image_write_to_memory(&img, out.data(), &size, 0, px.data(), 0, nullptr);
  out.resize(size);
  return out;
}

// Another office's photos: a gray JPEG, a CMYK JPEG, a gray PNG with transparency. PDF/A still
// passes, with and without downsampling, and no soft mask is left.
TEST(PdfA, GrayCmykAndTransparentImagesStillPass) {
  const auto dir = sample_copy("pdfa-images");
  std::vector<uint8_t> gray(1200 * 900);
  for (size_t i = 0; i < gray.size(); ++i) gray[i] = static_cast<uint8_t>(i % 1200 / 5);
  std::ofstream(dir / "data/images/act1-meeting.jpg", std::ios::binary) << data::encode_jpeg(gray, 1200, 900, 1, 90);
  std::ofstream(dir / "data/images/act1-risk.jpg", std::ios::binary) << cmyk_jpeg(1000, 750);
  std::ofstream(dir / "data/images/act2-poster.png", std::ios::binary) << gray_alpha_png(300, 400);
  for (const char* flags : {"--pdfa", "--pdfa --max-dpi 150"}) {
    SCOPED_TRACE(flags);
    const auto out = dir / "out";
    fs::remove_all(out);
    const auto r = build(dir / "data", out, std::string("--only monitoring-6m ") + flags);
    ASSERT_EQ(r.exit_code, 0) << r.output;
    const auto checked = run(preflight_command(out / "monitoring-6m.pdf"));
    EXPECT_EQ(checked.exit_code, 0) << checked.output;
    for (const auto& row : image_list(out / "monitoring-6m.pdf")) EXPECT_NE(row.type, "smask") << "page " << row.page;
    const std::string list = run("pdfimages -list " + quote(out / "monitoring-6m.pdf")).output;
    EXPECT_EQ(list.find("cmyk"), std::string::npos) << list;
    EXPECT_NE(list.find("gray"), std::string::npos) << list;
  }
  fs::remove_all(dir);
}

TEST(PdfaMetadata, PdfUaAloneHasItsPartAndTheTitleButNoPdfa) {
  pdf::DocumentMetadata m{"ประกาศ", "สำนักงาน", "", "oitgen", "libharu", std::nullopt, false, true};
  const auto x = pdf::xmp_packet(m);
  EXPECT_NE(x.find("<rdf:Description rdf:about=\"\" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
                   "<pdfuaid:part>1</pdfuaid:part>\n</rdf:Description>"),
            std::string::npos)
      << x;
  EXPECT_NE(x.find("<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">ประกาศ</rdf:li></rdf:Alt></dc:title>"), std::string::npos) << x;
  EXPECT_EQ(x.find("pdfaid"), std::string::npos) << x;
  EXPECT_EQ(x.find("pdfaExtension"), std::string::npos) << x;
  EXPECT_EQ(x.rfind("<?xpacket begin=", 0), 0u);
  EXPECT_EQ(x.substr(x.size() - 19), "<?xpacket end=\"w\"?>");
}

TEST(PdfaMetadata, PdfaWithPdfUaDeclaresTheExtensionSchemaFirst) {
  pdf::DocumentMetadata m{"ประกาศ", "สำนักงาน", "", "oitgen", "libharu", data::Date{2022, 1, 14}, true, true};
  const auto x = pdf::xmp_packet(m);
  EXPECT_NE(x.find("<pdfaid:part>1</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>"), std::string::npos) << x;
  EXPECT_NE(x.find("<pdfuaid:part>1</pdfuaid:part>"), std::string::npos) << x;
  for (const char* declared :
       {"xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"", "xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"",
        "xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\"",
        "<pdfaExtension:schemas>\n<rdf:Bag>\n<rdf:li rdf:parseType=\"Resource\">\n<pdfaSchema:schema>",
        "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n"
        "<pdfaSchema:property>\n<rdf:Seq>\n<rdf:li rdf:parseType=\"Resource\">\n<pdfaProperty:name>part</pdfaProperty:name>\n"
        "<pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n<pdfaProperty:category>internal</pdfaProperty:category>\n"
        "<pdfaProperty:description>"})
    EXPECT_NE(x.find(declared), std::string::npos) << declared << "\n" << x;
  EXPECT_LT(x.find("pdfaExtension:schemas"), x.find("<pdfuaid:part>"));
  EXPECT_NE(x.find("<xmp:CreateDate>2022-01-14T00:00:00+07:00</xmp:CreateDate>"), std::string::npos);
  // PDF/A alone, as before: no pdfuaid, nothing to declare.
  m.pdfua = false;
  const auto a = pdf::xmp_packet(m);
  EXPECT_NE(a.find("<pdfaid:part>1</pdfaid:part>"), std::string::npos);
  EXPECT_EQ(a.find("pdfua"), std::string::npos) << a;
  EXPECT_EQ(a.find("pdfaExtension"), std::string::npos) << a;
}

TEST(PdfaMetadata, EscapesXmlAndWritesThaiTime) {
  pdf::DocumentMetadata m{"A & B <ประกาศ>", "สำนักงาน \"ก\"", "", "oitgen", "libharu", data::Date{2022, 1, 14}};
  const auto x = pdf::xmp_packet(m);
  EXPECT_NE(x.find("<rdf:li xml:lang=\"x-default\">A &amp; B &lt;ประกาศ&gt;</rdf:li>"), std::string::npos) << x;
  EXPECT_NE(x.find("<rdf:li>สำนักงาน &quot;ก&quot;</rdf:li>"), std::string::npos) << x;
  EXPECT_EQ(x.find("dc:description"), std::string::npos);  // no Subject, no description
  EXPECT_EQ(pdf::pdf_date({2022, 1, 14}), "D:20220114000000+07'00'");
  EXPECT_EQ(pdf::xmp_date({2022, 1, 14}), "2022-01-14T00:00:00+07:00");
  m.date.reset();
  EXPECT_EQ(pdf::xmp_packet(m).find("CreateDate"), std::string::npos);
}

}  // namespace
