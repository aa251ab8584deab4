#!/usr/bin/python3
"""pdfua_suite: the tagged-PDF suite of issue 20, run by ctest as `pdfua_suite`.

Builds both samples (samples/nongkhai2-2565, samples/udonthani1-2566) with the given oitgen
binary into a temporary folder: plain, and, when the binary takes `--pdfua`, also with
`--pdfa --pdfua`. On every PDF it runs every condition of pdfua_check.py (the independent
checker: pikepdf and poppler, nothing of oitgen's; text_order in --raw mode, the PDF/UA
identification only for the --pdfua builds), then pins the tree's shape per document kind,
read with pikepdf from /StructTreeRoot and checked against the sample data and the layouts:

  announcement     the title lines are H1, the levels start at H1 and never skip, every
                   category title is a heading and the categories share one level; the items
                   are L/LI with Lbl + LBody, the Lbl texts the item numbers in Thai digits
                   ("๑.๑"), the bullets a nested L in the item's LBody with Lbl "-"; the
                   emblem a Figure with Alt "ตราครุฑ" (or the data's emblem_alt)
  order            the emblem Figure; the annex Table with one THead row whose TH cells
                   (/Scope /Column) read the layout's headers, and a TBody of rows of cells
  measures-report  a Part per included document (the layout's includes), each with a
                   heading; the chart a Figure whose Alt names every year and score of the
                   history (the data's, and the history table's), in Thai digits
  monitoring-6m    every photo a Figure with an image and Alt (the data's alt, else its
                   caption) beside a Caption that reads the caption (in the measures report
                   too, which includes the results)
  every document   page numbers are Pagination artifacts (Header/Footer) reading the page's
                   label, and no marked content outside the contents' references reads a
                   page's own label; repeated table headers are not in the tree (one THead
                   row per Table); `pdfinfo -struct` reads the tree
  every sample     a table row split across pages is one TR with content on both pages
                   (reported where the samples have one; tests/structure_test.cpp covers it
                   on a made-up table as well)

Prints one line per check, `PASS|FAIL file condition: detail`, then a summary with each PDF's
score. Exit 0 when everything passes, 1 when something fails, 77 (ctest's skip) when
python3-pikepdf is not installed (1 then too when CI is set: CI installs it).

Usage: pdfua_suite.py --binary build/oitgen --source . [--keep DIR] [--break NAME]
  --keep DIR     build into DIR and leave the PDFs there
  --break NAME   expect something wrong on purpose, to see a pin go red (--break help)
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
import unicodedata

try:
    import pikepdf
    from pikepdf import Dictionary, Name
except ImportError:  # Debian's python3-pikepdf; .ci/setup installs it
    if os.environ.get("CI"):
        print("FAIL pdfua_suite: python3-pikepdf is not installed (CI runs .ci/setup, which installs it)", file=sys.stderr)
        sys.exit(1)
    print("SKIP pdfua_suite: python3-pikepdf is not installed", file=sys.stderr)
    sys.exit(77)

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import pdfua_check  # noqa: E402

SAMPLES = ["nongkhai2-2565", "udonthani1-2566"]
KINDS = ["announcement", "order", "monitoring-6m", "measures-report"]
THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
ARABIC_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
BREAKS = {
    "label": "expects the announcement's item labels in Arabic digits",
    "th": "expects a fifth header cell in the order's annex",
    "parts": "expects one Part more in the measures report",
    "chart": "expects a year the chart does not draw in its Alt",
    "caption": "expects a photo caption the data does not have",
}


def thai(s):
    return str(s).translate(THAI_DIGITS)


def norm(s):
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s or ""))


def load_toml(path):
    with open(path, "rb") as f:
        return tomllib.load(f)


class Results:
    def __init__(self):
        self.count = 0
        self.failed = []
        self.scores = []  # (file, passed, total, failed condition names)

    def check(self, where, name, ok, detail=""):
        line = f"{'PASS' if ok else 'FAIL'} {where} {name}{': ' + detail if detail else ''}"
        print(line, flush=True)
        self.count += 1
        if not ok:
            self.failed.append(f"{where} {name}: {detail}")
        return ok


# ---------------------------------------------------------------- reading the tree

def kind(doc, e):
    return doc.kind(e)


def descendants(e):
    for c in e.children:
        yield c
        yield from descendants(c)


def text_of(doc, e):
    """What the element's marked content reads, in tree order (ActualText of the runs)."""
    out = []

    def walk(x):
        actual = pdfua_check.text_of(x.obj.get("/ActualText"))
        if actual is not None:
            out.append(actual)
            return
        for kid in x.kids:
            if kid[0] == "elem":
                walk(kid[1])
            elif kid[0] == "mcr" and kid[1] in doc.page_index:
                out.append(doc.content[doc.page_index[kid[1]]].mcids.get(kid[2], ""))

    walk(e)
    return "".join(out)


def marked_kids(e):
    """The element's own marked-content kids as written: [(page objgen or None, mcid, is an
    MCR dictionary)], and its /Pg."""
    pg = e.obj.get("/Pg")
    pg = pg.objgen if pg is not None else None
    k = e.obj.get("/K")
    out = []
    for kid in (list(k) if isinstance(k, pikepdf.Array) else [k] if k is not None else []):
        if isinstance(kid, Dictionary) and kid.get("/Type") == Name.MCR:
            p = kid.get("/Pg")
            out.append((p.objgen if p is not None else pg, int(kid.get("/MCID", -1)), True))
        elif isinstance(kid, int) or (hasattr(kid, "is_integer") and kid.is_integer):
            out.append((pg, int(kid), False))
    return out, pg


def headings(doc):
    out = []
    for e in doc.elements:
        m = re.fullmatch(r"H([1-6])", kind(doc, e))
        if m:
            out.append((int(m.group(1)), e))
    return out


def levels_ok(levels):
    """The first H1, none deeper than one below the one before."""
    if not levels or levels[0] != 1:
        return False, f"starts with H{levels[0]}" if levels else "no headings"
    for a, b in zip(levels, levels[1:]):
        if b > a + 1:
            return False, f"H{a} is followed by H{b}"
    return True, ""


def figures_with_images(doc):
    """Figures whose subtree draws an image."""
    out = []
    for e in doc.of_kind("Figure"):
        n = 0
        for k in pdfua_check.iter_mcrs(e):
            if k[1] in doc.page_index:
                n += doc.content[doc.page_index[k[1]]].mcid_images.get(k[2], 0)
        if n:
            out.append(e)
    return out


def alt(e):
    return pdfua_check.text_of(e.obj.get("/Alt")) or ""


def table_rows(doc, table):
    """(section kind, TR) in order: THead, TBody or TFoot rows, and rows right in the Table."""
    for c in table.children:
        k = kind(doc, c)
        if k == "TR":
            yield "Table", c
        elif k in ("THead", "TBody", "TFoot"):
            for r in c.children:
                if kind(doc, r) == "TR":
                    yield k, r


# ---------------------------------------------------------------- the content's artifacts

def artifacts(page):
    """[(type, subtype, text)] of the page's artifacts, and [(mcid, text)] of its marked
    content, from the content stream (ActualText where a span has it)."""
    resources = page.obj.get("/Resources")
    fonts = resources.get("/Font") if resources is not None else None
    decoders, font = {}, None
    stack = []  # [kind, props, text list]
    actual_depth = None
    found_artifacts, found_mcids = [], []

    def sink():
        for frame in reversed(stack):
            if frame[0] in ("artifact", "mcid"):
                return frame
        return None

    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op in ("BDC", "BMC"):
            tag = str(operands[0])[1:] if operands else ""
            props = pdfua_check.properties_of(operands, resources) if op == "BDC" else None
            if tag == "Artifact":
                stack.append(["artifact", props, []])
            elif props is not None and props.get("/MCID") is not None:
                stack.append(["mcid", props, []])
            else:
                stack.append(["other", props, []])
            actual = props.get("/ActualText") if props is not None else None
            if actual is not None and actual_depth is None:
                s = sink()
                if s is not None:
                    s[2].append(str(actual))
                actual_depth = len(stack)
        elif op == "EMC" and stack:
            if actual_depth == len(stack):
                actual_depth = None
            kind_, props, texts = stack.pop()
            text = "".join(texts)  # a span's text went to the artifact or MCID around it
            if kind_ == "artifact":
                t = props.get("/Type") if props is not None else None
                st = props.get("/Subtype") if props is not None else None
                found_artifacts.append((str(t)[1:] if t is not None else "", str(st)[1:] if st is not None else "", text))
            elif kind_ == "mcid":
                found_mcids.append((int(props.get("/MCID")), text))
        elif op == "Tf" and operands:
            key = operands[0]
            if key not in decoders:
                f = fonts.get(key) if fonts is not None else None
                decoders[key] = pdfua_check.FontDecoder(f) if f is not None else None
            font = decoders[key]
        elif op in pdfua_check.TEXT_OPS and actual_depth is None and font is not None:
            s = sink()
            if s is not None:
                s[2].append("".join(font.decode(b) for b in pdfua_check.string_operands(op, operands)))
    return found_artifacts, found_mcids


def page_label(page):
    try:
        return page.label or ""
    except Exception:
        return ""


# ---------------------------------------------------------------- the pins

class Pins:
    def __init__(self, results, source, sample, broken):
        self.r = results
        self.source = source
        self.sample = sample
        self.broken = broken
        self.data_dir = os.path.join(source, "samples", sample)

    def data(self, name):
        path = os.path.join(self.data_dir, name + ".toml")
        return load_toml(path) if os.path.exists(path) else {}

    def emblem_alt(self):
        office = self.data("office").get("office", {})
        return office.get("emblem_alt") or "ตราครุฑ"

    # -- every document

    def common(self, where, doc, path):
        r = self.r
        out = subprocess.run(["pdfinfo", "-struct", path], capture_output=True)
        text = out.stdout.decode("utf-8", "replace")
        r.check(where, "pdfinfo_struct", out.returncode == 0 and "Document" in text,
                f"pdfinfo -struct lists {text.count(chr(10))} lines" if out.returncode == 0 else out.stderr.decode()[:200])

        # Page numbers: Pagination artifacts that read the page's label; no tagged content reads
        # a page's own label (the contents' References lead to other pages by their labels).
        # A table cell may read the same digit as the page's label (indicator ๒ on page ๒),
        # and the contents' References name pages by their labels: those are not page numbers.
        in_reference = set()
        for e in doc.of_kind("Reference", "TD", "TH"):
            for k in pdfua_check.iter_mcrs(e):
                in_reference.add((k[1], k[2]))
        numbered, problems = 0, []
        for i, page in enumerate(doc.pdf.pages):
            label = page_label(page)
            arts, mcids = artifacts(page)
            numbers = [a for a in arts if a[1] in ("Header", "Footer")]
            for t, st, text in numbers:
                if t != "Pagination":
                    problems.append(f"page {i + 1}: a {st} artifact of /Type {t or 'none'}")
                if label and norm(label) not in norm(text):
                    problems.append(f"page {i + 1}: the page number «{text}» does not read its label «{label}»")
            if numbers:
                numbered += 1
            if not label:
                continue
            for mcid, text in mcids:
                if (page.obj.objgen, mcid) in in_reference:
                    continue
                # The label as a page number prints it: "- ๒ -", "(๒)", "๒".
                bare = re.sub(r"[-–—()\[\]]", "", norm(text))
                if bare and (bare == norm(label) or any(norm(text) == norm(a[2]) for a in numbers)):
                    problems.append(f"page {i + 1}: MCID {mcid} reads the page label «{text}»")
        many = len(doc.pdf.pages) > 1
        r.check(where, "page_numbers", not problems and (numbered > 0 or not many),
                pdfua_check.summarise(problems) if problems else
                f"{numbered} of {len(doc.pdf.pages)} pages numbered, each a Pagination artifact")

        # A page break's repeated header is an artifact: one header row per table in the tree.
        problems = []
        for t in doc.of_kind("Table"):
            head = [tr for sec, tr in table_rows(doc, t) if sec == "THead"]
            if len(head) > 1:
                problems.append(f"{doc.describe(t)} has {len(head)} THead rows")
        r.check(where, "header_once", not problems,
                pdfua_check.summarise(problems) if problems else f"{len(doc.of_kind('Table'))} tables, one header row each")

    def split_rows(self, doc):
        """[(TR, its pages, whether an element under it continues on the next page through an
        MCR kid)] for the rows whose content is on more than one page."""
        out = []
        for tr in doc.of_kind("TR"):
            pages, mcr = set(), False
            for e in [tr] + list(descendants(tr)):
                kids, pg = marked_kids(e)
                for page, _, is_mcr in kids:
                    if page in doc.page_index:
                        pages.add(doc.page_index[page])
                    mcr |= is_mcr and page != pg
            if len(pages) > 1:
                out.append((tr, sorted(pages), mcr))
        return out

    def mcr_pages(self, where, doc):
        """Marked content on another page than its element's /Pg is an MCR with that page."""
        problems, mcrs = [], 0
        for e in doc.elements:
            kids, pg = marked_kids(e)
            for page, mcid, is_mcr in kids:
                if pg is None and not is_mcr:
                    problems.append(f"{doc.describe(e)}: MCID {mcid} with no page (/Pg)")
                elif is_mcr and page != pg:
                    mcrs += 1
        self.r.check(where, "mcr_pages", not problems,
                     pdfua_check.summarise(problems) if problems else
                     f"{mcrs} marked-content kids on another page than their element's, each an MCR with /Pg")

    # -- per kind

    def announcement(self, where, doc):
        r = self.r
        a = self.data("announcement").get("announcement", {})
        office = self.data("office").get("office", {})
        hs = headings(doc)
        levels = [l for l, _ in hs]
        ok, why = levels_ok(levels)
        r.check(where, "heading_levels", ok, why or " ".join(f"H{l}" for l in levels))
        titles = [norm(thai("ประกาศ" + office.get("name", ""))), norm(thai("เรื่อง " + a.get("subject", "")))]
        got = [(l, norm(text_of(doc, e))) for l, e in hs[:2]]
        r.check(where, "title_h1", got == [(1, titles[0]), (1, titles[1])],
                "the two title lines are H1" if got == [(1, titles[0]), (1, titles[1])] else
                f"first headings {[(l, t[:30]) for l, t in got]}")
        # Every category title a heading, all at one level, under the scope line's heading.
        cats = [norm(thai(c.get("title", ""))) for c in a.get("categories", [])]
        cat_levels, missing = [], []
        texts = [(l, norm(text_of(doc, e))) for l, e in hs]
        for i, c in enumerate(cats):
            hit = [l for l, t in texts if t.endswith(c) and t[: len(t) - len(c)] in (norm(thai(f"{i + 1})")), "")]
            if hit:
                cat_levels.append(hit[0])
            else:
                missing.append(f"category {i + 1} «{c[:30]}»")
        r.check(where, "category_headings", not missing and len(set(cat_levels)) == 1 and cat_levels[0] >= 2,
                pdfua_check.summarise(missing) if missing else
                f"{len(cats)} categories, levels " + " ".join(f"H{l}" for l in cat_levels))

        # The items: L/LI/Lbl/LBody; the labels their numbers in Thai digits; bullets nested.
        expect_labels, expect_bullets = [], {}
        for i, c in enumerate(a.get("categories", [])):
            for j, item in enumerate(c.get("items", [])):
                label = f"{i + 1}.{j + 1}"
                expect_labels.append(label if self.broken == "label" else thai(label))
                if item.get("bullets"):
                    expect_bullets[thai(label)] = [norm(thai(b)) for b in item["bullets"]]
        top_items, problems = [], []
        for li in doc.of_kind("LI"):
            l = li.parent
            nested = l is not None and l.parent is not None and kind(doc, l.parent) == "LBody"
            kids = [kind(doc, c) for c in li.children]
            if kids != ["Lbl", "LBody"]:
                problems.append(f"{doc.describe(li)} holds {kids}")
                continue
            lbl, body = li.children
            if nested:
                continue
            top_items.append((norm(text_of(doc, lbl)), body))
        got_labels = [t for t, _ in top_items]
        if got_labels != expect_labels:
            problems.append(f"item labels {got_labels[:6]}… where the data numbers {expect_labels[:6]}…")
        for label, body in top_items:
            lists = [c for c in body.children if kind(doc, c) == "L"]
            want = expect_bullets.get(label)
            if not want:
                if lists:
                    problems.append(f"item {label} has a nested list, the data no bullets")
                continue
            if len(lists) != 1:
                problems.append(f"item {label}: {len(lists)} nested lists for its bullets")
                continue
            got = []
            for li in lists[0].children:
                if kind(doc, li) != "LI" or [kind(doc, c) for c in li.children] != ["Lbl", "LBody"]:
                    problems.append(f"item {label}: a bullet is not LI(Lbl, LBody)")
                    continue
                if norm(text_of(doc, li.children[0])) != "-":
                    problems.append(f"item {label}: a bullet's Lbl reads «{text_of(doc, li.children[0])}»")
                got.append(norm(text_of(doc, li.children[1])))
            if got != want:
                problems.append(f"item {label}: bullets {len(got)} read otherwise than the data's {len(want)}")
        n_bullets = sum(len(v) for v in expect_bullets.values())
        r.check(where, "list_items", not problems,
                pdfua_check.summarise(problems) if problems else
                f"{len(top_items)} items {expect_labels[0] if expect_labels else ''}…{expect_labels[-1] if expect_labels else ''}, "
                f"{n_bullets} bullets in {len(expect_bullets)} nested lists")
        self.emblem(where, doc)

    def emblem(self, where, doc):
        figs = figures_with_images(doc)
        want = self.emblem_alt()
        ok = bool(figs) and alt(figs[0]) == want
        self.r.check(where, "emblem_figure", ok,
                     f"the first Figure draws the emblem, Alt «{alt(figs[0])}»" if figs else "no Figure with an image")

    def order(self, where, doc):
        r = self.r
        self.emblem(where, doc)
        layout = load_toml(os.path.join(self.source, "layouts", "order.toml"))

        def find_table(blocks):
            for b in blocks:
                if b.get("type") == "table" and b.get("each") == "order.annex.items":
                    return b
                t = find_table(b.get("blocks", []))
                if t:
                    return t
            return None

        spec = find_table(layout.get("blocks", []))
        want = [c.get("header", "") for c in spec.get("columns", [])] if spec else []
        if self.broken == "th":
            want.append("หมายเหตุ")
        found, problems = None, []
        for t in doc.of_kind("Table"):
            rows = list(table_rows(doc, t))
            head = [tr for sec, tr in rows if sec == "THead"]
            if not head:
                continue
            cells = head[0].children
            texts = [norm(text_of(doc, c)) for c in cells]
            if texts[:1] != [norm(want[0] if want else "")]:
                continue
            found = t
            if texts != [norm(w) for w in want]:
                problems.append(f"header cells read {texts}, the layout says {[norm(w) for w in want]}")
            for c in cells:
                if kind(doc, c) != "TH":
                    problems.append(f"a header cell is {kind(doc, c)}")
                elif pdfua_check.scope_of(c) != "Column":
                    problems.append(f"TH «{text_of(doc, c)}» has /Scope {pdfua_check.scope_of(c)}")
            body = [tr for sec, tr in rows if sec == "TBody"]
            if not body:
                problems.append("no TBody rows")
            for tr in body:
                ks = [kind(doc, c) for c in tr.children]
                spans = sum(int(span(c, "/ColSpan")) for c in tr.children)
                if any(k not in ("TD", "TH") for k in ks) or spans != len(want):
                    problems.append(f"a body row holds {ks} spanning {spans} columns")
                    break
            # A row split across pages stays one row: each of the data's items is one body row.
            items = self.data("order").get("order", {}).get("annex", {}).get("items", [])
            firsts = [norm(text_of(doc, tr.children[0])) for tr in body if tr.children and span(tr.children[0], "/ColSpan") == 1]
            want_items = [norm(str(i.get("item", ""))) for i in items]
            if [f if f in want_items else norm(f).translate(ARABIC_DIGITS) for f in firsts] != \
                    [w.translate(ARABIC_DIGITS) for w in want_items]:
                problems.append(f"the body rows' item cells read {firsts[:5]}…, the data's items are {want_items[:5]}…")
            break
        if spec is None:
            problems.append("layouts/order.toml has no table over order.annex.items")
        elif found is None:
            problems.append(f"no Table whose header starts with «{want[0]}»")
        nbody = len([1 for sec, _ in table_rows(doc, found) if sec == "TBody"]) if found else 0
        r.check(where, "annex_table", not problems,
                pdfua_check.summarise(problems) if problems else
                f"THead TH(Scope Column) {' | '.join(want)}; TBody {nbody} rows, each data item once")

    def measures_report(self, where, doc):
        r = self.r
        layout = load_toml(os.path.join(self.source, "layouts", "measures-report.toml"))
        includes = [b for b in layout.get("blocks", []) if b.get("type") == "include"]
        want = len(includes) + (1 if self.broken == "parts" else 0)
        roots = [e for e in doc.elements if e.parent is None]
        parts = [e for e in doc.of_kind("Part")]
        problems = []
        if [kind(doc, e) for e in roots] != ["Document"]:
            problems.append(f"the tree's root is {[kind(doc, e) for e in roots]}")
        if len(parts) != want:
            problems.append(f"{len(parts)} Parts for {want} included documents")
        for p in parts:
            if not any(re.fullmatch(r"H[1-6]", kind(doc, d)) for d in descendants(p)):
                problems.append(f"{doc.describe(p)} has no heading")
        firsts = []
        for p in parts:
            h = next((d for d in descendants(p) if re.fullmatch(r"H[1-6]", kind(doc, d))), None)
            firsts.append(text_of(doc, h)[:24] if h is not None else "")
        r.check(where, "parts", not problems,
                pdfua_check.summarise(problems) if problems else
                f"{len(parts)} Parts ({', '.join(i.get('layout', '?') for i in includes)}): " + " / ".join(firsts))
        hs = headings(doc)
        ok, why = levels_ok([l for l, _ in hs])
        r.check(where, "heading_levels", ok, why or f"{len(hs)} headings")

        # The chart: a Figure whose Alt says every year and score it draws. The points are the
        # history table's (the data's history, and the assessment year's total the model
        # computes from the indicators); the data's own entries must be among them.
        history = self.data("measures").get("measures", {}).get("history", [])
        data_points = [(norm(thai(h["year"])), norm(thai(f"{float(h['score']):.2f}"))) for h in history]
        points = []
        for t in doc.of_kind("Table"):
            rows = list(table_rows(doc, t))
            head = [tr for sec, tr in rows if sec == "THead"]
            if head and head[0].children and norm(text_of(doc, head[0].children[0])) == norm("ปีงบประมาณ พ.ศ."):
                for sec, tr in rows:
                    if sec == "TBody" and len(tr.children) >= 2:
                        points.append((norm(text_of(doc, tr.children[0])), norm(text_of(doc, tr.children[1]))))
        if self.broken == "chart":
            points.append((thai("2500"), thai("1.00")))
        problems = []
        if not points:
            problems.append("no history table (ปีงบประมาณ พ.ศ.)")
        missing = [p for p in data_points if p not in points]
        if missing:
            problems.append(f"the history table lacks the data's {missing}")
        charts = [f for f in doc.of_kind("Figure") if alt(f).startswith("แผนภูมิ")]
        if len(charts) != 1:
            problems.append(f"{len(charts)} chart Figures")
        else:
            text = norm(alt(charts[0]))
            for y, s in points:
                if norm(y) not in text or norm(s) not in text:
                    problems.append(f"the chart's Alt does not say {y} {s}")
            if figures_with_images(doc) and charts[0] in figures_with_images(doc):
                problems.append("the chart Figure draws an image")
            if not list(pdfua_check.iter_mcrs(charts[0])):
                problems.append("the chart Figure has no content")
        r.check(where, "chart_figure", not problems,
                pdfua_check.summarise(problems) if problems else
                f"Alt names the {len(points)} years and scores of the history table "
                f"({len(data_points)} from the data): «{alt(charts[0])[:60]}…»")
        self.photos(where, doc)
        self.emblem(where, doc)

    def photos(self, where, doc):
        m = self.data("monitoring").get("monitoring", {})
        want = []

        def collect(node):
            if isinstance(node, dict):
                for p in node.get("photos", []) if isinstance(node.get("photos"), list) else []:
                    if isinstance(p, dict):
                        want.append(norm(thai(p.get("alt") or p.get("caption", ""))))
                for k, v in node.items():
                    if k != "photos":
                        collect(v)
            elif isinstance(node, list):
                for v in node:
                    collect(v)

        collect(m.get("project", {}).get("activities", []))
        if self.broken == "caption":
            want.append(norm("ภาพที่ไม่มี"))
        emblem = norm(self.emblem_alt())
        figs = [f for f in figures_with_images(doc) if norm(alt(f)) != emblem]
        problems, got = [], []
        for f in figs:
            got.append(norm(alt(f)))
            if not alt(f):
                problems.append(f"{doc.describe(f)} has no Alt")
            caps = [c for c in (f.parent.children if f.parent else []) if kind(doc, c) == "Caption"]
            if len(caps) != 1:
                problems.append(f"photo «{alt(f)[:30]}»: {len(caps)} Captions beside it")
            elif norm(text_of(doc, caps[0])) != norm(alt(f)):
                problems.append(f"photo «{alt(f)[:30]}»: its Caption reads «{text_of(doc, caps[0])[:30]}»")
        if sorted(got) != sorted(want):
            problems.append(f"{len(got)} photo Figures with Alt for the data's {len(want)} photos")
        self.r.check(where, "photo_figures", not problems,
                     pdfua_check.summarise(problems) if problems else f"{len(figs)} photos: Figure with Alt and Caption")

    def monitoring(self, where, doc):
        self.photos(where, doc)
        self.emblem(where, doc)
        hs = headings(doc)
        ok, why = levels_ok([l for l, _ in hs])
        self.r.check(where, "heading_levels", ok, why or f"{len(hs)} headings")


def span(cell, key):
    for a in pdfua_check.as_list(cell.obj.get("/A")):
        if isinstance(a, Dictionary) and a.get(key) is not None:
            return int(a.get(key))
    return 1


# ---------------------------------------------------------------- the run

def accepts_pdfua(binary):
    out = subprocess.run([binary, "build", "--help"], capture_output=True)
    return b"--pdfua" in out.stdout + out.stderr


def build(binary, sample_dir, out_dir, extra):
    cmd = [binary, "build", sample_dir, "-o", out_dir, *extra]
    r = subprocess.run(cmd, capture_output=True)
    return r.returncode, (r.stdout + r.stderr).decode("utf-8", "replace"), " ".join(cmd)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--binary", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--keep")
    ap.add_argument("--break", dest="broken")
    args = ap.parse_args(argv)
    if args.broken == "help":
        for k, v in BREAKS.items():
            print(f"{k:12} {v}")
        return 0
    if args.broken and args.broken not in BREAKS:
        print(f"unknown --break {args.broken} (--break help)", file=sys.stderr)
        return 2
    for tool in ("pdftotext", "pdfinfo"):
        if shutil.which(tool) is None:
            print(f"FAIL: {tool} (poppler-utils) is not installed", file=sys.stderr)
            return 1
    source = os.path.abspath(args.source)
    binary = os.path.abspath(args.binary)
    work = args.keep or tempfile.mkdtemp(prefix="oitgen-pdfua-")
    results = Results()
    profiles = [("plain", [], False)]
    if accepts_pdfua(binary):
        profiles.append(("pdfa-pdfua", ["--pdfa", "--pdfua"], True))
    else:
        print("NOTE the binary does not take --pdfua: only the plain builds are checked", flush=True)
    try:
        for sample in SAMPLES:
            pins = Pins(results, source, sample, args.broken)
            for profile, extra, pdfua in profiles:
                out = os.path.join(work, sample, profile)
                os.makedirs(out, exist_ok=True)
                code, log, cmd = build(binary, os.path.join(source, "samples", sample), out, extra)
                if not results.check(f"{sample}/{profile}", "build", code == 0, cmd if code == 0 else f"{cmd}: exit {code}\n{log}"):
                    continue
                split = []
                for k in KINDS:
                    path = os.path.join(out, k + ".pdf")
                    where = f"{sample}/{profile}/{k}.pdf"
                    if not results.check(where, "exists", os.path.exists(path)):
                        continue
                    conditions = pdfua_check.run_checks(path, pdfua=pdfua, raw=True)
                    for name, passed, detail in conditions:
                        results.check(where, name, passed, detail)
                    results.scores.append((where, sum(1 for _, p, _ in conditions if p), len(conditions),
                                           [n for n, p, _ in conditions if not p]))
                    doc = pdfua_check.Document(path)
                    pins.common(where, doc, path)
                    pins.mcr_pages(where, doc)
                    {"announcement": pins.announcement, "order": pins.order, "monitoring-6m": pins.monitoring,
                     "measures-report": pins.measures_report}[k](where, doc)
                    for tr, pages, mcr in pins.split_rows(doc):
                        split.append((k, doc, tr, pages, mcr))
                # A row split across pages: one TR, its content on both pages; where one
                # element of it goes on over the break, the next page's part is an MCR.
                bad = [f"{k}: {d.describe(tr)} on pages {'+'.join(str(x + 1) for x in p)} is not consecutive"
                       for k, d, tr, p, _ in split if p[-1] - p[0] + 1 != len(p)]
                with_mcr = [(k, d, tr, p) for k, d, tr, p, mcr in split if mcr]
                if split:
                    k, d, tr, p = (with_mcr or [x[:4] for x in split])[0]
                    results.check(f"{sample}/{profile}", "split_rows", not bad,
                                  pdfua_check.summarise(bad) if bad else
                                  f"{len(split)} rows split across pages, each one TR, {len(with_mcr)} with an element "
                                  f"continued as an MCR (e.g. {k}.pdf pages {'+'.join(str(x + 1) for x in p)}: "
                                  f"«{text_of(d, tr)[:30]}»)")
                else:
                    print(f"NOTE {sample}/{profile}: no table row is split across pages "
                          "(tests/structure_test.cpp covers one)", flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    print("\nsummary (pdfua_check conditions per PDF):")
    for where, passed, total, failed in results.scores:
        print(f"  {where:55} score {passed}/{total}" + (f"  failed: {', '.join(failed)}" if failed else ""))
    if results.failed:
        print(f"\n{len(results.failed)} failed:")
        for f in results.failed:
            print("  " + f.split("\n")[0][:300])
        return 1
    print(f"\nall {results.count} checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
