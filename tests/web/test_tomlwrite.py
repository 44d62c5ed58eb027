"""case.toml written by the page reads back as the data it was made from, whatever the text."""

from __future__ import annotations

import tomllib
from datetime import date

from hypothesis import given, strategies as st

from generator.web.tomlwrite import dumps
from web.conftest import EXAMPLE

text = st.text(max_size=40)
scalar = st.one_of(text, st.integers(-10**12, 10**12), st.booleans(), st.dates(date(1990, 1, 1), date(2100, 1, 1)),
                   st.lists(text, max_size=4))
table = st.dictionaries(text.filter(bool), scalar, max_size=5)


@given(st.fixed_dictionaries({"borrower": table, "loans": st.lists(st.fixed_dictionaries(
    {"lender": text}, optional={"schedule": st.lists(table, min_size=1, max_size=3), "x": scalar}),
    min_size=1, max_size=3)}, optional={"passwords": st.dictionaries(text.filter(bool), text, max_size=3)}))
def test_round_trip(data: dict[str, object]) -> None:
    assert tomllib.loads(dumps(data)) == data


def test_an_example_case_round_trips() -> None:
    data = tomllib.loads((EXAMPLE / "case.toml").read_text(encoding="utf-8"))
    assert tomllib.loads(dumps(data)) == data
