"""HTML: the main text of a page, one block per line group.

trafilatura finds the main content and drops boilerplate. We ask it for XML
rather than plain text because its plain text puts headings, paragraphs and
list items on bare single lines (and tables in Markdown with a "|---|" row);
rendering the XML ourselves gives the layout later stages segment on:
headings and paragraphs separated by blank lines, one line per list item
("- item") and per table row ("Label: value").
"""

from __future__ import annotations

import base64
import binascii
import codecs
import posixpath
import re
from collections.abc import Mapping
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html
import trafilatura
from lxml import etree

from dossier.ingest.base import Extracted, Found, Pictures, ReadError
from dossier.ingest.images import MAX_IMAGE_BYTES
from dossier.ingest.text import decode_bytes, looks_binary, normalise, row_line, title_from_text

_CHARSET_RE = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)"""
    rb"""|<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)
# Browsers read these labels as windows-1252 (WHATWG); so do we.
_AS_CP1252 = frozenset({"iso8859-1", "latin-1", "ascii", "us-ascii", "iso-8859-1"})


def read_html(data: bytes, folder: Pictures | None = None) -> Extracted:
    """The page's main text; its pictures from data: URLs and, given the page's `folder`, from files beside it."""
    if not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and looks_binary(data):
        raise ReadError("looks like binary data, not HTML")
    markup, warnings = _decode(data)
    text, title, publisher = "", "", ""
    try:
        text = _main_text(markup)
    except Exception as exc:  # trafilatura/lxml on odd markup: fall back below
        warnings.append(f"main-text extraction failed ({type(exc).__name__}); used a plain parse")
    try:
        meta = trafilatura.extract_metadata(markup)
    except Exception:  # metadata is optional: the title falls back to <title>
        meta = None
    if meta is not None:
        title, publisher = meta.title or "", meta.sitename or ""
    plain = _PlainText.parse(markup)
    # trafilatura's last resort (no main content found) is one run-on paragraph;
    # the plain parse keeps that page's lines, which matter more here.
    if not text or ("\n" not in text and "\n" in plain.text):
        text = plain.text
    text = normalise(text).strip()
    if not text:
        raise ReadError("no readable text in this HTML (only scripts or markup)")
    title = " ".join((title or plain.title).split()) or title_from_text(text)
    images = _images(markup, folder, warnings)
    return Extracted(text=text, title=title[:200], publisher=publisher, warnings=tuple(warnings), images=images)


# Pictures inside these are the site's (its logo, icons), not the page's subject's.
_SITE_PARTS = frozenset({"nav", "header", "footer"})
_DATA_URL = re.compile(r"^data:([\w/+.-]*)((?:;[\w=.+-]+)*?)(;base64)?,(.*)$", re.DOTALL | re.IGNORECASE)


def _images(markup: str, folder: Pictures | None, warnings: list[str]) -> tuple[Found, ...]:
    """Every <img> of the page outside its navigation, header and footer, with its alt text and caption.

    A picture is read from a data: URL or from a file at a relative address
    inside the page's folder; one on the web (http:, //host) is never fetched.
    """
    try:
        root = lxml.html.document_fromstring(markup)
    except (etree.ParserError, ValueError):
        return ()
    out = []
    for img in root.iter("img"):
        if any(a.tag in _SITE_PARTS for a in img.iterancestors()):
            continue
        src = (img.get("src") or "").strip()
        data = _data_url(src) if src[:5].lower() == "data:" else _beside(src, folder, warnings)
        if not data:
            continue
        figure = next((a for a in img.iterancestors() if a.tag == "figure"), None)
        caption = figure.find(".//figcaption") if figure is not None else None
        out.append(
            Found(
                data,
                alt=img.get("alt") or img.get("title") or "",
                caption=caption.text_content() if caption is not None else "",
                where=src if not src.lower().startswith("data:") else "",
            )
        )
    return tuple(out)


def _data_url(src: str) -> bytes:
    m = _DATA_URL.match(src)
    if not m:
        return b""
    if m.group(3):
        try:
            return base64.b64decode(re.sub(r"\s+", "", m.group(4)), validate=True)
        except (binascii.Error, ValueError):
            return b""
    return unquote(m.group(4)).encode("utf-8")


def _beside(src: str, folder: Pictures | None, warnings: list[str]) -> bytes:
    """The bytes of a picture the page names by a relative address inside its folder; b"" otherwise."""
    parts = urlsplit(src)
    if folder is None or not parts.path or parts.scheme or parts.netloc:
        return b""  # on the web, or no file to look beside
    if not isinstance(folder, Path):  # read on another machine: the pictures were sent along
        return _sent(src, unquote(parts.path), folder, warnings)
    base = folder.resolve()
    path = (base / unquote(parts.path)).resolve()
    if not path.is_relative_to(base):
        return b""  # outside the page's folder: not the page's to show
    try:
        if path.stat().st_size > MAX_IMAGE_BYTES:
            warnings.append(f"image {src} over {MAX_IMAGE_BYTES // (1024 * 1024)} MB: left out")
            return b""
        return path.read_bytes()
    except OSError:
        warnings.append(f"image {src} is not beside the page: left out")
        return b""


def _sent(src: str, name: str, pictures: Mapping[str, bytes], warnings: list[str]) -> bytes:
    """`_beside` for a page read elsewhere: the picture sent with it under its relative path."""
    name = posixpath.normpath(name)
    if name == ".." or name.startswith(("../", "/")):
        return b""  # outside the page's folder: not the page's to show
    data = pictures.get(name)
    if data is None:
        warnings.append(f"image {src} is not beside the page: left out")
        return b""
    if len(data) > MAX_IMAGE_BYTES:
        warnings.append(f"image {src} over {MAX_IMAGE_BYTES // (1024 * 1024)} MB: left out")
        return b""
    return data


def _decode(data: bytes) -> tuple[str, list[str]]:
    if data.startswith(codecs.BOM_UTF8):
        return decode_bytes(data[len(codecs.BOM_UTF8) :], offset=len(codecs.BOM_UTF8))
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_bytes(data, "utf-16")
    match = _CHARSET_RE.search(data[:4096])
    if not match:
        return decode_bytes(data)
    label = (match.group(1) or match.group(2)).decode("ascii").lower()
    try:
        encoding = codecs.lookup(label).name
    except LookupError:
        text, warnings = decode_bytes(data)
        return text, [f"unknown charset '{label}'; decoded as UTF-8", *warnings]
    if encoding in _AS_CP1252 or label in _AS_CP1252:
        encoding = "cp1252"
    if encoding in {"utf-16-le", "utf-16-be", "utf-16", "utf-32"}:
        encoding = "utf-8"  # a page read as bytes with no BOM cannot be UTF-16
    return decode_bytes(data, encoding)


def _main_text(markup: str) -> str:
    xml = trafilatura.extract(
        markup,
        output_format="xml",
        include_tables=True,
        include_comments=False,
        include_links=False,
        include_images=False,
        favor_recall=True,  # keeps lists inside infobox cells that precision mode drops
        deduplicate=False,  # reading a file twice must give the same text
    )
    if not xml:
        return ""
    root = etree.fromstring(xml.encode("utf-8"))
    main = root.find("main")
    return _render_blocks(main if main is not None else root)


def _inline(el: etree._Element) -> str:
    """An element's text on one line; <lb/> becomes a space."""
    return " ".join("".join(el.itertext()).split())


def _render_blocks(parent: etree._Element) -> str:
    blocks: list[str] = []
    for el in parent:
        tag = el.tag
        if tag == "list":
            block = "\n".join(_list_lines(el))
        elif tag == "table":
            block = "\n".join(filter(None, (row_line(_cells(r)) for r in el.iter("row"))))
        elif tag in {"p", "quote", "code"}:
            block = _paragraph(el)
        elif tag == "graphic":
            continue
        else:  # head and anything else: one line
            block = _inline(el)
        if block.strip():
            blocks.append(block)
    return "\n\n".join(blocks)


def _paragraph(el: etree._Element) -> str:
    """Keep <lb/> line breaks inside a paragraph (addresses, verse, dated lines)."""
    parts: list[str] = [el.text or ""]
    for child in el:
        parts.append("\n" if child.tag == "lb" else "".join(child.itertext()))
        parts.append(child.tail or "")
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _list_lines(lst: etree._Element) -> list[str]:
    """ "- item" per item, nested lists flattened; <dl> pairs as "term: definition"."""
    lines: list[str] = []
    term = ""
    for item in lst.findall("item"):
        rend = item.get("rend", "")
        own = _text_outside_lists(item)
        if rend.startswith("dt"):
            if term:
                lines.append(f"- {term}")
            term = own
            continue
        if rend.startswith("dd") and term:
            lines.append(row_line([term, own]))
            term = ""
        elif own:
            lines.append(f"- {own}")
        for sub in item.findall("list"):
            lines.extend(_list_lines(sub))
    if term:
        lines.append(f"- {term}")
    return lines


def _text_outside_lists(item: etree._Element) -> str:
    parts = [item.text or ""]
    for child in item:
        parts.append("" if child.tag == "list" else "".join(child.itertext()))
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def _cells(row: etree._Element) -> list[str]:
    cells = []
    for cell in row.findall("cell"):
        # A list in a cell ("Ideology: a; b") stays on the row's line.
        items = [_inline(i) for i in cell.iter("item")]
        cells.append("; ".join(i for i in items if i) if items else _inline(cell))
    return cells


class _PlainText(HTMLParser):
    """Fallback: visible text with line structure, without trafilatura."""

    _SKIP = frozenset(
        {
            "script",
            "style",
            "noscript",
            "template",
            "nav",
            "header",
            "footer",
            "title",
            "svg",
            "iframe",
            "object",
            "select",
            "button",
        }
    )
    _PARA = frozenset(
        {
            "p",
            "div",
            "section",
            "article",
            "main",
            "aside",
            "blockquote",
            "pre",
            "table",
            "ul",
            "ol",
            "dl",
            "form",
            "figure",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
        }
    )
    _LINE = frozenset({"br", "li", "dt", "dd", "tr", "hr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._out: list[str] = []
        self._skip: list[str] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._title: list[str] | None = None
        self.title = ""

    @classmethod
    def parse(cls, markup: str) -> _PlainText:
        parser = cls()
        parser.feed(markup)
        parser.close()
        return parser

    @property
    def text(self) -> str:
        raw = "".join(self._out)
        lines = (" ".join(line.split()) for line in raw.split("\n"))
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title" and not self.title:
            self._title = []
        if tag in self._SKIP:
            self._skip.append(tag)
        if self._skip:
            return
        if self._cell is not None:  # inside a table cell: keep the row on one line
            if tag == "li" and self._cell:
                self._cell.append("; ")
            elif tag in {"td", "th"}:
                self._end_cell()
                self._cell = []
            elif tag == "tr":
                self._end_row()
            elif tag in self._PARA or tag in self._LINE:
                self._cell.append(" ")
            return
        if tag == "tr":
            self._end_row()
            self._row = []
        elif tag in {"td", "th"}:
            self._row = self._row if self._row is not None else []
            self._cell = []
        elif tag in self._PARA:
            self._out.append("\n\n")
        elif tag in self._LINE:
            self._out.append("\n- " if tag == "li" else "\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self._title is not None:
            self.title = " ".join("".join(self._title).split())
            self._title = None
        if tag in self._skip:
            while self._skip and self._skip.pop() != tag:
                pass  # unclosed elements inside a skipped one
            return
        if self._skip:
            return
        if tag in {"td", "th"}:
            self._end_cell()
        elif tag == "tr":
            self._end_row()
        elif tag == "table":
            self._end_row()
            self._out.append("\n\n")
        elif self._cell is not None:
            self._cell.append(" ")  # </p>, </div> inside a cell: words stay apart
        elif tag in self._PARA:
            self._out.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self._title is not None:
            self._title.append(data)
        if self._skip:
            return
        target = self._cell if self._cell is not None else self._out
        target.append(data)

    def _end_cell(self) -> None:
        if self._cell is not None and self._row is not None:
            self._row.append("".join(self._cell))
        self._cell = None

    def _end_row(self) -> None:
        self._end_cell()
        if self._row is not None:
            line = row_line(self._row)
            if line:
                self._out.append(f"\n{line}")
        self._row = None
