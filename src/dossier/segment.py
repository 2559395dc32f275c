"""Segmenting: a document's plain text becomes typed blocks with offsets.

Most of what profile documents say sits in structure: labelled fields,
infobox lines, bullet lists, dated timeline entries, activity lists under
month headers. The segmenter finds that structure from the shape of lines
and from the label lexicon, so extractors can use it before prose.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache

from dossier.model import Block, BlockKind, Document
from dossier.text import lexicon
from dossier.text.dates import DateMatch, PageDate, date_alone, leading_date, page_date, with_year

# A bullet or a number before an item, whatever the glyph ("—", "►", "1.", "(a)").
_BULLET = re.compile(r"^\s*(?:[•\-\*–—―·▪◦►▸‣○●■□✓➢➤→»]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s+")
_WIKI_HEADING = re.compile(r"^(={1,6})\s*(.+?)\s*\1\s*$")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_COLON_FIELD = re.compile(r"^(?P<label>[^:\n]{1,60}?)\s*:\s*(?P<value>\S.*)$")
# "Label | value |": a two-column table row as a copied page leaves it.
_CELL_FIELD = re.compile(r"^(?P<label>[^|\n]{1,60}?)\s*\|\s*(?P<value>[^|\s][^|\n]*?)\s*\|?\s*$")
# A value may open with an Arabic article in lower case ("Allegiance al-Sahil").
_ARTICLE_VALUE = re.compile(r"(?:al|el|ad|an|ar|as|ash|at|az)[-‘’'ʼ][A-Z]")
_NUMBERED = re.compile(r"(?<=[A-Za-z])\d+\b")
# After the date: an optional end year, closing emphasis ("**21 May 1991**:"), then a
# colon, a dash, a closing parenthesis or a full stop before the next sentence.
_DATE_SEPARATOR = re.compile(
    r"^\s*(?:[-–—]\s*(?:1[6-9]|20)\d\d)?[*_]{0,3}\s*(?::|\s[-–—]+\s|[–—]+|\)|\.(?=\s+[\"“‘A-ZÀ-Ý]))\s*"
)
_EMPHASIS = re.compile(r"^[*_]{1,3}")
# A Markdown table row: each row is one item (a leader, an incident), not one long paragraph.
_TABLE_ROW = re.compile(r"^\s*\|(.+)\|\s*$")
_TABLE_RULE = re.compile(r"^[\s|:-]+$")
_SENTENCE_END = re.compile(r"[.!?:\"”)]$")
# A list's line without a bullet: a name (and what it was, in brackets), a dash, then what
# became of it ("X (commander) - was killed in 2005").
_DASH_ITEM = re.compile(r"^\s*[A-ZÀ-Þ][^\n]{1,80}?\s[-–—]\s+\S")
# A label glued to the caption of an image before it ("...MalekLeader: ..."), a
# common artefact of text copied from web pages.
_GLUED = re.compile(r"[a-z\u00e0-\u00ff](?=[A-Z][a-z]+(?: [A-Za-z]+){0,3}$)")

TIMELINE_SECTIONS = frozenset({"timeline", "interventions"})


@dataclass
class _Line:
    start: int  # offset of the first non-space character
    end: int  # offset after the last non-space character
    text: str

    @property
    def blank(self) -> bool:
        return not self.text


def _lines(text: str) -> Iterator[_Line]:
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        yield _Line(pos + lead, pos + lead + len(stripped), stripped)
        pos += len(raw) + 1


def field_label(text: str) -> tuple[str, int] | None:
    """(field key, length of the label) when `text` starts with a known label.

    "Size: 3,000", "Size | 3,000 |" (a table row), "Omvang (in personen) 100-1000"
    and "SizeCore strength" (an infobox copied without its layout: label and value
    glued) all give ("size", n). A label without a separator is accepted only
    before a value that starts like one (capital or digit), in a line that is not
    running prose; glued to its value it is an infobox line whatever follows.
    """
    m = _COLON_FIELD.match(text) or _CELL_FIELD.match(text)
    if m:
        key = _label_key(m.group("label").strip())
        if key:
            return key, m.start("value")
    for length in _label_lengths():
        head = text[:length]
        rest = text[length:]
        if not rest.strip():
            continue
        key = lexicon.lookup("labels", head)
        if not key:
            continue
        if rest.startswith((" ", "\t")):
            # Names after "Aka" may open in lower case ("aka al-Sahil in Mali; the Front ...").
            value_like = _looks_like_value(rest.strip()) or (key == "aliases" and _is_name_list(rest))
            # The label's own full stops ("a.k.a. Al-Fajr; ...") end no sentence.
            if value_like and not _is_prose(rest) and _short_or_listed(head, rest):
                return key, length + (len(rest) - len(rest.lstrip()))
        elif head[:1].isupper() and head[-1:].islower() and _looks_like_value(rest):
            return key, length  # "IdeologyPhysical force", "Active1969–2005"
    return None


def _short_or_listed(label: str, value: str) -> bool:
    """After a one-word label and a space, a value is short or a list: "Country Peru",
    "Aliassen A, B, C"; "Country Report on Terrorism 2016 - Chapter 6" is a title."""
    return " " in label.strip() or len(value.split()) <= 6 or bool(re.search(r"[,;]", value))


def label_only(text: str) -> str | None:
    """The field a line names when it is a label and nothing else ("Aliases", "Strength:")."""
    return _label_key(text.strip(" \t:|")) if len(text) <= 60 else None


def _label_key(label: str) -> str | None:
    """The field a label names, also when it is glued to a caption before it or numbered
    as an infobox's parameters are ("Leader1 Name")."""
    label = _NUMBERED.sub("", label)
    key = lexicon.lookup("labels", label)
    if key is None:
        glued = _GLUED.search(label)
        if glued:
            key = lexicon.lookup("labels", label[glued.end() :])
    return key


@cache
def _label_lengths() -> tuple[int, ...]:
    """The labels' lengths, longest first (read for every line: kept)."""
    return tuple(sorted({len(w) for w in lexicon.index("labels")}, reverse=True))


def _looks_like_value(value: str) -> bool:
    return bool(value) and (
        value[0].isupper() or value[0].isdigit() or value[0] in "\"'“(~" or bool(_ARTICLE_VALUE.match(value))
    )


def _is_prose(text: str) -> bool:
    if _is_name_list(text):
        return False
    return len(text) > 300 or bool(re.search(r"[.!?]\s+[A-Z]", text))


def _is_name_list(text: str) -> bool:
    """A run of names split by semicolons ("aka A; B; C; ..."), not sentences."""
    return text.count(";") >= 1 and not re.search(r"[.!?]\s+[A-Z][a-z]", text)


def _value_line(line: _Line, *, bullets: bool) -> bool:
    """Can this line go on the value of the field above it: one more name, area or figure?

    Not a label of its own, a heading, a dated entry or running prose.
    """
    text = line.text
    if not text or len(text) > 160 and not _is_name_list(text):
        return False
    bullet = _BULLET.match(text)
    if bullet and not bullets:
        return False
    body = text[bullet.end() :] if bullet else text
    if field_label(body) or label_only(body) or _WIKI_HEADING.match(text) or _MD_HEADING.match(text):
        return False
    other = _COLON_FIELD.match(body)
    if other and len(other.group("label").split()) <= 4 and not other.group("label")[:1].isdigit():
        return False  # "Logo: ...": a field of its own, under a label no lexicon knows
    if date_alone(text) or _TABLE_ROW.match(text):
        return False
    dated = leading_date(body)
    if dated and dated.start == 0 and dated.has_year and _DATE_SEPARATOR.match(body[dated.end :]):
        return False
    if _is_prose(text) or (text.endswith(".") and len(text.split()) >= 6 and text.count(",") < 2):
        return False
    return not text.endswith(":")  # "... kenmerkt zich door:" opens a list of its own


def _heading_text(line: _Line, prev_blank: bool, next_blank: bool) -> str | None:
    m = _WIKI_HEADING.match(line.text) or _MD_HEADING.match(line.text)
    if m:
        return m.group(2)
    text = line.text
    words = text.split()
    if not words or len(words) > 10 or len(text) > 90:
        return None
    if text[-1] in ".,;:" or not (text[0].isupper() or text[0] in "(\"'"):
        return None
    if _BULLET.match(text):
        return None
    return text if (prev_blank or next_blank) else None


def _cut_sentence(text: str) -> bool:
    """Reads as prose: six words or more, three of them in lower case."""
    words = text.split()
    return len(words) >= 6 and sum(w[:1].islower() for w in words) >= 3


def segment(doc: Document) -> list[Block]:
    """The blocks of `doc`, in text order."""
    return list(_segment(doc.text))


def _segment(text: str) -> Iterator[Block]:
    lines = list(_lines(text))
    section = ""
    header_date = ""  # the month header the current activity entries sit under
    # A day alone on its line dates the paragraph right after it as that entry's own date.
    header_own = False
    # The year of the last dated entry or date header: "OCTOBER: ..." and "3 June: ..." take it.
    year_context = ""
    dateline = page_date(text)
    paragraph: list[_Line] = []

    def flush() -> Iterator[Block]:
        nonlocal header_own
        if not paragraph:
            return
        start, end = paragraph[0].start, paragraph[-1].end
        body = text[start:end]
        paragraph.clear()
        if header_date and _is_entry(body):
            yield Block(
                BlockKind.DATED_ENTRY,
                start,
                end,
                body,
                label="",
                value_start=start,
                section=section,
                date=header_date,
                date_from_header=not header_own,
            )
            header_own = False
        else:
            yield Block(BlockKind.PARAGRAPH, start, end, body, section=section)

    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if line.blank:
            yield from flush()
            continue
        prev_blank = i == 1 or lines[i - 2].blank
        next_blank = i >= len(lines) or lines[i].blank

        alone = date_alone(line.text)
        if alone and not _heads_entries(lines, i - 1, dateline):
            alone = None
        if alone:
            # "maart 2012", "2014" or "27 June 1994" alone on a line: the entries below are of then.
            yield from flush()
            header_date = with_year(alone, year_context) if not alone[:1].isdigit() else alone
            if header_date:
                header_own = len(header_date) == 10
                year_context = header_date[:4]
                yield Block(BlockKind.HEADING, line.start, line.end, line.text, section=section, date=header_date)
                continue

        row = _TABLE_ROW.match(line.text)
        if row:
            yield from flush()
            if not _TABLE_RULE.match(line.text):
                cells = line.start + row.start(1) + len(row.group(1)) - len(row.group(1).lstrip())
                yield Block(BlockKind.LIST_ITEM, line.start, line.end, line.text, value_start=cells, section=section)
            continue

        flattened = _flattened_fields(line, section)
        if flattened:
            yield from flush()
            yield from flattened
            continue

        block = _structured(line, section, header_date, year_context)
        if block is not None:
            yield from flush()
            if block.kind is BlockKind.DATED_ENTRY:
                year_context = block.date[:4]
            if block.kind is BlockKind.FIELD:
                # An infobox value goes on over the lines below it: "Allies A\n B\n C".
                last = _value_lines(lines, i, bullets=not _BULLET.match(line.text))
                if last > i:
                    end = lines[last - 1].end
                    block = replace(block, end=end, text=text[block.start : end])
                    i = last
            yield block
            continue

        named = label_only(line.text) if not _BULLET.match(line.text) else None
        if named:
            # A label alone on its line, its value on the lines below ("Aliases\n\nA; B").
            first = i
            while first < len(lines) and first - i < 2 and lines[first].blank:
                first += 1
            last = _value_lines(lines, first, bullets=False)
            if last > first:
                yield from flush()
                end = lines[last - 1].end
                label = line.text.rstrip(" :")
                if prev_blank or lexicon.lookup("sections", label):
                    section = label  # what is listed below it is still under it
                    header_date = ""
                yield Block(
                    BlockKind.FIELD,
                    line.start,
                    end,
                    text[line.start : end],
                    label=label,
                    value_start=lines[first].start,
                    section=section,
                )
                i = last
                continue

        heading = _heading_text(line, prev_blank, next_blank) if not paragraph else None
        if heading is not None and not text[line.end :].strip() and _cut_sentence(line.text):
            heading = None  # the page's last line, cut off mid-sentence: "In October 2006, the group re-na"
        if named and i < len(lines) and _BULLET.match(lines[i].text):
            heading = line.text  # "Size" over "• 300 (2010)" lines: a heading of its list
        if heading is not None and not (header_date and not _WIKI_HEADING.match(line.text)):
            yield from flush()
            key = lexicon.lookup("sections", heading) or ""
            marked = bool(_WIKI_HEADING.match(line.text) or _MD_HEADING.match(line.text))
            if key or marked or prev_blank:
                section = heading
                if key not in TIMELINE_SECTIONS:
                    header_date = ""
                    # A new section of another kind starts another story; a line such as
                    # "READ MORE" between two entries does not.
                    if key or marked:
                        year_context = ""
            yield Block(BlockKind.HEADING, line.start, line.end, line.text, section=section)
            continue

        if paragraph and _SENTENCE_END.search(paragraph[-1].text) and not line.text[0].islower():
            yield from flush()
        elif paragraph and _DASH_ITEM.match(paragraph[-1].text) and _DASH_ITEM.match(line.text):
            yield from flush()  # "X (role) - killed in 2005" over "Y (role) - held since 2004": items, not one sentence
        paragraph.append(line)
    yield from flush()


def _value_lines(lines: list[_Line], start: int, *, bullets: bool) -> int:
    """Where the run of value lines that starts at `start` ends (`start` when there is none)."""
    end = start
    while end < len(lines) and _value_line(lines[end], bullets=bullets):
        end += 1
    return end


def _heads_entries(lines: list[_Line], index: int, dateline: PageDate | None) -> bool:
    """Does the date alone on line `index` head the entries below it? Not the page's own
    dateline, nor a field's value: a date under a label ("Last updated:"), one of a list
    of dates, or one above a label."""
    line = lines[index]
    if dateline and any(s < line.end and line.start < e for s, e in dateline.spans):
        return False
    before = next((x for x in reversed(lines[:index]) if not x.blank), None)
    after = next((x for x in lines[index + 1 :] if not x.blank), None)
    for near in (before, after):
        if near is not None and (near.text.endswith(":") or (near is before and date_alone(near.text))):
            return False
    return not (after is not None and date_alone(after.text) and len(after.text) > 4)


def _is_entry(body: str) -> bool:
    """Under a month header, is this paragraph an activity (not "Bron(nen)", "Aanslagen")?"""
    return len(body) >= 40 and len(body.split()) >= 6


# A line this long with this many labels in it is an infobox copied without its line breaks.
_FLATTENED_MIN_LENGTH = 300
_FLATTENED_MIN_LABELS = 4


def _flattened_fields(line: _Line, section: str) -> list[Block]:
    """ "Motto: ... Ideologies X Type Y Leaders - Leader Z - ... Formation 1999 Area ...": the fields
    of an infobox flattened onto one line, one block from each label to the next."""
    text = line.text
    if len(text) < _FLATTENED_MIN_LENGTH or re.search(r"[.!?]\s+[A-Z][a-z]+\s+[a-z]", text):
        return []  # running prose
    if text.count(";") >= 3:
        return []  # a list of names ("aka A; B; ... Base of X; ...")
    starts: list[tuple[int, int]] = []  # (where a label starts, its length)
    for m in re.finditer(r"(?:^|(?<=\s))[A-Z]", text):
        length = _label_at(text, m.start())
        if length and (not starts or m.start() >= starts[-1][0] + starts[-1][1]):
            starts.append((m.start(), length))
    if len(starts) < _FLATTENED_MIN_LABELS:
        return []
    out = []
    if starts[0][0] > 0:  # what stands before the first label ("Motto: ...") is kept as text
        head = text[: starts[0][0]].rstrip()
        out.append(Block(BlockKind.PARAGRAPH, line.start, line.start + len(head), head, section=section))
    for (a, length), b in zip(starts, [*(s for s, _ in starts[1:]), len(text)], strict=False):
        piece = text[a:b].rstrip(" -–")
        value = re.match(r"[\s:–-]*", piece[length:])
        found = (None, length + (value.end() if value else 0))
        if found[1] >= len(piece):
            continue
        start = line.start + a
        end = start + len(piece)
        out.append(
            Block(
                BlockKind.FIELD,
                start,
                end,
                piece,
                label=piece[:length],
                value_start=start + found[1],
                section=section,
            )
        )
    return out


def _label_at(text: str, pos: int) -> int:
    """The length of a known label that starts at `pos` and ends at a word's end, or 0."""
    for length in _label_lengths():
        head = text[pos : pos + length]
        if (
            len(head) == length
            and lexicon.lookup("labels", head)
            and text[pos + length : pos + length + 1] in (" ", ":", "")
        ):
            return length
    return 0


def _structured(line: _Line, section: str, header_date: str, year_context: str = "") -> Block | None:
    """A list item, a field or a dated entry, or None for prose and headings.

    A dated entry opens with a date and a separator, whatever bullet or number stands
    before it; a date without a year ("OCTOBER:", "3 June:") takes the year of the
    entries or date header above it. A span of years ("1993-1994:") opens no entry:
    it tells a period.
    """
    text = line.text
    bullet = _BULLET.match(text)
    body_offset = bullet.end() if bullet else 0
    body = text[body_offset:]

    emphasis = _EMPHASIS.match(body)
    dated = leading_date(body[emphasis.end() :] if emphasis else body)
    if dated and emphasis:
        dated = DateMatch(dated.start + emphasis.end(), dated.end + emphasis.end(), dated.iso, kind=dated.kind)
    if dated and not dated.has_year and year_context:
        dated = DateMatch(dated.start, dated.end, with_year(dated.iso, year_context), kind=dated.kind)
    if dated and dated.start == (emphasis.end() if emphasis else 0) and dated.is_period:
        sep = _DATE_SEPARATOR.match(body[dated.end :])
        if sep:  # a timeline's item about a period: an item, not an incident
            return Block(
                BlockKind.LIST_ITEM,
                line.start,
                line.end,
                text,
                label=body[: dated.end],
                value_start=line.start + body_offset + dated.end + sep.end(),
                section=section,
            )
    if dated and dated.start == (emphasis.end() if emphasis else 0) and dated.has_year and not dated.is_period:
        after = body[dated.end :]
        sep = _DATE_SEPARATOR.match(after)
        if sep and not after.lstrip().startswith("|"):
            value_start = line.start + body_offset + dated.end + sep.end()
            return Block(
                BlockKind.DATED_ENTRY,
                line.start,
                line.end,
                text,
                label=body[: dated.end + sep.end()].rstrip(" :–—-"),
                value_start=value_start,
                section=section,
                date=dated.iso,
            )

    found = field_label(body)
    if found:
        _key, value_at = found
        label = body[:value_at].rstrip(" :\t|")
        return Block(
            BlockKind.FIELD,
            line.start,
            line.end,
            text,
            label=label,
            value_start=line.start + body_offset + value_at,
            section=section,
        )

    if bullet:
        return Block(
            BlockKind.LIST_ITEM,
            line.start,
            line.end,
            text,
            value_start=line.start + body_offset,
            section=section,
            date=header_date,
        )
    return None


def field_key(block: Block) -> str | None:
    """The canonical field a FIELD block states ("Aliassen" -> "aliases")."""
    return _label_key(block.label) if block.label else None


def section_key(block: Block) -> str:
    return lexicon.lookup("sections", block.section) or lexicon.lookup("labels", block.section) or ""
