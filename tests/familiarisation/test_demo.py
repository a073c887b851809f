"""The demo's phase 1: enough of everything to explore, real passages at their places, and volume that scales."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tidesk.core.demo import write_demo
from tidesk.core.familiarisation import progress
from tidesk.core.familiarisation.conversations import GUIDE_ID, guide_prompts, list_meetings, notes_of
from tidesk.core.familiarisation.demo import CONVERSATIONS, DOCUMENTS, GUIDE_VERSION
from tidesk.core.familiarisation.findings import THEME_NUMBERS, list_findings
from tidesk.core.familiarisation.readiness import readiness
from tidesk.core.forms.library import shipped_catalogue
from tidesk.core.programme import known_tag
from tidesk.core.workspace import Workspace


def _open(path: Path) -> Workspace:
    return Workspace.open(path, before_migration=lambda _p: None)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    path = tmp_path_factory.mktemp("demo") / "demo.tidesk"
    write_demo(path)
    with _open(path) as ws:
        yield ws


def test_the_demo_meets_its_targets(demo: Workspace) -> None:
    found = progress(demo)
    assert 8 <= found.conversations <= 12
    assert found.findings >= 40
    assert found.documents == 15
    assert found.themes_judged >= 6

    meetings = list_meetings(demo)
    assert {m.group_kind for m in meetings} == {"individual", "group"}
    assert {m.setting for m in meetings} == {"in person", "online", "phone"}
    assert all(m.guide_id == GUIDE_ID and m.guide_version == GUIDE_VERSION for m in meetings)
    assert all(m.participants for m in meetings)
    people = [p for m in meetings for p in m.participants]
    assert all(p.role and p.organisation and not p.name for p in people)
    organisations = " ".join(p.organisation for p in people)
    for partner in ("Medical Practice", "Pharmacy", "Mental Health Team", "HMP", "Housing", "Recovery Café"):
        assert partner in organisations


def test_notes_answer_the_discussion_guide(demo: Workspace) -> None:
    entry = shipped_catalogue().find(GUIDE_ID, GUIDE_VERSION)
    assert entry is not None
    prompts = {prompt.id for prompt in guide_prompts(entry.definition)}
    notes = notes_of(demo)
    answered = [note.question_id for note in notes if note.question_id]
    assert set(answered) <= prompts
    assert len(set(answered)) >= 12
    assert any(not note.question_id for note in notes)  # free notes too
    assert all(note.text.strip() for note in notes)


def test_every_passage_is_at_its_start_in_its_note(demo: Workspace) -> None:
    texts = {note.uuid: note.text for note in notes_of(demo)}
    findings = list_findings(demo)
    for finding in findings:
        text = texts[finding.note_uuid]
        assert text[finding.start : finding.start + len(finding.passage)] == finding.passage
        assert finding.role and finding.wording
        assert finding.themes and all(known_tag(tag) for tag in finding.tags)
    assert sum(1 for f in findings if f.principles) >= len(findings) - 3
    assert {f.kind for f in findings} == {"facilitator", "barrier"}
    assert any(tag.startswith("mat:") for f in findings for tag in f.tags)
    assert 3 <= sum(f.quote for f in findings) <= len(findings) // 3


def test_all_nine_themes_have_findings_and_most_are_judged(demo: Workspace) -> None:
    themes = readiness(demo)
    assert [t.theme for t in themes] == list(THEME_NUMBERS)
    for theme in themes:
        assert theme.facilitators or theme.barriers, theme.title
    judged = [t for t in themes if t.judged]
    assert len(judged) >= 6 and all(t.judgement for t in judged)
    asked = [t for t in themes if t.questions]
    assert len(asked) >= 6 and all(1 <= len(t.questions) <= 3 for t in asked)


def test_documents_have_a_mix_of_review_states(demo: Workspace) -> None:
    from datetime import date

    from tidesk.core.familiarisation.report import report_data

    states = {d.lens for d in report_data(demo, today=date(2026, 12, 1)).documents}
    assert states == {"done", "due", "overdue", "none planned"}


def test_scale_multiplies_the_volume(tmp_path: Path) -> None:
    one = write_demo(tmp_path / "one.tidesk")
    two = write_demo(tmp_path / "two.tidesk", scale=2)
    for table in ("familiarisation_meeting", "familiarisation_participant", "familiarisation_note"):
        assert two[table] == 2 * one[table]
    for table in ("familiarisation_finding", "service_document", "tag"):
        assert two[table] == 2 * one[table]
    assert one["familiarisation_meeting"] == len(CONVERSATIONS)
    assert one["service_document"] == len(DOCUMENTS)
    assert two["familiarisation_readiness"] == one["familiarisation_readiness"]  # one judgement per theme
    with _open(tmp_path / "two.tidesk") as ws:
        titles = [m.title for m in list_meetings(ws)]
        assert len(set(titles)) == len(titles)
