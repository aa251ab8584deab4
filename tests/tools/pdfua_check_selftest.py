#!/usr/bin/python3
"""Self-test of pdfua_check.py: builds small PDFs with pikepdf in a temporary folder (one well
tagged, and variants that each break one thing) and asserts which conditions pass and fail.

The good fixture has a Document with H1, P, H2, a list (L/LI/Lbl/LBody), a Figure with Alt
around an image, a Table with TH (Scope Column) and TD, a page-number artifact and a rule
artifact, an embedded TrueType font (the repository's Laksaman) with ToUnicode, /Lang,
/DisplayDocTitle and, for --pdfua, XMP with dc:title and pdfuaid:part 1.

Usage: pdfua_check_selftest.py   (exit 0 when every expectation holds)
"""
import os
import subprocess
import sys
import tempfile

import pikepdf
from pikepdf import Array, Dictionary, Name, String

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import pdfua_check  # noqa: E402

FONT = os.path.join(HERE, "..", "..", "fonts", "Laksaman.ttf")

XMP = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Self-test</rdf:li></rdf:Alt></dc:title>
<pdfuaid:part>1</pdfuaid:part>
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>"""

# (structure type, text or None for the image, y) in reading order; the tree groups them below.
CONTENT = [
    ("H1", "Annual report", 760),
    ("P", "This paragraph is the body text.", 730),
    ("H2", "Measures", 700),
    ("Lbl", "1.", 670),
    ("LBody", "Publish the data.", 670),
    ("Figure", None, 560),
    ("TH", "Item", 520),
    ("TH", "Score", 520),
    ("TD", "Alpha", 500),
    ("TD", "90", 500),
]
X = {"LBody": 100, "TH": (72, 200), "TD": (72, 200)}


def text_ops(s, x, y, size=12):
    return f"BT /F1 {size} Tf 1 0 0 1 {x} {y} Tm ({s}) Tj ET\n"


def build(path, *, skip_heading=False, no_alt=False, dangling_mcid=False, untagged_text=False,
          no_scope=False, bad_list=False, swap_order=False, xmp=True, untagged=False):
    """Writes a fixture to `path`; each keyword breaks one thing."""
    pdf = pikepdf.new()
    with open(FONT, "rb") as f:
        font_bytes = f.read()
    font_file = pikepdf.Stream(pdf, font_bytes)
    font_file.Length1 = len(font_bytes)
    cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Self def "
            "1 begincodespacerange <00> <FF> endcodespacerange 1 beginbfrange <20> <7E> <0020> endbfrange "
            "endcmap CMapName currentdict /CMap defineresource pop end end")
    font = pdf.make_indirect(Dictionary(
        Type=Name.Font, Subtype=Name.TrueType, BaseFont=Name("/AAAAAA+Laksaman"), FirstChar=32, LastChar=126,
        Widths=Array([500] * 95), Encoding=Name.WinAnsiEncoding, ToUnicode=pdf.make_stream(cmap.encode()),
        FontDescriptor=pdf.make_indirect(Dictionary(
            Type=Name.FontDescriptor, FontName=Name("/AAAAAA+Laksaman"), Flags=32,
            FontBBox=Array([-500, -300, 1200, 1000]), ItalicAngle=0, Ascent=900, Descent=-300, CapHeight=700,
            StemV=80, FontFile2=font_file))))
    image = pikepdf.Stream(pdf, bytes([128] * 16))
    image.Type, image.Subtype, image.Width, image.Height = Name.XObject, Name.Image, 4, 4
    image.ColorSpace, image.BitsPerComponent = Name.DeviceGray, 8

    page = pdf.add_blank_page(page_size=(595, 842))
    page.Resources = Dictionary(Font=Dictionary(F1=font), XObject=Dictionary(Im1=image))
    ops = "/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n" + text_ops("- 1 -", 280, 40) + "EMC\n"
    ops += "/Artifact BMC 0.5 w 72 540 m 300 540 l S EMC\n"
    columns = {}
    mcids = []  # structure type of each MCID
    for kind, text, y in CONTENT:
        mcid = len(mcids)
        mcids.append(kind)
        if untagged:
            ops += text_ops(text, 72, y) if text else "q 50 0 0 50 72 560 cm /Im1 Do Q\n"
            continue
        ops += f"/{kind} <</MCID {mcid}>> BDC\n"
        if text is None:
            ops += "q 50 0 0 50 72 560 cm /Im1 Do Q\n"
        else:
            x = X.get(kind, 72)
            if isinstance(x, tuple):
                x = x[columns.setdefault(y, 0)]
                columns[y] += 1
            ops += text_ops(text, x, y)
        ops += "EMC\n"
    if untagged_text:
        ops += text_ops("Stray words.", 72, 450)
    page.Contents = pdf.make_stream(ops.encode())
    if untagged:
        pdf.save(path)
        return

    page_ref = page.obj
    elems = []

    def elem(kind, parent, kids=(), **extra):
        e = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name("/" + kind), P=parent, Pg=page_ref,
                                         K=Array(list(kids)), **extra))
        elems.append(e)
        return e

    root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    doc = elem("Document", root)
    by_mcid = {}

    def leaf(kind, parent, mcid, **extra):
        e = elem(kind, parent, [mcid], **extra)
        by_mcid[mcid] = e
        return e

    h = [leaf("H1", doc, 0), leaf("P", doc, 1), leaf("H3" if skip_heading else "H2", doc, 2)]
    lst = elem("L", doc)
    li = elem("LI", lst)
    lbl, lbody = leaf("Lbl", li, 3), leaf("LBody", li, 4)
    li.K = Array([lbl, lbody])
    if bad_list:
        lst.K = Array([lbl, lbody])  # Lbl and LBody straight in the L, the LI empty
        li.K = Array([])
        lbl.P = lbody.P = lst
    else:
        lst.K = Array([li])
    fig = leaf("Figure", doc, 5, **({} if no_alt else {"Alt": String("A grey square")}))
    table = elem("Table", doc)
    rows = []
    for cells in ((6, 7), (8, 9)):
        tr = elem("TR", table)
        kids = []
        for m in cells:
            extra = {}
            if mcids[m] == "TH" and not no_scope:
                extra["A"] = Dictionary(O=Name.Table, Scope=Name.Column)
            kids.append(leaf(mcids[m], tr, m, **extra))
        tr.K = Array(kids)
        rows.append(tr)
    table.K = Array(rows)
    if swap_order:
        h[0], h[1] = h[1], h[0]  # the tree reads the paragraph before the title above it
    doc.K = Array(h + [lst, fig, table])
    root.K = Array([doc])
    parents = [by_mcid[m] for m in range(len(mcids))]
    if dangling_mcid:
        parents = parents[:-1]  # MCID 9 is in the content but not in the parent tree
    root.ParentTree = pdf.make_indirect(Dictionary(Nums=Array([0, Array(parents)])))
    root.ParentTreeNextKey = 1
    page.StructParents = 0
    pdf.Root.StructTreeRoot = root
    pdf.Root.MarkInfo = Dictionary(Marked=True)
    pdf.Root.Lang = String("en")
    pdf.Root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    pdf.docinfo.Title = String("Self-test")
    if xmp:
        meta = pdf.make_stream(XMP.encode("utf-8"))
        meta.Type, meta.Subtype = Name.Metadata, Name.XML
        pdf.Root.Metadata = meta
    pdf.save(path)


ALL = [name for name, _, _ in pdfua_check.CONDITIONS]
STRUCTURAL = ["mark_info", "struct_tree", "parent_tree", "struct_types", "headings", "figures", "tables",
              "lists", "text_order"]
CASES = [
    # (fixture, build options, check with --pdfua, the conditions expected to fail)
    ("good", {}, True, []),
    ("good-plain", {}, False, []),
    ("dangling-mcid", {"dangling_mcid": True}, False, ["parent_tree"]),
    ("skipped-heading", {"skip_heading": True}, False, ["headings"]),
    ("figure-without-alt", {"no_alt": True}, False, ["figures"]),
    ("th-without-scope", {"no_scope": True}, False, ["tables"]),
    ("lbody-outside-li", {"bad_list": True}, False, ["lists"]),
    ("tree-out-of-order", {"swap_order": True}, False, ["text_order"]),
    ("untagged-text", {"untagged_text": True}, False, ["tagged_content", "text_order"]),
    ("no-xmp", {"xmp": False}, True, ["xmp_title", "pdfuaid"]),
    ("untagged", {"untagged": True}, False,
     STRUCTURAL + ["tagged_content", "lang", "display_doc_title"]),
]


def main():
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, options, pdfua, expect_fail in CASES:
            path = os.path.join(tmp, name + ".pdf")
            build(path, **options)
            results = pdfua_check.run_checks(path, pdfua)
            names = [r[0] for r in results]
            expected_names = [n for n in ALL if pdfua or n not in ("xmp_title", "pdfuaid")]
            ok = names == expected_names
            wrong = []
            for cond, passed, detail in results:
                if passed == (cond in expect_fail):
                    wrong.append(f"{cond} {'passed' if passed else 'failed'} ({detail})")
            if wrong or not ok:
                failures += 1
                print(f"FAIL {name}: " + "; ".join(wrong or ["unexpected conditions " + ", ".join(names)]))
            else:
                failed = [c for c, p, _ in results if not p]
                print(f"ok   {name}: {len(results) - len(failed)}/{len(results)}"
                      + (", fails " + ", ".join(failed) if failed else ""))
        # The command line: its output format and exit codes.
        good = os.path.join(tmp, "good.pdf")
        bad = os.path.join(tmp, "skipped-heading.pdf")
        script = os.path.join(HERE, "pdfua_check.py")
        run = subprocess.run([sys.executable, script, "--pdfua", good], capture_output=True, text=True)
        lines = run.stdout.splitlines()
        if run.returncode != 0 or lines[-1] != f"score {len(ALL)}/{len(ALL)}" or not all(
                l.startswith("PASS ") for l in lines[:-1]):
            failures += 1
            print(f"FAIL command line (good): exit {run.returncode}\n{run.stdout}{run.stderr}")
        run = subprocess.run([sys.executable, script, "--raw", good], capture_output=True, text=True)
        if run.returncode != 0:
            failures += 1
            print(f"FAIL command line (good, --raw): exit {run.returncode}\n{run.stdout}{run.stderr}")
        run = subprocess.run([sys.executable, script, bad], capture_output=True, text=True)
        if run.returncode != 1 or "FAIL headings: H1 is followed by H3" not in run.stdout:
            failures += 1
            print(f"FAIL command line (bad): exit {run.returncode}\n{run.stdout}{run.stderr}")
        run = subprocess.run([sys.executable, script, os.path.join(tmp, "missing.pdf")], capture_output=True, text=True)
        if run.returncode != 2:
            failures += 1
            print(f"FAIL command line (missing file): exit {run.returncode}")
        if not failures:
            print("ok   command line: exit 0, 1 and 2")
    print("self-test " + ("passed" if not failures else f"FAILED: {failures}"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
