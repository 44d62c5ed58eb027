"""A row of a statement that prints its own 序号 is cited by it ("第3页序号35"), as a reader finds
it first; other rows by their place on the page ("第3页第9笔"); a schedule's by its 期数."""

from __future__ import annotations

from generator.parsers import parse_document
from generator.render.context import Citation
from generator.render.env import environment
from conftest import FIXTURES


def _cite(c: Citation) -> str:
    return str(environment().filters["cite"](c))


def test_a_printed_seq_names_the_row() -> None:
    assert _cite(Citation(2, 3, 57, 6, on_page=9, seq="35")) == "证据2第3页序号35，见证据材料第6页"


def test_without_one_the_row_is_counted_on_its_page() -> None:
    assert _cite(Citation(2, 3, 57, 6, on_page=9)) == "证据2第3页第9笔，见证据材料第6页"
    assert _cite(Citation(3, 1, 4, None, installment_no=4)) == "证据3第1页第4期"


def test_statements_that_print_a_seq_carry_it_on_every_row() -> None:
    for name in ("bocom/multipage", "ccb/basic"):
        doc = parse_document(FIXTURES / "statements" / name / "input.pdf", label="x.pdf")
        seqs = [t.source.seq for t in doc.transactions]
        assert seqs and all(seqs), name
    cmb = parse_document(FIXTURES / "statements" / "cmb" / "basic" / "input.pdf", label="x.pdf")
    assert all(t.source.seq is None for t in cmb.transactions)
