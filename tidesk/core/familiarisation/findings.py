"""Findings: passages of what was said, marked as facilitators (what helps) or barriers (what gets in the way),
tagged with the programme's themes, principles and MAT standards, and gathered on a board.

The board's counts of findings are counts of passages; how many people raised a theme is a count about
people, so it goes through ``core/privacy.py`` like every other.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from sqlalchemy import select

from tidesk.core import privacy
from tidesk.core.changes import AddRow, Batch, Change, Remove, SetFields
from tidesk.core.db import Tag, new_uuid
from tidesk.core.errors import TideskError
from tidesk.core.familiarisation.conversations import MeetingData, list_meetings
from tidesk.core.familiarisation.models import FINDING_KINDS, FamiliarisationFinding, FamiliarisationNote
from tidesk.core.programme import Theme, known_tag
from tidesk.core.tags import set_tags
from tidesk.core.workspace import Workspace

KIND_LABELS = {"facilitator": "What helps", "barrier": "What gets in the way"}
NO_THEME = 0  # the board's column for findings not yet given a theme
MAX_PASSAGE = 2000
FINDING_FIELDS = {"kind", "wording", "role", "quote"}


@dataclass(frozen=True)
class FindingData:
    uuid: str
    note_uuid: str
    meeting_uuid: str
    kind: str
    start: int
    passage: str
    wording: str
    role: str
    quote: bool
    tags: frozenset[str] = field(default=frozenset())
    question_id: str = ""

    @property
    def themes(self) -> tuple[int, ...]:
        return tuple(sorted(int(t.partition(":")[2]) for t in self.tags if t.startswith("theme:")))

    @property
    def principles(self) -> tuple[str, ...]:
        return tuple(sorted(t.partition(":")[2] for t in self.tags if t.startswith("principle:")))

    @property
    def text(self) -> str:
        """The finding in the lead's words, or the passage itself."""
        return self.wording.strip() or self.passage


def list_findings(ws: Workspace) -> list[FindingData]:
    """Every live finding, in the order they were marked, with its tags and where it came from."""
    with ws.read() as session:
        rows = session.execute(
            select(FamiliarisationFinding, FamiliarisationNote.meeting_uuid, FamiliarisationNote.question_id)
            .join(FamiliarisationNote, FamiliarisationNote.uuid == FamiliarisationFinding.note_uuid)
            .order_by(FamiliarisationFinding.id)
        ).all()
        tags: dict[str, set[str]] = {}
        for tag in session.scalars(select(Tag).where(Tag.target_table == "familiarisation_finding")):
            tags.setdefault(tag.target, set()).add(f"{tag.family}:{tag.code}")
        return [
            FindingData(
                row.uuid,
                row.note_uuid,
                meeting,
                row.kind,
                row.start,
                row.passage,
                row.wording,
                row.role,
                row.quote,
                frozenset(tags.get(row.uuid, ())),
                question,
            )
            for row, meeting, question in rows
        ]


def locate(finding: FindingData, text: str) -> tuple[int, int] | None:
    """Where the finding's passage is in the note's text now (nearest to where it was marked), or None when
    the note has since been changed so that the words are no longer there."""
    if not finding.passage:
        return None
    places = []
    at = text.find(finding.passage)
    while at != -1:
        places.append(at)
        at = text.find(finding.passage, at + 1)
    if not places:
        return None
    best = min(places, key=lambda place: abs(place - finding.start))
    return best, best + len(finding.passage)


# ---- changes ---------------------------------------------------------------------------------------------


def _check_kind(kind: str) -> str:
    if kind not in FINDING_KINDS:
        raise TideskError("a finding is something that helps (a facilitator) or something in the way (a barrier)")
    return kind


def _check_tags(tags: Iterable[str]) -> frozenset[str]:
    found = frozenset(tags)
    unknown = sorted(tag for tag in found if not known_tag(tag))
    if unknown:
        raise TideskError(f"these are not the programme's themes, principles or MAT standards: {', '.join(unknown)}")
    return found


def mark_finding(
    note_uuid: str,
    start: int,
    passage: str,
    kind: str,
    tags: Iterable[str] = (),
    *,
    role: str = "",
    wording: str = "",
    uuid: str | None = None,
) -> Change:
    """Mark a passage of a note as a finding, with its tags, in one undo step."""
    words = passage.strip()
    if not words:
        raise TideskError("select the words that say what helps or what gets in the way, then mark them")
    if len(words) > MAX_PASSAGE:
        raise TideskError(f"a finding's passage can be at most {MAX_PASSAGE:,} characters; select a shorter part")
    lead = len(passage) - len(passage.lstrip())
    finding = uuid or new_uuid()
    values = {
        "uuid": finding,
        "note_uuid": note_uuid,
        "kind": _check_kind(kind),
        "start": max(0, start + lead),
        "passage": words,
        "wording": wording.strip(),
        "role": role.strip(),
        "quote": False,
    }
    made: list[Change] = [AddRow("familiarisation_finding", values)]
    chosen = _check_tags(tags)
    if chosen:
        made.append(set_tags("familiarisation_finding", finding, chosen))
    return Batch(tuple(made))


def edit_finding(uuid: str, **changes: object) -> Change:
    unknown = set(changes) - FINDING_FIELDS
    if unknown:
        raise ValueError(f"unknown finding fields: {sorted(unknown)}")
    tidy = {key: value.strip() if isinstance(value, str) else value for key, value in changes.items()}
    if "kind" in tidy:
        _check_kind(str(tidy["kind"]))
    if "quote" in tidy:
        tidy["quote"] = bool(tidy["quote"])
    return SetFields("familiarisation_finding", uuid, tidy)


def tag_finding(uuid: str, tags: Iterable[str]) -> Change:
    return set_tags("familiarisation_finding", uuid, _check_tags(tags))


def remove_finding(uuid: str) -> Change:
    return Remove("familiarisation_finding", (uuid,))


# ---- the board -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    """What the board shows: every filter left empty shows everything."""

    kind: str = ""
    principle: str = ""
    role: str = ""
    meeting: str = ""

    def keeps(self, finding: FindingData) -> bool:
        return (
            (not self.kind or finding.kind == self.kind)
            and (not self.principle or f"principle:{self.principle}" in finding.tags)
            and (not self.role or finding.role == self.role)
            and (not self.meeting or finding.meeting_uuid == self.meeting)
        )


@dataclass(frozen=True)
class Column:
    """One theme's findings on the board, and how many people raised them (protected)."""

    theme: int  # 1 to 9, or NO_THEME
    title: str
    findings: tuple[FindingData, ...]
    people: privacy.Cell

    @property
    def facilitators(self) -> tuple[FindingData, ...]:
        return tuple(f for f in self.findings if f.kind == "facilitator")

    @property
    def barriers(self) -> tuple[FindingData, ...]:
        return tuple(f for f in self.findings if f.kind == "barrier")


THEME_NUMBERS = tuple(theme.number for theme in Theme)


def theme_title(theme: int) -> str:
    return "Not given a theme yet" if theme == NO_THEME else Theme(str(theme)).label


def people_behind(
    findings: Sequence[FindingData], meetings: dict[str, MeetingData], rule: privacy.Rule
) -> privacy.Cell:
    """How many people took part in the conversations these findings came from, under the small-number rule
    (a person in two conversations counts twice: the notes keep no names to tell)."""
    used = {finding.meeting_uuid for finding in findings}
    return privacy.count(sum(meetings[m].people for m in used if m in meetings), rule)


def board(
    findings: Sequence[FindingData], meetings: Sequence[MeetingData], rule: privacy.Rule, filters: Filters = Filters()
) -> list[Column]:
    """The findings grouped by theme (a finding with several themes is in each of their columns)."""
    by_uuid = {meeting.uuid: meeting for meeting in meetings}
    kept = [finding for finding in findings if filters.keeps(finding)]
    columns = []
    for theme in [*THEME_NUMBERS, NO_THEME]:
        found = tuple(f for f in kept if theme in f.themes or (theme == NO_THEME and not f.themes))
        if theme == NO_THEME and not found:
            continue
        columns.append(Column(theme, theme_title(theme), found, people_behind(found, by_uuid, rule)))
    return columns


def read_board(ws: Workspace, filters: Filters = Filters()) -> list[Column]:
    return board(list_findings(ws), list_meetings(ws), privacy.rule_for(ws), filters)


def with_tags(finding: FindingData, tags: Iterable[str]) -> FindingData:
    return replace(finding, tags=frozenset(tags))


def held_on(finding: FindingData, meetings: dict[str, MeetingData]) -> date | None:
    meeting = meetings.get(finding.meeting_uuid)
    return None if meeting is None else meeting.held_on
