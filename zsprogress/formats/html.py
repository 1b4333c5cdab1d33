"""HTML reports as saved from a browser or served by a government CMS (TRS, Hanweb, ...).

The charset comes from a BOM or the ``<meta charset>``/``http-equiv`` tag (GBK and GB2312 are
read as GB18030, their superset). The body is the article container of common CMS templates
(:data:`CONTAINERS`); without one, the lowest element holding the largest table of the page and
every other table as wide (:func:`_around`), or the largest table alone; when the container holds no table and a table of
the page is bigger than its text, the largest table of the page. Inside the body, tables become
grids (``rowspan``/``colspan`` kept; ``<p>``, ``<div>`` and ``<br>`` inside a cell are line breaks;
a layout table holding other tables is walked through) and the text between them paragraphs.
Title and date come from ``<meta name="ArticleTitle">``/``PubDate``, else from the page's text
(the info table: ``发布日期:…``). Links to .doc(x)/.xls(x)/.pdf/.wps files are the attachments.
Parsing is selectolax (lexbor): lenient like a browser, no entity expansion beyond HTML's own.
"""

from __future__ import annotations

import codecs
import re
from typing import Any

from ..errors import ReportReadError
from ..grid import Cell, Grid, Page
from ..limits import cap, hint
from .common import need

# article containers of common CMS templates, most specific first
CONTAINERS = (".TRS_Editor", ".trs_editor_view", "#UCAP-CONTENT", "#zoom", "#Zoom", ".xxgk_content",
              ".article-content", ".article_content", ".pages_content", "#BodyLabel", ".view.TRS_UEDITOR",
              ".TRS_UEDITOR", ".Custom_UnionStyle", ".wp_articlecontent", "#vsb_content", ".v_news_content",
              "#zoomcon", "#js_content", ".rich_media_content")
TITLE_META = ("ArticleTitle", "articletitle", "title")
DATE_META = ("PubDate", "pubdate", "PublishDate", "firstpublishedtime", "publishdate")
ATTACH_EXT = (".doc", ".docx", ".xls", ".xlsx", ".pdf", ".wps", ".et")

_BLOCK = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article",
          "blockquote", "center", "dd", "dt", "dl", "pre", "caption", "header", "footer", "form"}
_SKIP = {"script", "style", "noscript", "head", "iframe", "select", "button", "input", "textarea",
         "template", "svg", "-comment", "object", "embed"}
MAX_DEPTH = 2000
# block containers that do not close themselves (a <p>, <li>, <dd> closes the one before it)
_NESTING = re.compile(r"<(/?)(div|blockquote|section|article|aside|center|ul|ol|dl|nav|header|footer|main|"
                      r"fieldset|figure|details|address|menu|dir|form)[\s>/]", re.IGNORECASE)
_MAX_COLS = 256        # a row is never wider: colspan="100000" would make a grid of millions of slots
_CHARSET = re.compile(rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([A-Za-z0-9_\-]{2,20})""", re.IGNORECASE)
_WS = re.compile(r"[ \t\r\n\f]+")
_DATE = re.compile(r"(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
_GB = {"gb2312", "gbk", "x-gbk", "gb_2312-80", "gb18030", "cp936", "euc-cn", "hz-gb-2312"}


def decode_html(data: bytes) -> tuple[str, str]:
    """(text, charset) of an HTML page: BOM, then UTF-8, then the meta tag's, then GB18030; a page
    with more than a few bytes valid in none of them (binary, corrupted) is refused."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    m = _CHARSET.search(data[:8192])
    declared = m.group(1).decode("ascii").lower() if m else None
    if declared in _GB:
        declared = "gb18030"
    if b"\x00" in data:
        raise ReportReadError("a damaged HTML page: binary data (NUL bytes) inside the markup")
    # valid UTF-8 first: a page labelled gb2312 that is really UTF-8 happens, while GBK text
    # that is also valid UTF-8 practically never does
    names = [c for c in dict.fromkeys(("utf-8", declared, "gb18030")) if c and _known(c)]
    for cs in names:
        try:
            return data.decode(cs), cs
        except UnicodeDecodeError:
            continue
    # a few bad bytes (a cut character, a stray byte) read as a browser reads them: U+FFFD
    text, cs = min(((data.decode(c, errors="replace"), c) for c in names), key=lambda x: x[0].count("\ufffd"))
    bad = text.count("\ufffd")
    if bad <= max(8, len(data) // 10_000):
        return text, cs
    raise ReportReadError(f"a damaged HTML page: {bad} characters are not valid {' or '.join(names)}")


def _known(charset: str) -> bool:
    try:
        codecs.lookup(charset)
        return True
    except LookupError:
        return False


def read_html(data: bytes, source: str) -> Page:
    lexbor = need("selectolax.lexbor", "html")
    text, _charset = decode_html(data)
    _check_depth(text)
    tree = lexbor.LexborHTMLParser(text)
    root = tree.body or tree.root
    if root is None:
        raise ReportReadError("an HTML page with no body")
    if (_meta(tree, ("generator",)) or "").startswith("zsprogress"):
        raise ReportReadError("a page written by `zsprogress report`, not a report: "
                              "give the report it was made from")
    page = Page(format="html")
    page.title = _meta(tree, TITLE_META)
    date = _meta(tree, DATE_META)
    m = _DATE.search(date or "")
    page.published = f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}" if m else None
    body = _container(tree)
    layout = _layout_tables(root)
    tables = [t for t in root.css("table") if t.mem_id not in layout]
    biggest = max(tables, key=lambda t: len(t.text(deep=True)), default=None)
    if body is None and biggest is not None:
        body = _around(biggest, tables)      # None for a page with one such table
    if body is not None:
        _walk_all(body, page.blocks, layout=layout)
    if body is None and biggest is None:
        _walk_all(root, page.blocks, layout=layout)
    elif biggest is not None and not page.grids and \
            (body is None or len(biggest.text(deep=True)) > len(body.text(deep=True))):
        page.blocks.append(_grid(biggest))        # no container, or a table bigger than its text
        for t in tables:                          # the other tables' figures, as text: never lost
            if t is not biggest and any(ch.isdigit() for ch in t.text(deep=True)):
                _walk_all(t, page.blocks, tables_as_text=True)
    page.attachments = _attachments(root)
    if page.title is None or page.published is None:
        _meta_from_text(page, root)
    if not any(isinstance(b, Grid) or b.strip() for b in page.blocks):
        where = f"; the report is in the attachment {page.attachments[0]}" if page.attachments else ""
        raise ReportReadError(f"an HTML page with no table and no text{where}")
    n = 0
    for b in page.blocks:
        if isinstance(b, Grid):
            n += 1
            b.source = f"table {n}"
    return page


_START_TAG = re.compile(r"<[A-Za-z]")


def _check_depth(text: str) -> None:
    """Refuse block containers nested past MAX_DEPTH: parsing (lexbor, as the HTML standard
    says) checks the open elements at each such start tag, so time grows with depth squared;
    real pages nest a few dozen levels. And refuse a page of more elements than
    ``limits.HTML_MAX_NODES`` (start tags counted before parsing; a report's page has a few
    thousand): each is a node of the tree and a step of the walk."""
    limit = cap("HTML_MAX_NODES")
    if text.count("<") > limit:
        n = 0
        for _ in _START_TAG.finditer(text):
            n += 1
            if n > limit:
                raise ReportReadError(f"an HTML page of more than {limit:,} elements: refused "
                                      f"({hint('HTML_MAX_NODES')})")
    depth = top = 0
    for m in _NESTING.finditer(text):
        depth = max(depth - 1, 0) if m.group(1) else depth + 1
        top = max(top, depth)
        if top > MAX_DEPTH:
            raise ReportReadError(f"an HTML page nested more than {MAX_DEPTH} levels deep "
                                  f"(<{m.group(2).lower()}> in <{m.group(2).lower()}> ...): refused")


def _meta(tree: Any, names: tuple[str, ...]) -> str | None:
    for name in names:
        node = tree.css_first(f'meta[name="{name}"]')
        if node is not None:
            v = (node.attributes.get("content") or "").strip()
            if v:
                return v
    return None


def _container(tree: Any) -> Any:
    for sel in CONTAINERS:
        for node in tree.css(sel):
            if node.text(deep=True).strip():
                return node
    return None


def _width(table: Any) -> int:
    """Cells in the widest of a table's first rows."""
    return max((len(tr.css("td, th")) for tr in table.css("tr")[:3]), default=0)


def _around(biggest: Any, tables: list[Any]) -> Any:
    """With no known container: the lowest element holding the page's largest table and every
    other table as wide (a table broken at a page, one per group), so that they and the text
    between them (the title over them) are read, not the largest table alone; None when no
    other table is as wide (the largest table is read alone)."""
    width = _width(biggest)
    same = [t for t in tables if t is not biggest and _width(t) == width]
    if not same:
        return None

    def chain(node: Any) -> list[Any]:
        out = []
        while node is not None:
            out.append(node)
            node = node.parent
        return out[::-1]                      # from the root down
    common = chain(biggest.parent if biggest.parent is not None else biggest)
    for t in same:
        ids = [n.mem_id for n in chain(t)]
        k = 0
        while k < len(common) and k < len(ids) and common[k].mem_id == ids[k]:
            k += 1
        common = common[:k]
    return common[-1] if common else biggest


def _meta_from_text(page: Page, root: Any) -> None:
    """The page's own text (the info table, a title line) where its tags give no title or date:
    ``page.head``, which the layer above reads for them (``segment.parse_meta``, through
    :func:`zsprogress.read.with_page_meta`): reading a file depends on nothing above it."""
    lines: list = []
    _walk_all(root, lines, tables_as_text=True)
    page.head = "\n".join(x for x in lines if isinstance(x, str))[:100_000]


def _attachments(root: Any) -> list[str]:
    out = []
    for a in root.css("a[href]"):
        href = (a.attributes.get("href") or "").strip()
        path = href.split("?")[0].split("#")[0].lower()
        if path.endswith(ATTACH_EXT):
            name = _WS.sub(" ", a.text(deep=True)).strip()
            item = f"{name} ({href})" if name and name != href else href
            if item not in out:
                out.append(item)
    return out


def _flush(buf: list[str], blocks: list) -> None:
    if buf:
        blocks.extend(x.strip() for x in "".join(buf).split("\n") if x.strip())
        buf.clear()


def _layout_tables(root: Any) -> set[int]:
    """Tables that hold other tables (page layout, walked through), in one pass over the tables."""
    out = set()
    for t in root.css("table"):
        p = t.parent
        while p is not None and p.tag != "table":
            p = p.parent
        if p is not None:
            out.add(p.mem_id)
    return out


def _walk_all(node: Any, blocks: list, tables_as_text: bool = False, layout: frozenset | set = frozenset()) -> None:
    buf: list[str] = []
    _walk(node, blocks, buf, tables_as_text, layout)
    _flush(buf, blocks)


def _walk(node: Any, blocks: list, buf: list[str], tables_as_text: bool, layout: frozenset | set) -> None:
    """Paragraphs and leaf tables of ``node`` in document order into ``blocks`` (iterative:
    a page nested thousands of levels deep does not exhaust the stack)."""
    stack = [iter(node.iter(include_text=True))]
    closers: list[str | None] = [None]
    while stack:
        c = next(stack[-1], None)
        if c is None:
            stack.pop()
            end = closers.pop()
            if end:
                buf.append(end)
            continue
        tag = c.tag
        if tag == "-text":
            buf.append(_WS.sub(" ", c.text_content or ""))
        elif tag in _SKIP:
            continue
        elif tag == "br":
            buf.append("\n")
        elif tag == "table" and not tables_as_text and c.mem_id not in layout:
            _flush(buf, blocks)
            blocks.append(_grid(c))
        else:
            block = tag in _BLOCK or tag in ("table", "td", "th")
            if block:
                buf.append("\n")
            stack.append(iter(c.iter(include_text=True)))
            closers.append((" " if tables_as_text and tag in ("td", "th") else "\n") if block else None)


def _cell_text(td: Any) -> str:
    lines: list = []
    _walk_all(td, lines, tables_as_text=True)
    return "\n".join(lines)


def _span(v: str | None, cap: int) -> int:
    try:
        return max(1, min(int(str(v).strip() or 1), cap))
    except ValueError:
        return 1


def _grid(table: Any) -> Grid:
    trs = table.css("tr")
    g = Grid()
    header = True
    for i, tr in enumerate(trs):
        row = []
        tds = [c for c in tr.iter() if c.tag in ("td", "th")][:_MAX_COLS]
        used = 0
        for j, td in enumerate(tds):
            a = td.attributes
            cs = _span(a.get("colspan"), max(_MAX_COLS - used - (len(tds) - j - 1), 1))
            used += cs
            row.append(Cell(_cell_text(td), pos=f"r{i + 1}c{j + 1}", colspan=cs,
                            rowspan=_span(a.get("rowspan"), max(len(trs) - i, 1))))
        header = header and bool(tds) and all(c.tag == "th" for c in tds)
        if header:
            g.header_rows += 1
        g.rows.append(row)
    cap = table.css_first("caption")
    g.title = _WS.sub(" ", cap.text(deep=True)).strip() or None if cap is not None else None
    return g
