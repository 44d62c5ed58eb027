"""Errors cross process boundaries (batch workers, Dask) with every part intact."""

from __future__ import annotations

import pickle

import pytest

from generator.catalogue import message
from generator.errors import (AmbiguousDocument, CaseError, InputError, PdfError, StatementParseError,
                              UnrecognizedDocument)


@pytest.mark.parametrize("cls", [InputError, PdfError, UnrecognizedDocument, AmbiguousDocument,
                                 StatementParseError, CaseError])
def test_input_errors_pickle_with_their_location(cls: type[InputError]) -> None:
    err = cls("statements/x.pdf", "parse.amount", page=3, row=12, text="1,2O3.00", column="交易金额")
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is cls
    assert (back.file, back.message, back.page, back.row) == (
        "statements/x.pdf", "cannot parse amount '1,2O3.00' in column 交易金额", 3, 12)
    assert str(back) == str(err) == "statements/x.pdf:p3:r12: cannot parse amount '1,2O3.00' in column 交易金额"
    assert back.render("zh") == "statements/x.pdf:p3:r12: 交易金额 列的金额 '1,2O3.00' 无法识别"


def test_input_error_without_page_pickles() -> None:
    back = pickle.loads(pickle.dumps(CaseError("case.toml", "case.key", key="[borrower]", problem=message("case.missing_table"))))
    assert (back.page, back.row, str(back)) == (None, None, "case.toml: [borrower]: missing table")
