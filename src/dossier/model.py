"""The domain: documents, blocks, evidence and statements.

This module is the core of dossier and imports nothing else of it (an
import-linter contract in pyproject.toml keeps it that way). Everything the
pipeline produces is a `Statement`: a claim about a subject, with the exact
characters of the document that make it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Any


class Schema(StrEnum):
    """The kinds of entity a statement can be about."""

    ORGANIZATION = "Organization"
    PERSON = "Person"
    EVENT = "Event"


@dataclass(frozen=True)
class Image:
    """A picture a document holds (a logo, a flag, a photo), and what the document says of it.

    `start`..`end` is where the plain text quotes its caption or alt text (the
    picture's evidence); both are -1 when the text does not hold them, and the
    document alone is the source.
    """

    data: bytes
    media_type: str  # what the bytes are (sniffed, never taken from a name): image/png, image/svg+xml ...
    alt: str = ""  # the alt text or description the document gives it
    caption: str = ""  # the caption beside it (HTML figcaption, DOCX caption paragraph)
    start: int = -1
    end: int = -1
    width: int = 0
    height: int = 0

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def label(self) -> str:
        """What a reader is told the picture shows: the caption, else the alt text."""
        return self.caption or self.alt


@dataclass(frozen=True)
class Document:
    """One source file as plain text. All offsets in dossier refer to `text`."""

    id: str  # sha256 of the file's bytes, hex
    path: str
    text: str
    lang: str  # ISO 639-1 ("en", "nl", "fr", ...) or "und"
    title: str = ""
    publisher: str = ""
    format: str = "text"  # text | html | pdf | docx
    warnings: tuple[str, ...] = ()
    images: tuple[Image, ...] = ()

    def quote(self, start: int, end: int) -> str:
        return self.text[start:end]


class BlockKind(StrEnum):
    HEADING = "heading"
    FIELD = "field"  # "Label: value" or "Label value" with a known label
    LIST_ITEM = "list_item"
    DATED_ENTRY = "dated_entry"  # "11 April 2007: ..." or an entry under a month header
    PARAGRAPH = "paragraph"


@dataclass(frozen=True)
class Block:
    """A typed stretch of a document's text, with offsets.

    `label` is the label text of a FIELD and the date text of a DATED_ENTRY;
    `value_start` is where the value (or the entry's body) begins. `section`
    is the nearest heading above the block, which often says what a block is
    about ("Leaders", "Financiële inkomstenbronnen").
    """

    kind: BlockKind
    start: int
    end: int
    text: str
    label: str = ""
    value_start: int = -1
    section: str = ""
    date: str = ""  # ISO date with the precision given, for DATED_ENTRY
    date_from_header: bool = False  # the date is that of a month header above

    @property
    def value(self) -> str:
        if self.value_start < 0:
            return self.text
        return self.text[self.value_start - self.start :]


@dataclass(frozen=True)
class Evidence:
    """Where a value comes from: `document.text[start:end]` is the quote."""

    doc: str
    start: int
    end: int


@dataclass(frozen=True)
class Statement:
    """One claim: `subject` has `prop` = `value`, qualified, with evidence.

    `subject` is a mention key local to the document it came from
    (`Schema:docid:slug`); resolution maps mention keys to entities.
    Values that point at other subjects (a leader, a relation's target)
    hold that subject's mention key and are resolved the same way.
    """

    subject: str
    schema: Schema
    prop: str
    value: str
    evidence: Evidence
    extractor: str
    qualifiers: dict[str, Any] = field(default_factory=dict)

    @cached_property  # asked by extraction and again by the store (a worker's answer travels with it)
    def id(self) -> str:
        payload = json.dumps(
            [
                self.subject,
                self.prop,
                self.value,
                self.qualifiers,
                self.evidence.doc,
                self.evidence.start,
                self.evidence.end,
            ],
            sort_keys=True,
            ensure_ascii=False,
        )
        return hashlib.sha1(payload.encode("utf-8")).hexdigest()[:20]


def subject_key(schema: Schema, doc_id: str, slug: str) -> str:
    """A mention key: deterministic, so a rebuild gives the same keys."""
    return f"{schema.value}:{doc_id[:12]}:{slug}"


def schema_of(key: str) -> Schema:
    return Schema(key.split(":", 1)[0])


# Properties whose value is another subject's mention key.
REFERENCE_PROPS = frozenset(
    {"leader", "relation", "role", "perpetrator", "participant", "victim", "founder", "member_of"}
)
# The person statuses (status.yaml) that tell a death: a person has one, with one date.
DEATH_STATUSES = frozenset({"killed", "dead"})
# What a group does to itself (event types, and the "founding" kind of "other"): a
# group is founded, splits or is renamed once in a period.
FORMATION = frozenset({"founding", "split", "merger", "renaming"})
# Kinds of happening that the vocabulary has no type for: exported as "other", kept as
# a kind so that resolution can tell one group's founding or ceasefire from the rest.
KINDS_OF_OTHER = frozenset({"founding", "ceasefire"})
# Event types that are an attack by the group named perpetrator, and those that are an
# intervention against it (arrests, trials, military and police operations, listings);
# every other type is "other". An event of several types is an attack if any of them
# is, else an intervention if any of them is.
ATTACK_TYPES = frozenset(
    {
        "attack",
        "bombing",
        "suicide_attack",
        "armed_assault",
        "ambush",
        "kidnapping",
        "hostage_taking",
        "execution",
        "assassination",
    }
)
INTERVENTION_TYPES = frozenset({"arrest", "conviction", "military_operation", "designation", "rescue", "leader_killed"})
ACTIVITY_KINDS = ("attack", "intervention", "other")


def activity_kind(types: list[str] | tuple[str, ...] | frozenset[str] | set[str]) -> str:
    """ "attack", "intervention" or "other" for an event of these types."""
    if ATTACK_TYPES.intersection(types):
        return "attack"
    if INTERVENTION_TYPES.intersection(types):
        return "intervention"
    return "other"
