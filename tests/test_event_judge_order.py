"""Whether two event reports can be one incident does not depend on the order in which
they are judged: resolution asks it once per pair (`join_events` keeps one answer for
both orders), so a rule that broke this would make results depend on which side a
block yields first.

The reports are invented: made-up towns, tolls and dates.
"""

from __future__ import annotations

from itertools import product

from dossier.resolve.events import _days_too_far, _Event, _NameIndex, judge

DATES = ["2011-03-02", "2011-03-06", "2011-03-20", "2011-04-01", "2011-03", "2011"]
TYPES = [{"bombing"}, {"bombing", "attack"}, {"armed_assault"}, {"kidnapping"}, {"founding"}, set()]
PLACES = ["", "Amberford"]
TOLLS = [set(), {"9"}, {"40"}]


def _reports() -> list[_Event]:
    index = _NameIndex([])
    out = []
    for i, (date, types, place, killed, header) in enumerate(product(DATES, TYPES, PLACES, TOLLS, (False, True))):
        props: dict[str, set[str]] = {"date": {date}, "type": set(types), "country": {"ZM"}, "killed": killed}
        if place:
            props["place"] = {place}
        if header:
            props["date_basis"] = {"header"}
        if i % 3 == 0:
            props["victim"] = {"Person:d0:p1"}
        if i % 4 == 0:
            props["perpetrator"] = {"Organization:d0:o1"}
        out.append(_Event(f"Event:d{i}:m{i}", props, lambda key: key, index))
    return out


def test_a_pair_is_judged_alike_in_either_order() -> None:
    reports = _reports()
    for a in reports:
        for b in reports:
            assert (judge(a, b) is None) == (judge(b, a) is None), (a.key, b.key)


def test_days_more_than_a_week_apart_are_never_one_incident() -> None:
    reports = _reports()
    far = [(a, b) for a in reports for b in reports if _days_too_far(a, b)]
    assert far
    assert all(judge(a, b) is None for a, b in far)
