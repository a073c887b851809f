"""Form definitions: the format, every error with its line, and round trips (hypothesis)."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tidesk.core.forms import FormErrors, parse
from tidesk.core.forms.library import check_files, read_folder
from tidesk.core.forms.model import AnsweredBy, Kind
from tidesk.core.forms.writer import as_data, dump
from tidesk.core.programme import Principle

GOOD = """\
form: sample
version: 1
title: A sample form
answered_by: group
scales:
  readiness:
    min: 0
    max: 4
    labels: {0: Not in place, 1: Talked about, 2: Starting, 3: In place, 4: Embedded}
sections:
  - id: one
    title: First
    items:
      - id: q-scale
        kind: scale
        scale: readiness
        text: A scale
        dont_know: true
        tags: [theme:1, principle:safety, mat:10]
      - id: q-choice
        kind: single_choice
        text: Pick one
        choices: [Red, Green]
scoring:
  group_by: [theme]
"""


def problems_of(text: str) -> list[str]:
    with pytest.raises(FormErrors) as caught:
        parse(text, "f.yaml")
    return [str(p) for p in caught.value.problems]


def test_a_good_form_loads() -> None:
    form = parse(GOOD)
    assert form.answered_by == AnsweredBy.GROUP and [i.id for i in form.items] == ["q-scale", "q-choice"]
    assert form.item("q-scale").scale is not None and form.item("q-choice").choices[1].value == "green"


@pytest.mark.parametrize(
    ("change", "line", "words"),
    [
        (("      - id: q-choice", "      - id: q-scale"), 20, "already used on line 14"),
        (("kind: single_choice", "kind: slider"), 21, "not a known kind"),
        (
            ("    labels: {0: Not in place, 1: Talked about, 2: Starting, 3: In place, 4: Embedded}\n", ""),
            7,
            "needs 'labels'",
        ),
        (("theme:1, principle", "theme:12, principle"), 19, "'theme:12' is not a tag"),
        (("version: 1", "version: 0"), 2, "whole number from 1 to"),
        (("version: 1", "version: 2147483648"), 2, "whole number from 1 to 2,147,483,647"),
        (("title: First", "title: First\n    colour: blue"), 13, "unknown field 'colour'"),
        (("choices: [Red, Green]", "choices: [Red, Red]"), 23, "appears more than once"),
        (("        dont_know: true", "        dont_know: maybe"), 18, "yes or no"),
    ],
)
def test_each_mistake_is_named_with_its_line(change: tuple[str, str], line: int, words: str) -> None:
    found = problems_of(GOOD.replace(*change, 1))
    assert any(p.startswith(f"f.yaml:{line}: ") and words in p for p in found), found


def test_bad_yaml_syntax_names_the_line() -> None:
    found = problems_of(GOOD.replace("title: First", "title: [First"))
    assert len(found) == 1 and found[0].startswith("f.yaml:") and "not valid YAML" in found[0]


def test_a_version_that_went_down_or_was_not_raised(tmp_path: Path) -> None:
    (tmp_path / "shipped").mkdir()
    (tmp_path / "shipped" / "sample.v2.yaml").write_text(GOOD.replace("version: 1", "version: 2"))
    shipped = read_folder(tmp_path / "shipped")
    lower = tmp_path / "lower.yaml"
    lower.write_text(GOOD)
    same_version = tmp_path / "same.yaml"
    same_version.write_text(GOOD.replace("version: 1", "version: 2").replace("A scale", "A changed scale"))
    found = [str(p) for p in check_files([lower, same_version], against=shipped)]
    assert f"{lower}:2: the version went down" in found[0]
    assert f"{same_version}:2: version 2 of 'sample' already exists" in found[1] and "version 3" in found[1]


def test_a_broken_file_is_skipped_and_the_rest_load(tmp_path: Path) -> None:
    (tmp_path / "good.yaml").write_text(GOOD)
    (tmp_path / "broken.yaml").write_text(GOOD.replace("kind: scale", "kind: dial"))
    catalogue = read_folder(tmp_path)
    assert [e.definition.id for e in catalogue.entries] == ["sample"]
    assert catalogue.skipped and str(catalogue.skipped[0]).startswith(f"{tmp_path / 'broken.yaml'}:")


def test_the_shipped_forms_pass_the_check() -> None:
    from tidesk.core.forms.library import shipped_folder

    files = sorted(shipped_folder().glob("*.yaml"))
    assert check_files(files) == []


# ---- property tests ------------------------------------------------------------------------------

ids = st.text(alphabet=string.ascii_lowercase + string.digits + "-", min_size=0, max_size=10).map(lambda s: "i" + s)
words = st.text(alphabet=string.ascii_letters + " ,.'’éłà", min_size=1, max_size=40).filter(lambda s: s.strip())


@st.composite
def items(draw: st.DrawFn, item_id: str) -> dict[str, object]:
    kind = draw(st.sampled_from([k for k in Kind]))
    item: dict[str, object] = {"id": item_id, "kind": kind.value, "text": draw(words).strip()}
    if kind == Kind.SCALE:
        low = draw(st.integers(0, 1))
        high = draw(st.integers(low + 1, low + 10))
        item["scale"] = {"min": low, "max": high, "labels": {p: f"Point {p}" for p in range(low, high + 1)}}
    if kind in (Kind.SINGLE_CHOICE, Kind.MULTIPLE_CHOICE):
        labels = draw(
            st.lists(
                st.sampled_from(["Yes", "No", "Often", "Rarely", "Nurse", "GP"]), min_size=1, max_size=6, unique=True
            )
        )
        item["choices"] = labels
    if kind == Kind.NUMBER and draw(st.booleans()):
        item["min"], item["max"] = 0, draw(st.integers(0, 100))
    if kind in (Kind.SCALE, Kind.NUMBER, Kind.YES_NO, Kind.SINGLE_CHOICE) and draw(st.booleans()):
        item["dont_know"] = True
    if kind != Kind.NOTE and draw(st.booleans()):
        item["tags"] = [f"theme:{draw(st.integers(1, 9))}", f"principle:{draw(st.sampled_from(list(Principle)))}"]
    return item


@st.composite
def definitions(draw: st.DrawFn) -> dict[str, object]:
    item_ids = draw(st.lists(ids, min_size=1, max_size=12, unique=True))
    cut = draw(st.integers(1, len(item_ids)))
    groups = [item_ids[:cut], item_ids[cut:]] if cut < len(item_ids) else [item_ids]
    return {
        "form": draw(ids),
        "version": draw(st.integers(1, 50)),
        "title": draw(words).strip(),
        "answered_by": draw(st.sampled_from([a.value for a in AnsweredBy])),
        "anonymous": draw(st.booleans()),
        "sections": [
            {"id": f"s{n}", "title": f"Section {n}", "items": [draw(items(i)) for i in group]}
            for n, group in enumerate(groups)
        ],
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(definitions())
def test_random_valid_definitions_round_trip(data: dict[str, object]) -> None:
    form = parse(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    again = parse(dump(form, "a header\nof two lines"))
    assert again == form
    assert as_data(again) == as_data(form)


MUTATIONS = [
    lambda d: d["sections"][0]["items"][0].__setitem__("kind", "hologram"),
    lambda d: d["sections"][0]["items"].append(dict(d["sections"][0]["items"][0])),
    lambda d: d["sections"][0]["items"][0].__setitem__("tags", ["theme:0"]),
    lambda d: d.__setitem__("version", -3),
    lambda d: d.pop("title"),
    lambda d: d["sections"][0].__setitem__("items", []),
    lambda d: d["sections"][0]["items"][0].__setitem__("surprise", 1),
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(definitions(), st.sampled_from(range(len(MUTATIONS))), st.integers(0, 10_000))
def test_random_malformed_definitions_give_file_line_errors(data: dict[str, object], which: int, cut: int) -> None:
    MUTATIONS[which](data)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    for broken in (text, text[: cut % max(1, len(text))]):
        try:
            parse(broken, "m.yaml")
        except FormErrors as exc:
            assert exc.problems
            for problem in exc.problems:
                assert str(problem).startswith("m.yaml:") and problem.line >= 1
