#!/usr/bin/python3
"""pdfua_check: an independent check of a PDF's tagged structure (issue 20).

Checks one PDF against conditions in the style of the Matterhorn protocol (PDF/UA-1), read
with pikepdf and poppler's pdftotext, nothing of oitgen's own:

  mark_info          /MarkInfo /Marked true, and not /Suspects
  struct_tree        a /StructTreeRoot with at least one element
  parent_tree        a /ParentTree; every MCID in a page's content resolves through it to an
                     element that names it, and every MCID the tree names is in the content
  tagged_content     no text, path or image outside marked content the tree references or an
                     Artifact
  marked_content     BDC/BMC/EMC balanced, no MCID inside an Artifact or another MCID
  struct_types       every /S standard (ISO 32000-1 14.8.4) or role-mapped to a standard type,
                     no standard type remapped
  lang               the catalog's /Lang
  display_doc_title  /ViewerPreferences /DisplayDocTitle true
  xmp_title          XMP dc:title                    (only with --pdfua)
  pdfuaid            XMP pdfuaid:part = 1            (only with --pdfua)
  headings           headings present, the first H1, no level skipped
  figures            every Figure has /Alt (or /ActualText); every image drawn in tagged
                     content is inside a Figure
  tables             every Table has TH, every TH a /Scope (or its TDs /Headers), rows and
                     cells where they belong
  lists              L holds LI, LI holds Lbl/LBody, Lbl and LBody sit in an LI
  fonts              every font embedded, with /ToUnicode (simple fonts with a standard
                     encoding excepted)
  annotations        every annotation tagged (/StructParent, OBJR), its page /Tabs /S
  text_order         per page, the marked-content text in structure-tree order (ActualText
                     where present) equals pdftotext's page text without the artifacts' text,
                     after NFKC and with whitespace removed (--raw: pdftotext -raw, the
                     content-stream order; the default layout mode reads a table's
                     multi-line cells and a column of hanging labels across, not in cell order)

A condition that needs the structure tree fails when there is none. Output: one line per
condition, `PASS|FAIL name: detail`, then `score N/M`. Exit 0 when every condition passes, 1
when one fails, 2 when the file cannot be read.

Usage: pdfua_check.py [--pdfua] [--raw] FILE.pdf
"""
import argparse
import re
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET

import pikepdf
from pikepdf import Array, Dictionary, Name

STANDARD_TYPES = {
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index",
    "NonStruct", "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl",
    "LBody", "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note",
    "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT", "RP", "Warichu", "WT",
    "WP", "Figure", "Formula", "Form",
}
TEXT_OPS = {"Tj", "TJ", "'", '"'}
PATH_PAINT_OPS = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh"}
MAX_DETAIL = 3  # problems named per condition; the rest are counted


def objkey(obj):
    """A key for an indirect object (identity across reads), or the Python id of a direct one."""
    try:
        if obj.is_indirect:
            return obj.objgen
    except Exception:
        pass
    return ("direct", id(obj))


def name_of(obj):
    return str(obj)[1:] if isinstance(obj, Name) else None


def as_list(obj):
    if obj is None:
        return []
    if isinstance(obj, Array):
        return list(obj)
    return [obj]


def text_of(obj):
    """A PDF text string as str, or None."""
    if obj is None:
        return None
    try:
        return str(obj)
    except Exception:
        return None


def summarise(problems):
    if len(problems) <= MAX_DETAIL:
        return "; ".join(problems)
    return "; ".join(problems[:MAX_DETAIL]) + f"; … {len(problems) - MAX_DETAIL} more"


def number_tree(node, out=None, depth=0):
    """Flattens a number tree into {key: value}."""
    if out is None:
        out = {}
    if node is None or depth > 32:
        return out
    nums = node.get("/Nums")
    if nums is not None:
        for i in range(0, len(nums) - 1, 2):
            out[int(nums[i])] = nums[i + 1]
    for kid in as_list(node.get("/Kids")):
        number_tree(kid, out, depth + 1)
    return out


# ---------------------------------------------------------------- fonts and text decoding

def parse_to_unicode(stream):
    """{code: text} from a ToUnicode CMap's bfchar and bfrange sections."""
    try:
        data = stream.read_bytes().decode("latin-1")
    except Exception:
        return {}
    cmap = {}

    def hex_text(h):
        b = bytes.fromhex(h)
        return b.decode("utf-16-be", errors="replace")

    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            cmap[int(src, 16)] = hex_text(dst)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for m in re.finditer(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\[[^\]]*\]|<[0-9A-Fa-f]*>)", block):
            lo, hi, dst = int(m.group(1), 16), int(m.group(2), 16), m.group(3)
            if dst.startswith("["):
                for i, h in enumerate(re.findall(r"<([0-9A-Fa-f]*)>", dst)):
                    cmap[lo + i] = hex_text(h)
            else:
                base = bytes.fromhex(dst[1:-1])
                for i in range(hi - lo + 1):
                    last = int.from_bytes(base[-2:], "big") + i if len(base) >= 2 else i
                    cmap[lo + i] = (base[:-2] + last.to_bytes(2, "big")).decode("utf-16-be", errors="replace")
    return cmap


class FontDecoder:
    """Turns the bytes of a string operand into text, as a text extractor would."""

    def __init__(self, font):
        self.two_byte = font.get("/Subtype") == Name.Type0
        tu = font.get("/ToUnicode")
        self.cmap = parse_to_unicode(tu) if isinstance(tu, pikepdf.Stream) else {}

    def decode(self, data):
        out = []
        step = 2 if self.two_byte else 1
        for i in range(0, len(data) - step + 1, step):
            code = int.from_bytes(data[i:i + step], "big")
            if code in self.cmap:
                out.append(self.cmap[code])
            elif not self.two_byte:
                out.append(bytes([code]).decode("cp1252", errors="replace"))
        return "".join(out)


def string_operands(op, operands):
    if op == "TJ":
        return [bytes(x) for x in operands[0] if isinstance(x, pikepdf.String)] if operands else []
    if op == '"':
        return [bytes(operands[2])] if len(operands) > 2 else []
    return [bytes(operands[0])] if operands else []


# ---------------------------------------------------------------- the content walk

class PageContent:
    """What one page's content stream holds: MCIDs with their text, artifacts' text, and the
    problems found while walking it."""

    def __init__(self):
        self.mcids = {}           # mcid -> text
        self.mcid_images = {}     # mcid -> number of images drawn inside it
        self.artifact_text = []
        self.stream_text = []     # (text, in an artifact) in content-stream order
        self.untagged = []        # descriptions of untagged painting operations
        self.untagged_counts = {}
        self.nesting = []         # nesting errors


def properties_of(operands, resources):
    """The property list of a BDC: inline, or named in the resources' /Properties."""
    if len(operands) < 2:
        return None
    props = operands[1]
    if isinstance(props, Name):
        named = resources.get("/Properties") if resources is not None else None
        return named.get(props) if named is not None else None
    return props if isinstance(props, Dictionary) else None


def walk_content(page_index, page):
    result = PageContent()
    resources = page.obj.get("/Resources")
    fonts = resources.get("/Font") if resources is not None else None
    decoders = {}
    font = None
    stack = []  # entries: (kind, mcid, actual_text_owner) with kind in mcid|artifact|other
    actual_depth = None  # stack depth of the ActualText span whose text stands for its glyphs
    counts = {"text": 0, "path": 0, "image": 0}

    def innermost_mcid():
        for kind, mcid, _ in reversed(stack):
            if kind == "mcid":
                return mcid
        return None

    def in_artifact():
        return any(kind == "artifact" for kind, _, _ in stack)

    def add_text(text):
        result.stream_text.append((text, in_artifact()))
        if in_artifact():
            result.artifact_text.append(text)
            return
        mcid = innermost_mcid()
        if mcid is not None:
            result.mcids[mcid] = result.mcids.get(mcid, "") + text

    try:
        instructions = pikepdf.parse_content_stream(page)
    except Exception as e:
        result.nesting.append(f"page {page_index + 1}: content stream does not parse ({e})")
        return result
    for operands, operator in instructions:
        op = str(operator)
        if op in ("BDC", "BMC"):
            tag = name_of(operands[0]) if operands else None
            props = properties_of(operands, resources) if op == "BDC" else None
            mcid = props.get("/MCID") if props is not None else None
            if tag == "Artifact":
                if innermost_mcid() is not None:
                    pass  # an artifact inside tagged content is allowed
                stack.append(("artifact", None, False))
            elif mcid is not None:
                mcid = int(mcid)
                if in_artifact():
                    result.nesting.append(f"page {page_index + 1}: MCID {mcid} inside an Artifact")
                elif innermost_mcid() is not None:
                    result.nesting.append(f"page {page_index + 1}: MCID {mcid} inside MCID {innermost_mcid()}")
                if mcid in result.mcids:
                    result.nesting.append(f"page {page_index + 1}: MCID {mcid} used twice")
                result.mcids.setdefault(mcid, "")
                stack.append(("mcid", mcid, False))
            else:
                stack.append(("other", None, False))
            actual = props.get("/ActualText") if props is not None else None
            if actual is not None and actual_depth is None:
                add_text(text_of(actual) or "")
                actual_depth = len(stack)
        elif op == "EMC":
            if not stack:
                result.nesting.append(f"page {page_index + 1}: EMC without BDC/BMC")
                continue
            if actual_depth == len(stack):
                actual_depth = None
            stack.pop()
        elif op == "Tf" and operands:
            key = operands[0]
            if key not in decoders:
                f = fonts.get(key) if fonts is not None else None
                decoders[key] = FontDecoder(f) if f is not None else None
            font = decoders[key]
        elif op in TEXT_OPS or op in PATH_PAINT_OPS or op in ("Do", "INLINE IMAGE"):
            tagged = in_artifact() or innermost_mcid() is not None
            kind = "text" if op in TEXT_OPS else "path" if op in PATH_PAINT_OPS else "image"
            if not tagged:
                counts[kind] += 1
            if kind == "text":
                if actual_depth is None and font is not None:
                    add_text("".join(font.decode(s) for s in string_operands(op, operands)))
            elif kind == "image" and not in_artifact() and innermost_mcid() is not None:
                is_image = op == "INLINE IMAGE"
                if op == "Do" and operands:
                    xobjects = resources.get("/XObject") if resources is not None else None
                    x = xobjects.get(operands[0]) if xobjects is not None else None
                    is_image = x is not None and x.get("/Subtype") == Name.Image
                if is_image:
                    m = innermost_mcid()
                    result.mcid_images[m] = result.mcid_images.get(m, 0) + 1
    if stack:
        result.nesting.append(f"page {page_index + 1}: {len(stack)} marked-content sequence(s) not closed")
    result.untagged_counts = counts
    for kind, n in counts.items():
        if n:
            result.untagged.append(f"page {page_index + 1}: {n} untagged {kind} operation(s)")
    return result


# ---------------------------------------------------------------- the structure tree

class Element:
    def __init__(self, obj, parent, role):
        self.obj = obj
        self.parent = parent
        self.type = name_of(obj.get("/S")) or "?"
        self.role = role  # the standard type it maps to, or None
        self.children = []  # Elements
        self.kids = []      # in order: ("elem", Element) | ("mcr", page_key, mcid) | ("objr", obj)


class Document:
    """The PDF with its pages' content walked and its structure tree read."""

    def __init__(self, path):
        self.pdf = pikepdf.open(path)
        self.path = path
        self.root = self.pdf.Root
        self.page_index = {p.obj.objgen: i for i, p in enumerate(self.pdf.pages)}
        self.content = [walk_content(i, p) for i, p in enumerate(self.pdf.pages)]
        self.tree_root = self.root.get("/StructTreeRoot")
        self.role_map = {}
        self.role_problems = []
        self.elements = []  # in tree order (depth first)
        self.tree_problems = []
        if self.tree_root is not None:
            rm = self.tree_root.get("/RoleMap")
            if rm is not None:
                self.role_map = {str(k)[1:]: name_of(v) for k, v in rm.items()}
            seen = set()
            for kid in as_list(self.tree_root.get("/K")):
                if isinstance(kid, Dictionary):
                    self._read(kid, None, None, seen)

    def standard_role(self, s):
        chain = [s]
        while s not in STANDARD_TYPES:
            s = self.role_map.get(s)
            if s is None or s in chain:
                return None
            chain.append(s)
        return s

    def _read(self, obj, parent, page, seen):
        key = objkey(obj)
        if key in seen:
            self.tree_problems.append("an element is reached twice (a cycle or a shared kid)")
            return
        seen.add(key)
        e = Element(obj, parent, None)
        e.role = self.standard_role(e.type)
        self.elements.append(e)
        if parent is not None:
            parent.children.append(e)
            parent.kids.append(("elem", e))
        pg = obj.get("/Pg")
        if pg is not None:
            page = pg.objgen if pg.is_indirect else None
        for kid in as_list(obj.get("/K")):
            if isinstance(kid, int) or (hasattr(kid, "is_integer") and kid.is_integer):
                e.kids.append(("mcr", page, int(kid)))
            elif isinstance(kid, Dictionary):
                t = kid.get("/Type")
                if t == Name.MCR:
                    kp = kid.get("/Pg")
                    e.kids.append(("mcr", kp.objgen if kp is not None else page, int(kid.get("/MCID", -1))))
                elif t == Name.OBJR:
                    e.kids.append(("objr", kid.get("/Obj")))
                else:
                    self._read(kid, e, page, seen)

    def kind(self, e):
        """The element's type for the rules: its standard role, else its own name."""
        return e.role or e.type

    def of_kind(self, *kinds):
        return [e for e in self.elements if self.kind(e) in kinds]

    def describe(self, e):
        path = []
        while e is not None:
            path.append(self.kind(e))
            e = e.parent
        return "/".join(reversed(path))


def no_tree(doc):
    return "no structure tree" if doc.tree_root is None or not doc.elements else None


# ---------------------------------------------------------------- the conditions
# Each returns (passed, detail).

def check_mark_info(doc, opts):
    mi = doc.root.get("/MarkInfo")
    if mi is None:
        return False, "no /MarkInfo"
    if mi.get("/Marked") is not True and not bool(mi.get("/Marked", False)):
        return False, "/MarkInfo /Marked is not true"
    if bool(mi.get("/Suspects", False)):
        return False, "/MarkInfo /Suspects is true"
    return True, "/Marked true"


def check_struct_tree(doc, opts):
    if doc.tree_root is None:
        return False, "no /StructTreeRoot"
    if not doc.elements:
        return False, "/StructTreeRoot has no elements"
    if doc.tree_problems:
        return False, summarise(doc.tree_problems)
    return True, f"{len(doc.elements)} elements"


def check_parent_tree(doc, opts):
    if doc.tree_root is None:
        return False, "no /StructTreeRoot"
    pt = doc.tree_root.get("/ParentTree")
    if pt is None:
        return False, "no /ParentTree"
    parents = number_tree(pt)
    problems = []
    # What the tree says each (page, mcid) belongs to.
    owner = {}
    for e in doc.elements:
        for kid in e.kids:
            if kid[0] != "mcr":
                continue
            _, page, mcid = kid
            if page is None or page not in doc.page_index:
                problems.append(f"{doc.describe(e)} names MCID {mcid} without a page")
                continue
            if (page, mcid) in owner:
                problems.append(f"MCID {mcid} on page {doc.page_index[page] + 1} has two parents")
            owner[(page, mcid)] = e
            if mcid not in doc.content[doc.page_index[page]].mcids:
                problems.append(f"{doc.describe(e)} names MCID {mcid}, not in page {doc.page_index[page] + 1}'s content")
    resolved = 0
    for i, page in enumerate(doc.pdf.pages):
        mcids = doc.content[i].mcids
        if not mcids:
            continue
        sp = page.obj.get("/StructParents")
        if sp is None:
            problems.append(f"page {i + 1} has marked content but no /StructParents")
            continue
        arr = parents.get(int(sp))
        if not isinstance(arr, Array):
            problems.append(f"page {i + 1}: /ParentTree has no array for /StructParents {int(sp)}")
            continue
        for mcid in sorted(mcids):
            parent = arr[mcid] if mcid < len(arr) else None
            e = owner.get((page.obj.objgen, mcid))
            if not isinstance(parent, Dictionary):
                problems.append(f"page {i + 1}: MCID {mcid} has no entry in the parent tree")
            elif e is None:
                problems.append(f"page {i + 1}: MCID {mcid} is named by no structure element")
            elif objkey(parent) != objkey(e.obj):
                problems.append(f"page {i + 1}: MCID {mcid}'s parent-tree entry is not the element that names it")
            else:
                resolved += 1
    if problems:
        return False, summarise(problems)
    return True, f"{resolved} MCIDs resolve"


def check_tagged_content(doc, opts):
    problems = [p for c in doc.content for p in c.untagged]
    if problems:
        totals = {k: sum(c.untagged_counts.get(k, 0) for c in doc.content) for k in ("text", "path", "image")}
        pages = sum(1 for c in doc.content if c.untagged)
        head = ", ".join(f"{n} {k}" for k, n in totals.items() if n) + f" operations untagged on {pages} pages"
        return False, head + "; " + summarise(problems)
    return True, "all text, paths and images are tagged or artifacts"


def check_marked_content(doc, opts):
    problems = [p for c in doc.content for p in c.nesting]
    if problems:
        return False, summarise(problems)
    return True, "balanced, no MCID in an artifact or another MCID"


def check_struct_types(doc, opts):
    if no_tree(doc):
        return False, no_tree(doc)
    problems = []
    for s in doc.role_map:
        if s in STANDARD_TYPES:
            problems.append(f"standard type {s} is role-mapped")
    unknown = sorted({e.type for e in doc.elements if e.role is None})
    if unknown:
        problems.append("not standard nor role-mapped: " + ", ".join(unknown))
    if problems:
        return False, summarise(problems)
    return True, "types: " + ", ".join(sorted({doc.kind(e) for e in doc.elements}))


def check_lang(doc, opts):
    lang = text_of(doc.root.get("/Lang"))
    if not lang:
        return False, "no /Lang in the catalog"
    return True, f"/Lang {lang}"


def check_display_doc_title(doc, opts):
    vp = doc.root.get("/ViewerPreferences")
    if vp is None or not bool(vp.get("/DisplayDocTitle", False)):
        return False, "no /ViewerPreferences /DisplayDocTitle true"
    return True, "/DisplayDocTitle true"


NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
}


def xmp(doc):
    meta = doc.root.get("/Metadata")
    if meta is None:
        return None
    try:
        return ET.fromstring(meta.read_bytes())
    except Exception:
        return None


def check_xmp_title(doc, opts):
    x = xmp(doc)
    if x is None:
        return False, "no readable XMP metadata"
    for title in x.iter(f"{{{NS['dc']}}}title"):
        texts = [li.text for li in title.iter(f"{{{NS['rdf']}}}li") if li.text and li.text.strip()]
        if texts:
            return True, f"dc:title {texts[0][:40]}"
    return False, "no dc:title in the XMP"


def check_pdfuaid(doc, opts):
    x = xmp(doc)
    if x is None:
        return False, "no readable XMP metadata"
    tag = f"{{{NS['pdfuaid']}}}part"
    values = [el.text for el in x.iter(tag)] + [el.get(tag) for el in x.iter() if el.get(tag) is not None]
    values = [v.strip() for v in values if v]
    if "1" in values:
        return True, "pdfuaid:part 1"
    return False, "pdfuaid:part is " + (values[0] if values else "missing")


def check_headings(doc, opts):
    if no_tree(doc):
        return False, no_tree(doc)
    levels = []
    for e in doc.elements:
        k = doc.kind(e)
        if re.fullmatch(r"H[1-6]", k):
            levels.append(int(k[1]))
        elif k == "H":
            levels.append(0)
    if not levels:
        return False, "no headings"
    numbered = [l for l in levels if l]
    problems = []
    if numbered and numbered[0] != 1:
        problems.append(f"the first heading is H{numbered[0]}, not H1")
    for a, b in zip(numbered, numbered[1:]):
        if b > a + 1:
            problems.append(f"H{a} is followed by H{b}")
    if problems:
        return False, summarise(problems)
    return True, f"{len(levels)} headings, " + " ".join(f"H{l}" if l else "H" for l in levels[:12]) + (" …" if len(levels) > 12 else "")


def check_figures(doc, opts):
    if no_tree(doc):
        return False, no_tree(doc)
    problems = []
    figures = doc.of_kind("Figure")
    for e in figures:
        if not text_of(e.obj.get("/Alt")) and not text_of(e.obj.get("/ActualText")):
            problems.append(f"{doc.describe(e)} has no /Alt")
    owner = {}
    for e in doc.elements:
        for kid in e.kids:
            if kid[0] == "mcr":
                owner[(kid[1], kid[2])] = e
    for i, page in enumerate(doc.pdf.pages):
        for mcid, n in doc.content[i].mcid_images.items():
            e = owner.get((page.obj.objgen, mcid))
            a = e
            while a is not None and doc.kind(a) != "Figure":
                a = a.parent
            if e is not None and a is None:
                problems.append(f"page {i + 1}: an image in {doc.describe(e)}, no Figure")
    if problems:
        return False, summarise(problems)
    return True, f"{len(figures)} figures with Alt" if figures else "no figures"


def scope_of(e):
    for a in as_list(e.obj.get("/A")):
        if isinstance(a, Dictionary) and a.get("/O") == Name.Table and a.get("/Scope") is not None:
            return name_of(a.get("/Scope"))
    return None


def check_tables(doc, opts):
    if no_tree(doc):
        return False, no_tree(doc)
    problems = []
    tables = doc.of_kind("Table")
    for t in tables:
        where = doc.describe(t)
        cells = []

        def rows(container):
            for c in container.children:
                k = doc.kind(c)
                if k == "TR":
                    yield c
                elif k in ("THead", "TBody", "TFoot") and container is t:
                    yield from rows(c)
                elif k == "Caption" and container is t:
                    continue
                else:
                    problems.append(f"{where}: {k} where a row belongs")

        for tr in rows(t):
            for c in tr.children:
                if doc.kind(c) in ("TH", "TD"):
                    cells.append(c)
                else:
                    problems.append(f"{where}/TR: {doc.kind(c)} where a cell belongs")
        th = [c for c in cells if doc.kind(c) == "TH"]
        if not th:
            problems.append(f"{where}: no TH")
        uses_headers = any(c.obj.get("/Headers") is not None or any(
            isinstance(a, Dictionary) and a.get("/Headers") is not None for a in as_list(c.obj.get("/A")))
            for c in cells if doc.kind(c) == "TD")
        if not uses_headers:
            missing = [c for c in th if scope_of(c) not in ("Row", "Column", "Both")]
            if missing:
                problems.append(f"{where}: {len(missing)} of {len(th)} TH without /Scope")
    for k in ("TR", "TH", "TD", "THead", "TBody", "TFoot"):
        for e in doc.of_kind(k):
            a = e.parent
            while a is not None and doc.kind(a) != "Table":
                a = a.parent
            if a is None:
                problems.append(f"{doc.describe(e)} outside a Table")
    if problems:
        return False, summarise(problems)
    return True, f"{len(tables)} tables with TH and Scope" if tables else "no tables"


def check_lists(doc, opts):
    if no_tree(doc):
        return False, no_tree(doc)
    problems = []
    lists = doc.of_kind("L")
    for l in lists:
        for c in l.children:
            if doc.kind(c) not in ("LI", "L", "Caption"):
                problems.append(f"{doc.describe(c)}: {doc.kind(c)} in L")
    for li in doc.of_kind("LI"):
        if li.parent is None or doc.kind(li.parent) != "L":
            problems.append(f"{doc.describe(li)}: LI outside L")
        kinds = [doc.kind(c) for c in li.children]
        if any(k not in ("Lbl", "LBody") for k in kinds):
            problems.append(f"{doc.describe(li)} holds " + ", ".join(k for k in kinds if k not in ("Lbl", "LBody")))
        if "LBody" not in kinds and "Lbl" not in kinds:
            problems.append(f"{doc.describe(li)} has neither Lbl nor LBody")
    for e in doc.of_kind("LBody", "Lbl"):
        if e.parent is None or doc.kind(e.parent) != "LI":
            # Lbl is also at home in a TOCI, a Note or a BibEntry.
            if doc.kind(e) == "LBody" or e.parent is None or doc.kind(e.parent) not in ("TOCI", "Note", "BibEntry"):
                problems.append(f"{doc.describe(e)} outside LI")
    if problems:
        return False, summarise(problems)
    return True, f"{len(lists)} lists, {len(doc.of_kind('LI'))} items" if lists else "no lists"


STANDARD_ENCODINGS = {Name.WinAnsiEncoding, Name.MacRomanEncoding, Name.StandardEncoding}


def fonts_of(resources, seen, out):
    if resources is None or objkey(resources) in seen:
        return
    seen.add(objkey(resources))
    for _, f in (resources.get("/Font") or {}).items():
        out[objkey(f)] = f
    for _, x in (resources.get("/XObject") or {}).items():
        if x.get("/Subtype") == Name.Form:
            fonts_of(x.get("/Resources"), seen, out)


def check_fonts(doc, opts):
    fonts, seen = {}, set()
    for page in doc.pdf.pages:
        fonts_of(page.obj.get("/Resources"), seen, fonts)
    problems = []
    for f in fonts.values():
        base = name_of(f.get("/BaseFont")) or "?"
        sub = f.get("/Subtype")
        if sub == Name.Type3:
            continue
        desc_font = f.get("/DescendantFonts")[0] if sub == Name.Type0 else f
        fd = desc_font.get("/FontDescriptor")
        if fd is None or not any(k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3")):
            problems.append(f"{base} not embedded")
        enc = f.get("/Encoding")
        standard = sub != Name.Type0 and (enc in STANDARD_ENCODINGS or (
            isinstance(enc, Dictionary) and enc.get("/Differences") is None))
        if f.get("/ToUnicode") is None and not standard:
            problems.append(f"{base} has no /ToUnicode")
    if problems:
        return False, summarise(problems)
    return True, f"{len(fonts)} fonts embedded with ToUnicode" if fonts else "no fonts"


def check_annotations(doc, opts):
    problems = []
    objr = set()
    for e in doc.elements:
        for kid in e.kids:
            if kid[0] == "objr" and kid[1] is not None:
                objr.add(objkey(kid[1]))
    n = 0
    for i, page in enumerate(doc.pdf.pages):
        annots = [a for a in as_list(page.obj.get("/Annots")) if a.get("/Subtype") != Name.Popup]
        if not annots:
            continue
        n += len(annots)
        if page.obj.get("/Tabs") != Name.S:
            problems.append(f"page {i + 1} has annotations but no /Tabs /S")
        for a in annots:
            if a.get("/StructParent") is None or objkey(a) not in objr:
                problems.append(f"page {i + 1}: a {name_of(a.get('/Subtype'))} annotation is not in the tree")
    if problems:
        return False, summarise(problems)
    return True, f"{n} annotations tagged" if n else "no annotations"


def normalise(s):
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))


def pdftotext_pages(path, count, raw=False):
    mode = ["-raw"] if raw else []
    out = subprocess.run(["pdftotext", *mode, "-enc", "UTF-8", path, "-"], capture_output=True, check=True).stdout
    pages = out.decode("utf-8", errors="replace").split("\f")
    return (pages + [""] * count)[:count]


def structure_text(doc, e, out, page_of_mcr):
    """Appends the element's text to out[page], in tree order; ActualText stands for the rest."""
    actual = text_of(e.obj.get("/ActualText"))
    if actual is not None:
        pages = [doc.page_index.get(k[1]) for k in iter_mcrs(e)]
        page = next((p for p in pages if p is not None), None)
        if page is not None:
            out[page].append(actual)
        return
    for kid in e.kids:
        if kid[0] == "elem":
            structure_text(doc, kid[1], out, page_of_mcr)
        elif kid[0] == "mcr" and kid[1] in doc.page_index:
            p = doc.page_index[kid[1]]
            out[p].append(doc.content[p].mcids.get(kid[2], ""))


def iter_mcrs(e):
    for kid in e.kids:
        if kid[0] == "elem":
            yield from iter_mcrs(kid[1])
        elif kid[0] == "mcr":
            yield kid


def check_text_order(doc, opts):
    if no_tree(doc):
        return False, no_tree(doc)
    n = len(doc.pdf.pages)
    ordered = [[] for _ in range(n)]
    for e in doc.elements:
        if e.parent is None:
            structure_text(doc, e, ordered, None)
    try:
        extracted = pdftotext_pages(doc.path, n, opts.get("raw", False))
    except (OSError, subprocess.CalledProcessError) as err:
        return False, f"pdftotext failed: {err}"
    problems = []
    raw = opts.get("raw", False)
    for i in range(n):
        if raw:
            # pdftotext -raw reads the content stream in order: it must read every text drawn,
            # artifacts included; the structure order must then read the same without them.
            stream = doc.content[i].stream_text
            drawn = normalise("".join(t for t, _ in stream))
            read = normalise(extracted[i])
            if drawn != read:
                at = next((k for k in range(min(len(drawn), len(read))) if drawn[k] != read[k]), min(len(drawn), len(read)))
                problems.append(f"page {i + 1}: pdftotext reads «{read[max(0, at - 10):at + 20]}» where the content "
                                f"draws «{drawn[max(0, at - 10):at + 20]}»")
                continue
            want = normalise("".join(t for t, artifact in stream if not artifact))
        else:
            want = normalise(extracted[i])
            for a in doc.content[i].artifact_text:
                a = normalise(a)
                if a:
                    want = want.replace(a, "", 1)
        got = normalise("".join(ordered[i]))
        if got != want:
            at = next((k for k in range(min(len(got), len(want))) if got[k] != want[k]), min(len(got), len(want)))
            problems.append(f"page {i + 1} differs at character {at}: structure «{got[max(0, at - 10):at + 20]}» "
                            f"pdftotext «{want[max(0, at - 10):at + 20]}»")
    if problems:
        return False, summarise(problems)
    return True, f"{n} pages read the same in structure order"


CONDITIONS = [
    ("mark_info", check_mark_info, False),
    ("struct_tree", check_struct_tree, False),
    ("parent_tree", check_parent_tree, False),
    ("tagged_content", check_tagged_content, False),
    ("marked_content", check_marked_content, False),
    ("struct_types", check_struct_types, False),
    ("lang", check_lang, False),
    ("display_doc_title", check_display_doc_title, False),
    ("xmp_title", check_xmp_title, True),
    ("pdfuaid", check_pdfuaid, True),
    ("headings", check_headings, False),
    ("figures", check_figures, False),
    ("tables", check_tables, False),
    ("lists", check_lists, False),
    ("fonts", check_fonts, False),
    ("annotations", check_annotations, False),
    ("text_order", check_text_order, False),
]


def run_checks(path, pdfua=False, raw=False):
    """[(name, passed, detail)] for the file, in CONDITIONS order. `raw`: text_order compares
    with `pdftotext -raw` (content-stream order) instead of its default physical layout."""
    doc = Document(path)
    results = []
    for name, fn, ua_only in CONDITIONS:
        if ua_only and not pdfua:
            continue
        try:
            passed, detail = fn(doc, {"raw": raw})
        except Exception as e:  # a malformed file fails the condition, it does not stop the check
            passed, detail = False, f"cannot check: {type(e).__name__}: {e}"
        results.append((name, bool(passed), detail))
    return results


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pdfua", action="store_true", help="also check the PDF/UA-1 identification (XMP)")
    ap.add_argument("--raw", action="store_true",
                    help="text_order: compare with pdftotext -raw (content order), not its default layout order")
    ap.add_argument("pdf")
    args = ap.parse_args(argv)
    try:
        results = run_checks(args.pdf, args.pdfua, args.raw)
    except (pikepdf.PdfError, OSError) as e:
        print(f"cannot read {args.pdf}: {e}", file=sys.stderr)
        return 2
    for name, passed, detail in results:
        print(f"{'PASS' if passed else 'FAIL'} {name}: {detail}")
    passed = sum(1 for _, p, _ in results if p)
    print(f"score {passed}/{len(results)}")
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
