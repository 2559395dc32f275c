"""The `dossier` command line: show, info, export, and printing untrusted text."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from kb_helpers import RED_DAWN, build, export, invoke, load_json, plain, run_dossier, write_corpus

from dossier.store import SCHEMA_VERSION

# -- show ------------------------------------------------------------------------------


def test_show_prints_name_aliases_values_and_sources(kb) -> None:
    result = invoke("show", "Red Dawn Front", "--db", kb.db)
    assert result.exit_code == 0, result.output
    text = plain(result.stdout)
    assert "Red Dawn Front" in text
    assert "RDF (acronym) [1]" in text
    assert "Frente Amanecer Rojo" in text
    assert "PE" in text and "BO" in text
    assert "Tomas Quispe Huaman" in text
    # Each marker is listed under Sources with its quote and document title.
    assert "Sources" in text
    assert "[1] GROUP PROFILE (test document written for dossier): “Also known as: RDF; Frente Amanecer Rojo”" in text
    assert "“Areas of operation: Peru, Bolivia”" in text


@pytest.mark.parametrize("name", ["RDF", "red dawn front", "Frente Amanecer Rojo"])
def test_show_finds_a_group_by_alias_or_folded_name(kb, name: str) -> None:
    result = invoke("show", name, "--db", kb.db)
    assert result.exit_code == 0, result.output
    assert "Red Dawn Front" in plain(result.stdout)


def test_show_every_marker_has_a_source(kb) -> None:
    text = plain(invoke("show", "Northern Salt Army", "--db", kb.db).stdout)
    body, _, sources = text.partition(" Sources ")
    assert sources, text
    used = {int(n) for n in re.findall(r"\[(\d+)\]", body)}
    listed = {int(n) for n in re.findall(r"\[(\d+)\] ", sources)}
    assert used and used == listed == set(range(1, len(used) + 1))


def test_show_an_unknown_group_exits_1(kb) -> None:
    result = invoke("show", "Nonexistent Liberation Army", "--db", kb.db)
    assert result.exit_code == 1
    assert "no group named 'Nonexistent Liberation Army'" in plain(result.stderr)
    assert result.stdout == ""


def test_show_from_the_shell(kb) -> None:
    result = run_dossier("show", "NSA", "--db", kb.db)
    assert result.returncode == 0, result.stderr
    text = plain(result.stdout)
    assert "Northern Salt Army" in text and "[1]" in text and "Moussa Adoum Kaya" in text


# -- timeline --------------------------------------------------------------------------


def test_timeline_lists_the_groups_events_in_date_order_with_sources(kb) -> None:
    result = invoke("timeline", "RDF", "--db", kb.db)
    assert result.exit_code == 0, result.output
    text = plain(result.stdout)
    # The founding its profile field dates, then its two timeline entries.
    assert "Red Dawn Front: 3 events" in text
    assert text.index("1984") < text.index("1992-09-12") < text.index("1995-03-03")
    assert "Puno" in text and "La Paz" in text
    body, _, sources = text.partition(" Sources ")
    assert {int(n) for n in re.findall(r"\[(\d+)\]", body)} == {1, 2, 3}
    assert "car bomb planted by the Red Dawn Front in La Paz" in " ".join(sources.split())


def test_timeline_filters_by_type_country_and_year(kb) -> None:
    text = plain(invoke("timeline", "RDF", "--db", kb.db, "--type", "bombing").stdout)
    assert "1995-03-03" in text and "1992-09-12" not in text
    text = plain(invoke("timeline", "RDF", "--db", kb.db, "--country", "pe").stdout)
    assert "1992-09-12" in text and "1995-03-03" not in text
    text = plain(invoke("timeline", "RDF", "--db", kb.db, "--since", "1993", "--until", "1999").stdout)
    assert "1995-03-03" in text and "1992-09-12" not in text


def test_timeline_of_an_unknown_group_exits_1(kb) -> None:
    result = invoke("timeline", "Nonexistent Liberation Army", "--db", kb.db)
    assert result.exit_code == 1
    assert "no group named" in plain(result.stderr)


# -- info ------------------------------------------------------------------------------


def test_info_lists_counts_and_groups(kb) -> None:
    result = invoke("info", "--db", kb.db)
    assert result.exit_code == 0, result.output
    text = plain(result.stdout)
    data = kb.data
    statements = kb.report.statements
    assert f"schema version {SCHEMA_VERSION}" in text
    assert "documents 3" in text
    assert f"statements {statements}" in text
    assert f"groups {len(data['organizations'])}" in text
    assert f"persons {len(data['persons'])}" in text
    assert f"events {len(data['events'])}" in text
    assert "3 read, 0 unchanged, 0 skipped" in text
    for name in ("Red Dawn Front", "Northern Salt Army", "Silver River Brigades"):
        assert name in text


# -- export ------------------------------------------------------------------------------


def test_export_to_a_file_writes_the_export(kb, tmp_path: Path) -> None:
    out = tmp_path / "out" / "kb.json"
    out.parent.mkdir()
    result = invoke("export", "--db", kb.db, "--format", "json", "-o", out)
    assert result.exit_code == 0, result.output
    assert f"wrote {out}" in plain(result.stderr)
    assert load_json(out) == kb.data
    assert [p.name for p in out.parent.iterdir()] == ["kb.json"]  # no temporary file left


def test_export_to_stdout_is_json(kb) -> None:
    result = invoke("export", "--db", kb.db)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == kb.data


def test_export_from_the_shell(kb, tmp_path: Path) -> None:
    out = tmp_path / "kb.json"
    result = run_dossier("export", "--db", kb.db, "--output", out)
    assert result.returncode == 0, result.stderr
    assert load_json(out) == kb.data


def test_export_misp_writes_a_folder_and_needs_one(kb, tmp_path: Path) -> None:
    result = invoke("export", "--db", kb.db, "--format", "misp")
    assert result.exit_code == 2
    assert "--format misp writes a folder: give it with -o" in plain(result.stderr)
    out = tmp_path / "misp"
    result = invoke("export", "--db", kb.db, "--format", "misp", "-o", out)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["clusters", "events", "galaxies"]
    events = list((out / "events").glob("*-*.json"))
    assert len(events) == len(kb.data["events"])
    assert f"wrote {out / 'events' / 'manifest.json'}" in plain(result.stderr)  # a few files: each is named


@pytest.mark.parametrize("fmt", ["xml", "JSON", ""])
def test_export_an_unknown_format_exits_2(kb, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / "kb.out"
    result = invoke("export", "--db", kb.db, "--format", fmt, "-o", out)
    assert result.exit_code == 2
    assert f"format {fmt!r} is not supported" in plain(result.stderr)
    assert not out.exists()


# -- build options --------------------------------------------------------------------------


def test_build_rejects_a_bad_size(tmp_path: Path) -> None:
    result = invoke("build", tmp_path, "--db", tmp_path / "kb.db", "--max-size", "lots")
    assert result.exit_code == 2
    assert "'lots' is not a size" in plain(result.output)
    assert not (tmp_path / "kb.db").exists()


def test_build_skips_files_over_max_size(tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "corpus", {"red.txt": RED_DAWN, "big.txt": "Name: Big Front\n" * 200})
    db = tmp_path / "kb.db"
    result = invoke("build", folder, "--db", db, "--max-size", "2KB", "--no-progress")
    assert result.exit_code == 1
    err = plain(result.stderr)
    assert "big.txt: file is 3200 bytes, over the 2048 bytes limit; raise it with --max-size" in err
    assert "1 read, 0 unchanged, 1 skipped" in err


def test_no_arguments_prints_help() -> None:
    result = invoke()
    assert "build" in result.output and "export" in result.output


# -- document-derived text is printed, never interpreted ------------------------------------

# Rich markup in a document: a terminal that interpreted it would drop the tags.
MARKUP_PROFILE = """\
CRIMSON [bold red]HAND[/] BRIGADE

Also known as: CHB; [blink]Mano Carmesi[/blink]
Areas of operation: Chile, Argentina
Leaders: Mario Soto Vera

CRIMSON [bold red]HAND[/] BRIGADE is an invented armed group active in the south of Chile.

Timeline

4 May 2001: CRIMSON [bold red]HAND[/] BRIGADE gunmen killed 3 people in Temuco.
"""
MARKUP_NAME = "CRIMSON [bold red]HAND[/] BRIGADE"


@pytest.fixture(scope="module")
def markup_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("markup")
    folder = write_corpus(root / "corpus", {"crimson.txt": MARKUP_PROFILE})
    db = root / "kb.db"
    build(folder, db=db)
    names = [o["name"] for o in export(db)["organizations"]]
    assert names == [MARKUP_NAME], names  # the premise: the markup is part of the stored name
    return db


def test_show_prints_markup_in_a_group_name_literally(markup_db: Path) -> None:
    result = invoke("show", "CHB", "--db", markup_db)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert MARKUP_NAME in out
    assert "[blink]Mano Carmesi[/blink]" in out
    assert "\x1b[" not in out


def test_show_by_a_name_with_markup(markup_db: Path) -> None:
    result = invoke("show", MARKUP_NAME, "--db", markup_db)
    assert result.exit_code == 0, result.output
    assert MARKUP_NAME in result.stdout


def test_info_prints_markup_in_a_group_name_literally(markup_db: Path) -> None:
    result = invoke("info", "--db", markup_db)
    assert result.exit_code == 0, result.output
    assert MARKUP_NAME in result.stdout


# -- merges, merge and split (a person's judgements) ---------------------------------------

PROFILE_A = """\
Group profile: Front of the Copper Hills

Also known as: FCH

Leaders
- Karim Abou El-Haddad (leader since 2012)
"""

PROFILE_B = """\
Group profile: Front of the Copper Hills

Leaders
- Karim Abu al-Hadad (leader since 2012)
- Lina Sorel (spokeswoman)
"""


@pytest.fixture()
def judged_db(tmp_path: Path) -> Path:
    folder = write_corpus(tmp_path / "corpus", {"a.txt": PROFILE_A, "b.txt": PROFILE_B})
    db = tmp_path / "kb.db"
    build(folder, db=db)
    return db


def _person_ids(db: Path) -> dict[str, str]:
    return {p["name"]: p["id"] for p in export(db)["persons"]}


def test_merges_lists_a_transliteration_merge_with_reason_and_score(judged_db: Path) -> None:
    assert len(_person_ids(judged_db)) == 2  # the premise: the two spellings are one person
    result = invoke("merges", "--db", judged_db, "--kind", "person")
    assert result.exit_code == 0, result.output
    text = plain(result.stdout)
    assert "(2 mentions)" in text
    assert "Karim Abou El-Haddad" in text and "Karim Abu al-Hadad" in text
    assert "transliteration variant" in text and "score 0.95" in text


def test_split_and_merge_are_kept_across_rebuilds(judged_db: Path, tmp_path: Path) -> None:
    karim = next(e for n, e in _person_ids(judged_db).items() if n.startswith("Karim"))
    result = invoke("split", karim, "--db", judged_db)
    assert result.exit_code == 0, result.output
    assert len([n for n in _person_ids(judged_db) if n.startswith("Karim")]) == 2  # export reflects it at once

    # A rebuild with a new document re-resolves and keeps the decision.
    write_corpus(tmp_path / "more", {"c.txt": "Group profile: Union of the Salt Marsh\n"})
    build(tmp_path / "more", db=judged_db)
    ids = _person_ids(judged_db)
    karims = sorted(e for n, e in ids.items() if n.startswith("Karim"))
    assert len(karims) == 2

    result = invoke("merge", karims[0], karims[1], "--db", judged_db)
    assert result.exit_code == 0, result.output
    assert "merged" in plain(result.stdout)
    assert len([n for n in _person_ids(judged_db) if n.startswith("Karim")]) == 1


def test_split_one_mention_off_and_merge_two_people(judged_db: Path) -> None:
    rows = invoke("merges", "--db", judged_db, "--kind", "person").stdout
    key = re.search(r"(Person:\S+)\s+Karim Abu al-Hadad", plain(rows))
    assert key, rows
    assert invoke("split", key.group(1), "--db", judged_db).exit_code == 0
    ids = _person_ids(judged_db)
    assert len([n for n in ids if n.startswith("Karim")]) == 2
    lina = ids["Lina Sorel"]
    karim = next(e for n, e in ids.items() if n.startswith("Karim"))
    assert invoke("merge", lina, karim, "--db", judged_db).exit_code == 0
    assert len(_person_ids(judged_db)) == 2


def test_merge_refuses_unknown_ids_and_mixed_kinds(judged_db: Path) -> None:
    result = invoke("merge", "p0000000000", "p1111111111", "--db", judged_db)
    assert result.exit_code == 1
    assert "neither an entity id nor a mention key" in plain(result.stderr)
    person_id = next(iter(_person_ids(judged_db).values()))
    org_id = export(judged_db)["organizations"][0]["id"]
    result = invoke("merge", person_id, org_id, "--db", judged_db)
    assert result.exit_code == 1
    assert "different kinds" in plain(result.stderr)


def test_split_help_says_what_it_does() -> None:
    text = plain(invoke("split", "--help").stdout)
    assert "ENTITY ID" in text and "MENTION KEY" in text and "later build" in text
