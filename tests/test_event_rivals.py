"""Event resolution's bookkeeping, on invented reports: a weak pair's rivals are looked for
among the candidates that score as well (on a year, also among those that fit as well);
what two reports' types say of each other is looked up once per pair of typings and agrees
with the rules' own predicates; the persons' names are read only when a report gives a name; a report without a country
meets a busy month from neither side.

The reports are invented: made-up towns, tolls and dates; "ZM" stands for any country.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import product

from dossier.resolve.clusters import Clusters
from dossier.resolve.events import (
    MAX_CANDIDATES,
    MAX_COUNTRIES,
    _candidates,
    _Event,
    _keep_rare_names,
    _kin,
    _kinds,
    _NameIndex,
    _related,
    _same_act,
    _specific,
    _untyped,
    join_events,
)


@dataclass
class _Report:
    key: str
    props: dict[str, set[str]] = field(default_factory=dict)


def _report(doc: str, date: str, *types: str, **more: str) -> _Report:
    props = {"date": {date}, "type": set(types), "country": {"ZM"}}
    props.update({prop: {value} for prop, value in more.items()})
    return _Report(f"Event:{doc}:m1", props)


def _joined(reports: list[_Report]) -> set[frozenset[str]]:
    """The clusters of more than one report that `join_events` leaves, by document."""
    clusters = Clusters(r.key for r in reports)
    join_events(reports, clusters)
    return {frozenset(k.split(":")[1] for k in members) for members in clusters.members.values() if len(members) > 1}


def test_a_months_report_joins_the_better_of_two_candidates_when_the_other_scores_less() -> None:
    # Both bombings fit the month; the second is also typed "attack", so it shares a smaller
    # part of its types with the month's report and scores less: no rival to the first.
    month = _report("dm", "2011-03", "bombing")
    first = _report("d1", "2011-03-02", "bombing")
    second = _report("d2", "2011-03-20", "bombing", "attack")
    assert _joined([month, first, second]) == {frozenset({"dm", "d1"})}


def test_a_months_report_joins_neither_of_two_candidates_that_score_alike() -> None:
    month = _report("dm", "2011-03", "bombing")
    first = _report("d1", "2011-03-02", "bombing")
    second = _report("d2", "2011-03-20", "bombing")
    assert _joined([month, first, second]) == set()


def test_a_years_report_yields_to_a_candidate_that_scores_less_but_fits_as_well() -> None:
    # On a year any candidate that fits as well is a rival, whatever it scores.
    year = _report("dy", "2011", "bombing")
    first = _report("d1", "2011-03-02", "bombing")
    second = _report("d2", "2011-07-10", "bombing", "attack")
    assert _joined([year, first, second]) == set()
    assert _joined([year, first]) == {frozenset({"dy", "d1"})}


def _typed_reports() -> list[_Event]:
    index = _NameIndex([])
    types = [set(), {"other"}, {"statement"}, {"bombing"}, {"bombing", "attack"}, {"kidnapping"}]
    types += [{"founding"}, {"renaming", "founding"}, {"split"}, {"allegiance"}, {"leader_killed"}]
    summaries = [set(), {"Fighters took the town of Amberford."}, {"The movement proclaimed a state."}]
    out = []
    for i, (typed, told) in enumerate(product(types, summaries)):
        props = {"date": {"2011-03"}, "type": set(typed), "summary": set(told)}
        out.append(_Event(f"Event:d{i}:m1", props, lambda key: key, index))
    return out


def test_what_two_typings_say_of_each_other_agrees_with_the_rules_predicates() -> None:
    reports = _typed_reports()
    for a in reports:
        for b in reports:
            kinds = _kinds(a.typing, b.typing)
            assert kinds == _kinds(b.typing, a.typing)
            assert kinds.common == a.types & b.types
            assert kinds.specific == _specific(a, b)
            assert kinds.related == _related(a, b)
            assert kinds.same_act == _same_act(a, b)
            assert kinds.kin == _kin(a, b)
            assert kinds.unnamed == (_untyped(a) or _untyped(b))


def _unread() -> Iterator[str]:
    raise AssertionError("the persons' names were read")
    yield ""  # pragma: no cover


def test_the_persons_names_are_read_only_when_a_report_gives_a_name() -> None:
    index = _NameIndex([])
    plain = [_Event("Event:d1:m1", {"date": {"2011-03"}, "type": {"bombing"}}, lambda key: key, index)]
    _keep_rare_names(plain, _unread())
    assert plain[0].names == set()

    summary = {"A bomb went off at the Quillmoor hotel, said Tarvenholt."}
    named = [_Event("Event:d2:m1", {"date": {"2011-03"}, "summary": summary}, lambda key: key, index)]
    assert len(named[0].names) == 2
    _keep_rare_names(named, ["Oskar Tarvenholt"])
    assert len(named[0].names) == 1  # the hotel's name, not the person's


def _met(reports: list[_Event]) -> set[frozenset[str]]:
    """The pairs of reports that candidate blocking brings before the judge."""
    return {
        frozenset({a.key, b.key})
        for a, same, countryless in _candidates(reports)
        for b in (*same, *countryless)
        if b is not a
    }


def _month_report(n: int, country: str) -> _Event:
    props = {"date": {"2011-03"}, "type": {"bombing"}, "country": {country} if country else set()}
    return _Event(f"Event:d{n}:m1", props, lambda key: key, _NameIndex([]))


def test_a_report_without_a_country_meets_a_month_only_while_the_month_is_quiet() -> None:
    # A month's bombings in many countries, and one month-precision report that names none.
    countryless = _month_report(0, "")
    quiet = [_month_report(n, f"Z{n % 5}") for n in range(1, MAX_CANDIDATES // 2)]
    busy = [_month_report(n, f"Z{n % 5}") for n in range(1, MAX_CANDIDATES + 2)]
    assert frozenset({countryless.key, quiet[0].key}) in _met([countryless, *quiet])
    # In a busy month it could be any of them: it meets none, from either side of the pair.
    pairs = _met([countryless, *busy])
    assert not [pair for pair in pairs if countryless.key in pair]
    assert frozenset({busy[0].key, busy[5].key}) in pairs  # reports of one country still meet


def test_a_report_without_a_country_meets_no_one_in_a_month_of_many_countries() -> None:
    # A few bombings of one month, each in another country: a report naming no country
    # could be any of them once they span more countries than MAX_COUNTRIES.
    countryless = _month_report(0, "")
    few = [_month_report(n, f"Z{n}") for n in range(1, MAX_COUNTRIES + 1)]
    many = [_month_report(n, f"Z{n}") for n in range(1, MAX_COUNTRIES + 2)]
    assert len(many) < MAX_CANDIDATES  # quiet by the number of reports alone
    assert frozenset({countryless.key, few[0].key}) in _met([countryless, *few])
    assert not [pair for pair in _met([countryless, *many]) if countryless.key in pair]
