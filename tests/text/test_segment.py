"""Segmenting finds fields, dated entries and month-header activity lists with exact offsets."""

from pathlib import Path

import pytest
import yaml

from dossier.model import BlockKind, Document
from dossier.segment import field_key, segment

PROFILE = """Northern Front (NF)

Naam organisatie Noordelijk Front
Aliassen NF; Front du Nord
Omvang (in personen) 200-400
Area: Norway, Sweden

Leaders
• Ola Berg (1961), alias Commander Frost, leads the group.

Timeline
- 12 March 2019: A bomb killed 3 people in Tromso.
2005-2010: A long campaign of sabotage.

maart 2021

Leden van het Front vielen een kazerne aan in Kiruna, waarbij vier soldaten omkwamen.

Type activiteit
Aanslagen
"""


def test_blocks_are_exact_slices_of_the_text() -> None:
    doc = Document(id="0" * 64, path="x.txt", text=PROFILE, lang="nl")
    for block in segment(doc):
        assert PROFILE[block.start : block.end] == block.text


def test_fields_with_and_without_colon() -> None:
    blocks = segment(Document(id="0" * 64, path="x.txt", text=PROFILE, lang="nl"))
    fields = {field_key(b): b.value for b in blocks if b.kind is BlockKind.FIELD}
    assert fields["name"] == "Noordelijk Front"
    assert fields["aliases"] == "NF; Front du Nord"
    assert fields["size"] == "200-400"
    assert fields["countries"] == "Norway, Sweden"


def test_dated_entries_and_month_headers() -> None:
    blocks = segment(Document(id="0" * 64, path="x.txt", text=PROFILE, lang="nl"))
    entries = [b for b in blocks if b.kind is BlockKind.DATED_ENTRY]
    assert entries[0].date == "2019-03-12" and entries[0].value.startswith("A bomb")
    # A span of years tells a period: the line is an item of the timeline, not an incident.
    period = next(b for b in blocks if b.text.startswith("2005-2010"))
    assert period.kind is BlockKind.LIST_ITEM and period.label == "2005-2010"
    header_entry = entries[1]
    assert header_entry.date == "2021-03" and header_entry.date_from_header
    assert not any(b.text == "Aanslagen" for b in entries)


def _cases(key: str) -> list[list[str]]:
    return yaml.safe_load((Path(__file__).parent / "fields.yaml").read_text("utf-8"))[key]


@pytest.mark.parametrize(("text", "key", "value"), _cases("fields"))
def test_field_layouts(text: str, key: str, value: str) -> None:
    blocks = segment(Document(id="0" * 64, path="x.txt", text=text, lang="en"))
    fields = [b for b in blocks if b.kind is BlockKind.FIELD]
    assert fields, f"no field in {text!r}"
    assert (field_key(fields[0]), fields[0].value.rstrip(" |")) == (key, value)
    for block in blocks:
        assert text[block.start : block.end] == block.text


@pytest.mark.parametrize(("text", "kind"), _cases("not_fields"))
def test_layouts_that_are_no_field(text: str, kind: str) -> None:
    blocks = segment(Document(id="0" * 64, path="x.txt", text=text, lang="en"))
    assert blocks[0].kind.value == kind


def test_a_page_cut_off_mid_sentence_ends_in_a_paragraph_not_a_heading() -> None:
    text = "Northern Front\n\nHistory\n\nIn May 2019, the front renamed itself the Nor"
    kinds = {b.text: b.kind for b in segment(Document(id="0" * 64, path="x.txt", text=text, lang="en"))}
    assert kinds["History"] is BlockKind.HEADING
    assert kinds["In May 2019, the front renamed itself the Nor"] is BlockKind.PARAGRAPH


def test_lines_of_a_name_a_dash_and_a_fate_are_items_not_one_sentence() -> None:
    items = [
        "Karim Haddad (commander) - was killed in 2005",
        "Salim Nouri (spokesman) - has been held since 2004",
        "Tariq Wadi (treasurer) - died in 2013",
    ]
    text = "The Silver Front has lost many of its leaders.\n" + "\n".join(items) + "\n"
    doc = Document(id="d", path="d.txt", text=text, lang="en")
    paragraphs = [b.text for b in segment(doc) if b.kind is BlockKind.PARAGRAPH]
    assert paragraphs[-3:] == items


def test_a_wrapped_paragraph_stays_one_block() -> None:
    text = "The front was formed in the hills in 1994 by Karim Haddad\nand a few students, who left the city.\n"
    doc = Document(id="d", path="d.txt", text=text, lang="en")
    assert [b.kind for b in segment(doc)] == [BlockKind.PARAGRAPH]
