"""A short sample of the mutation fuzzer (tests/fuzz.py; the long run: `python -m tests.fuzz`,
10,000 inputs in about 4 minutes): every mutated PDF or case.toml ends in a result or one of our
errors, never a library's exception, a hang or a crash."""

from __future__ import annotations

import fuzz


def test_mutated_inputs_end_in_a_result_or_our_error() -> None:
    failures = fuzz.run(300, seed=2026)
    assert not failures, "\n\n".join(f"input {f.index} ({f.kind} from {f.source}):\n{f.detail}" for f in failures)


def test_the_mutations_change_the_input() -> None:
    import random

    pdf = fuzz.pdf_sources()[0].read_bytes()
    toml = fuzz.case_sources()[0].read_text(encoding="utf-8")
    assert sum(fuzz.mutate_bytes(pdf, random.Random(i)) != pdf for i in range(50)) >= 45
    assert sum(fuzz.mutate_toml(toml, random.Random(i)) != toml for i in range(50)) >= 45


# Inputs the long run once found failing (seed, index): a text matrix that scales to nothing
# (ZeroDivisionError in pdfium.py/boxes.py), a row whose anchor line lay far from its wrapped
# lines (StopIteration in table.py). They reproduce while the fixtures they mutate are unchanged.
FOUND = [(7, 1293), (7, 1435), (7, 4222)]


def test_inputs_the_long_run_found_now_end_in_our_error(tmp_path: object) -> None:
    from pathlib import Path

    wanted = {index: seed for seed, index in FOUND}
    for seed in sorted(set(wanted.values())):
        for index, kind, source, r in fuzz.inputs(max(wanted) + 1, seed):
            if wanted.get(index) == seed:
                assert fuzz._one(kind, source, r, Path(str(tmp_path))) is None, (seed, index)
