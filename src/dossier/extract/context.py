"""What every extractor gets: the document, its blocks, and a statement factory."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

from dossier.model import Block, BlockKind, Document, Evidence, Schema, Statement, subject_key
from dossier.segment import field_key, segment
from dossier.text import lexicon
from dossier.text.dates import PageDate, page_date
from dossier.text.names import holds_word
from dossier.text.places import find_countries, lowercase_words
from dossier.text.sentences import sentence_spans


@dataclass
class Context:
    doc: Document
    blocks: list[Block] = field(default_factory=list)
    # Filled by the organization extractor, read by the others.
    subject: str = ""
    subject_names: list[str] = field(default_factory=list)
    # Filled by the relations extractor, read by the events extractor: every
    # other group's name and alias found -> its mention key.
    groups: dict[str, str] = field(default_factory=dict)
    # Filled by the persons extractor, read by the events extractor: (start, end,
    # person mention key) of every mention of a person found, in text order.
    persons: list[tuple[int, int, str]] = field(default_factory=list)
    # ... and (sentence start, end, person mention key) of every death it read, in text order.
    deaths: list[tuple[int, int, str]] = field(default_factory=list)

    @classmethod
    def of(cls, doc: Document) -> Context:
        return cls(doc=doc, blocks=segment(doc))

    @property
    def text(self) -> str:
        return self.doc.text

    def key(self, schema: Schema, slug: str) -> str:
        return subject_key(schema, self.doc.id, slug)

    def statement(
        self,
        subject: str,
        prop: str,
        value: str,
        start: int,
        end: int,
        extractor: str,
        **qualifiers: Any,
    ) -> Statement:
        start, end = self.trim(start, end)
        return Statement(
            subject=subject,
            schema=Schema(subject.split(":", 1)[0]),
            prop=prop,
            value=value,
            evidence=Evidence(self.doc.id, start, end),
            extractor=extractor,
            qualifiers={k: v for k, v in qualifiers.items() if v not in (None, "")},
        )

    def trim(self, start: int, end: int) -> tuple[int, int]:
        """Offsets without surrounding white space or bullets, so quotes read cleanly."""
        text = self.doc.text
        while start < end and (text[start].isspace() or text[start] in "•-*–"):
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return start, end

    def fields(self, key: str) -> Iterator[Block]:
        for block in self.blocks:
            if block.kind is BlockKind.FIELD and field_key(block) == key:
                yield block

    @cached_property
    def sentences(self) -> list[tuple[int, int, Block]]:
        """Every sentence of prose and list blocks: (start, end, block)."""
        out: list[tuple[int, int, Block]] = []
        for block in self.blocks:
            if block.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.DATED_ENTRY, BlockKind.FIELD):
                for s, e in sentence_spans(block.text, block.start):
                    out.append((s, e, block))
        return out

    @cached_property
    def table_tops(self) -> dict[int, Block]:
        """The first row of the table each table row is in, by the row's start: the rows of
        one table follow one another, with at most a rule line ("|---|") between them."""
        tops: dict[int, Block] = {}
        top: Block | None = None
        previous_end = -1
        for block in self.blocks:
            if block.kind is not BlockKind.LIST_ITEM or not block.text.lstrip().startswith("|"):
                continue
            if top is None or self.text[previous_end : block.start].strip(" \t\n|:-"):
                top = block
            tops[block.start] = top
            previous_end = block.end
        return tops

    @cached_property
    def page_date(self) -> PageDate | None:
        """When the page was written (its address or dateline): what "yesterday" counts from."""
        return page_date(self.text)

    def in_dateline(self, start: int, end: int) -> bool:
        """Is text[start:end] the page's own date, which dates no incident?"""
        found = self.page_date
        return found is not None and any(start < e and s < end for s, e in found.spans)

    @cached_property
    def countries_named(self) -> frozenset[str]:
        """Every country the document names (or its people): a small town abroad is rarely meant."""
        return frozenset(c.code for c in find_countries(self.text))

    @cached_property
    def common_words(self) -> frozenset[str]:
        """Words the document writes in lower case: such a word capitalised is rarely a place."""
        return lowercase_words(self.text)

    def about_subject(self, sentence: str) -> bool:
        """Is `sentence` about the profiled group: by one of its names, or "the group ..."?"""
        folded = sentence.casefold()
        return any(n.casefold() in folded for n in self.subject_names) or bool(_group_reference().search(sentence))

    def groups_named(self, start: int, end: int) -> list[str]:
        """Mention keys of the groups (the profiled one too) named in text[start:end]."""
        text = self.text[start:end]
        named = [(self.subject, n) for n in self.subject_names] + [(k, n) for n, k in self.groups.items()]
        found: list[str] = []
        for key, name in named:
            if key and key not in found and len(name) >= 3 and holds_word(text, name):
                found.append(key)
        return found

    def persons_named(self, start: int, end: int) -> list[str]:
        """Mention keys of the persons named in text[start:end], in order."""
        return list(dict.fromkeys(key for s, e, key in self.persons if start <= s and e <= end))

    def deaths_told(self, start: int, end: int) -> list[str]:
        """Mention keys of the persons whose death text[start:end] tells: the word of it
        stands there (a clause about a founding does not tell the death its sentence adds)."""
        return list(dict.fromkeys(key for s, e, key in self.deaths if s < end and start < e))

    def sentences_of(self, block: Block) -> list[tuple[int, int]]:
        return sentence_spans(block.text, block.start)

    def sentence_at(self, pos: int) -> tuple[int, int]:
        for s, e, _ in self.sentences:
            if s <= pos < e:
                return s, e
        return pos, pos


@lru_cache(maxsize=1)
def _group_reference() -> re.Pattern[str]:
    """ "the (terrorist) group" anywhere, or a pronoun opening the sentence (words from names.yaml)."""
    data = lexicon.load("names")

    def alternation(key: str) -> str:
        words = {w for group in data[key].values() for w in group}
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    article, noun, pronoun = alternation("group_articles"), alternation("group_nouns"), alternation("group_pronouns")
    return re.compile(rf"(?:^|(?<=\s))(?:{article})\s*(?:\w+\s+)?(?:{noun})\b|^(?:{pronoun})\b", re.IGNORECASE)


def slug(text: str) -> str:
    from normality import slugify

    return slugify(text) or re.sub(r"\W+", "-", text.casefold()).strip("-") or "x"
