"""``progress(done, total)``: called as rows are converted, so the GUI can show a bar and cancel by raising
from inside it. The exception goes through as it is, and nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.forms.test_xlsform import write_xlsform
from tidesk.core.forms.xlsform import convert, convert_file


class Cancelled(Exception):
    pass


def big_form(path: Path, questions: int = 300) -> Path:
    rows = [("type", "name", "label"), *(("integer", f"q{i}", f"Question {i}") for i in range(questions))]
    return write_xlsform(path, {"survey": rows})


def test_progress_rises_to_its_total(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    form = convert(big_form(tmp_path / "big.xlsx"), lambda done, total: calls.append((done, total)))
    assert len(form.items) == 300
    totals = {total for _done, total in calls}
    assert totals == {602}  # two steps a row, and two for writing and checking the YAML
    done = [d for d, _total in calls]
    assert done == sorted(done) and done[0] == 0 and done[-1] == 602 and len(set(done)) == len(done)
    assert 50 < len(calls) < 120  # about a hundred calls: often enough for a bar, not so often it slows


@pytest.mark.parametrize("at", [0, 1, 150, 601, 602])
def test_raising_from_progress_cancels_and_nothing_is_written(tmp_path: Path, at: int) -> None:
    source = big_form(tmp_path / "big.xlsx")

    def cancel(done: int, total: int) -> None:
        if done >= at:
            raise Cancelled

    with pytest.raises(Cancelled):
        convert_file(source, progress=cancel)
    assert [p.name for p in tmp_path.iterdir()] == ["big.xlsx"]
    assert convert_file(source).name == "big.v1.yaml"  # and it converts when left to finish


def test_a_refused_form_stops_before_its_progress_ends(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    rows = [("type", "name", "label"), ("geopoint", "where", "Where?"), ("text", "a", "A")]
    with pytest.raises(Exception, match="geopoint"):
        convert(write_xlsform(tmp_path / "bad.xlsx", {"survey": rows}), lambda d, t: calls.append((d, t)))
    assert calls and calls[-1][0] < calls[-1][1]
