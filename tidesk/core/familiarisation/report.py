"""What the familiarisation report shows, read from the workspace as plain data (the report never queries it).

Two rules hold for everything read here:

- **No names.** Any name recorded for a participant is taken out of every piece of text the report prints
  (findings, quotes, judgements, questions, documents), replaced by “[name]”; names themselves never leave.
- **Small numbers.** Counts of people go through ``core/privacy.py``. The counts by role and by organisation
  come from one protected table (role by organisation) whose row and column totals are the two lists, so
  the grand total both lists share is withheld in both or shown in both, and no withheld figure can be
  worked out from the two lists together. How many people raised a theme is ``findings.people_behind``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from tidesk.core import privacy
from tidesk.core.db import INCLUDE_REMOVED
from tidesk.core.familiarisation.conversations import MeetingData, list_meetings
from tidesk.core.familiarisation.findings import FindingData, list_findings, people_behind
from tidesk.core.familiarisation.models import DOCUMENT_KINDS, FamiliarisationParticipant, ServiceDocument
from tidesk.core.familiarisation.readiness import ThemeReadiness, readiness
from tidesk.core.programme import Principle
from tidesk.core.workspace import Workspace

NAME_MARK = "[name]"
ROLE_NOT_GIVEN = "Role not given"
ORGANISATION_NOT_GIVEN = "Organisation not given"
QUOTE_LENGTH = 280  # a quote longer than this is shortened at a word, with an ellipsis
# Parts of a name not taken out on their own: titles, and the small words many names carry ("an", "de").
NOT_ALONE = frozenset(
    {"dr", "mr", "mrs", "ms", "mx", "miss", "prof", "rev", "sir", "mac", "mc", "nic", "ni", "an", "na", "de", "di",
     "da", "du", "des", "del", "der", "den", "van", "von", "le", "la", "bin", "ibn", "ben", "ap", "o"}
)  # fmt: skip

# Where a document's review through a trauma lens stands.
LENS_DONE, LENS_DUE, LENS_OVERDUE, LENS_NONE = "done", "due", "overdue", "none planned"


@dataclass(frozen=True)
class ConversationSummary:
    count: int
    first: date | None
    last: date | None
    by_kind: dict[str, int]  # "individual" / "group": how many conversations
    by_setting: dict[str, int]  # "in person" / "online" / "phone"


@dataclass(frozen=True)
class PeopleCount:
    label: str
    people: privacy.Cell


@dataclass(frozen=True)
class FindingLine:
    text: str
    principles: tuple[str, ...]  # the principles' labels, in the programme's order
    standards: tuple[int, ...]  # MAT standards


@dataclass(frozen=True)
class ThemeFindings:
    theme: int
    title: str
    people: privacy.Cell  # how many people took part in the conversations these findings came from
    facilitators: tuple[FindingLine, ...]
    barriers: tuple[FindingLine, ...]
    helps_quote: str  # "" when the lead chose none
    hinders_quote: str

    @property
    def anything(self) -> bool:
        return bool(self.facilitators or self.barriers)


@dataclass(frozen=True)
class DocumentLine:
    title: str
    kind: str
    owner: str
    reviewed_on: date | None
    lens: str  # LENS_DONE, LENS_DUE, LENS_OVERDUE or LENS_NONE
    lens_on: date | None  # when it was read through a trauma lens, or when that is due


@dataclass(frozen=True)
class ReadinessLine:
    theme: int
    title: str
    level: int | None
    level_words: str
    judgement: str


@dataclass(frozen=True)
class ThemeQuestions:
    theme: int
    title: str
    questions: tuple[str, ...]


@dataclass(frozen=True)
class FamiliarisationReportData:
    """Everything the familiarisation report prints, with names taken out and counts of people protected."""

    today: date
    rule: privacy.Rule
    conversations: ConversationSummary
    people: privacy.Cell | None  # everyone who took part (None when nobody is recorded)
    roles: tuple[PeopleCount, ...]
    organisations: tuple[PeopleCount, ...]
    themes: tuple[ThemeFindings, ...]
    facilitators: int  # findings that say what helps, each once whatever its themes
    barriers: int
    unthemed: int  # findings not given a theme yet
    documents: tuple[DocumentLine, ...]
    readiness: tuple[ReadinessLine, ...]
    questions: tuple[ThemeQuestions, ...]


# ---- names --------------------------------------------------------------------------------------------


def name_remover(names: Iterable[str]) -> Callable[[str], str]:
    """A function that replaces every one of these names in a text with “[name]”: each whole name, and each
    run of two or more of its words (“Mac an t-Saoir”), in any case; and each part of it (“Morag”, “MacLeod”)
    as it is written or capitalised. Parts keep their case so that a name such as Hope or Ward leaves the
    words hope and ward alone; titles and the small words of names (“Dr”, “an”, “de”) are not taken out on
    their own."""
    whole: set[str] = set()
    parts: set[str] = set()
    for name in names:
        tidy = " ".join(name.split())
        if not tidy:
            continue
        words = tidy.split(" ")
        whole.update(" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 2, len(words) + 1))
        whole.add(tidy)
        for part in re.split(r"[\s\-]+", tidy):
            bare = part.strip(".,'’()")
            if len(bare) >= 2 and bare.casefold() not in NOT_ALONE:
                parts.add(bare[0].upper() + bare[1:])  # as written, or capitalised: never a lower-case word
    if not whole:
        return lambda text: text

    def pattern(words: set[str], flags: int) -> re.Pattern[str]:
        ordered = sorted(words, key=lambda w: (-len(w), w))
        return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in ordered) + r")(?!\w)", flags)

    wholes, pieces = pattern(whole, re.IGNORECASE), pattern(parts, 0) if parts else None

    def remove(text: str) -> str:
        text = wholes.sub(NAME_MARK, text)
        return pieces.sub(NAME_MARK, text) if pieces is not None else text

    return remove


def _participant_names(ws: Workspace) -> list[str]:
    """Every name ever recorded for a participant, removed ones too (their words may still be in notes)."""
    with ws.read() as session:
        query = select(FamiliarisationParticipant.name).execution_options(**{INCLUDE_REMOVED: True})
        return [name for name in session.scalars(query) if name.strip()]


# ---- who was heard ------------------------------------------------------------------------------------


def _summary(meetings: Sequence[MeetingData]) -> ConversationSummary:
    days = [meeting.held_on for meeting in meetings]
    return ConversationSummary(
        len(meetings),
        min(days, default=None),
        max(days, default=None),
        dict(Counter(meeting.group_kind for meeting in meetings)),
        dict(Counter(meeting.setting for meeting in meetings)),
    )


def _label_key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _who(
    meetings: Sequence[MeetingData], rule: privacy.Rule, scrub: Callable[[str], str]
) -> tuple[privacy.Cell | None, tuple[PeopleCount, ...], tuple[PeopleCount, ...]]:
    """People by role and by organisation: the row and column totals of one protected table, so the two
    lists and their shared total are protected together. Roles written differently only in case or spacing
    are one role; the lists are in alphabetical order, which says nothing about the sizes."""
    labels: dict[str, str] = {}
    counts: dict[str, Counter[str]] = {}
    for meeting in meetings:
        for person in meeting.participants:
            role = _label_key(person.role) or _label_key(ROLE_NOT_GIVEN)
            organisation = _label_key(person.organisation) or _label_key(ORGANISATION_NOT_GIVEN)
            labels.setdefault(role, scrub(" ".join(person.role.split())) or ROLE_NOT_GIVEN)
            labels.setdefault(organisation, scrub(" ".join(person.organisation.split())) or ORGANISATION_NOT_GIVEN)
            counts.setdefault(role, Counter())[organisation] += person.people
    if not counts:
        return None, (), ()
    grid = {role: dict(counts[role]) for role in sorted(counts)}
    protected = privacy.table(grid, rule)
    roles = tuple(PeopleCount(labels[role], protected.row_totals[role]) for role in protected.rows)
    columns = sorted(protected.columns, key=lambda key: labels[key].casefold())
    organisations = tuple(PeopleCount(labels[key], protected.column_totals[key]) for key in columns)
    return protected.total, roles, organisations


# ---- findings by theme --------------------------------------------------------------------------------

PRINCIPLE_ORDER = [principle.value for principle in Principle]


def _line(finding: FindingData, scrub: Callable[[str], str]) -> FindingLine:
    principles = sorted(finding.principles, key=PRINCIPLE_ORDER.index)
    standards = sorted(int(tag.partition(":")[2]) for tag in finding.tags if tag.startswith("mat:"))
    return FindingLine(scrub(finding.text), tuple(Principle(p).label for p in principles), tuple(standards))


def shorten(text: str, limit: int = QUOTE_LENGTH) -> str:
    """The text, or its beginning up to a word and an ellipsis when it is longer than ``limit``."""
    words = " ".join(text.split())
    if len(words) <= limit:
        return words
    cut = words[: limit + 1].rsplit(" ", 1)[0].rstrip(",;:.–- ")
    return cut + "…"


def _quote(findings: Sequence[FindingData], scrub: Callable[[str], str]) -> str:
    """One short quote among the findings the lead chose as quotes: the first short enough, else the shortest."""
    chosen = [finding.passage for finding in findings if finding.quote and finding.passage.strip()]
    if not chosen:
        return ""
    short = next((words for words in chosen if len(words) <= QUOTE_LENGTH), min(chosen, key=len))
    return shorten(scrub(short))


def _themes(
    judged: Sequence[ThemeReadiness],
    meetings: dict[str, MeetingData],
    rule: privacy.Rule,
    scrub: Callable[[str], str],
) -> tuple[ThemeFindings, ...]:
    return tuple(
        ThemeFindings(
            theme.theme,
            theme.title,
            people_behind([*theme.facilitators, *theme.barriers], meetings, rule),
            tuple(_line(f, scrub) for f in theme.facilitators),
            tuple(_line(f, scrub) for f in theme.barriers),
            _quote(theme.facilitators, scrub),
            _quote(theme.barriers, scrub),
        )
        for theme in judged
    )


# ---- documents ----------------------------------------------------------------------------------------


def lens_state(reviewed: date | None, due: date | None, today: date) -> tuple[str, date | None]:
    """Where a document's trauma-lens review stands: overdue when its due date has passed with no review
    since, done once reviewed, due while a date lies ahead, and none planned otherwise."""
    if due is not None and due < today and (reviewed is None or reviewed < due):
        return LENS_OVERDUE, due
    if reviewed is not None:
        return LENS_DONE, reviewed
    if due is not None:
        return LENS_DUE, due
    return LENS_NONE, None


def _kind_order(kind: str) -> int:
    return DOCUMENT_KINDS.index(kind) if kind in DOCUMENT_KINDS else len(DOCUMENT_KINDS)


def _documents(ws: Workspace, today: date, scrub: Callable[[str], str]) -> tuple[DocumentLine, ...]:
    """The documents register, by kind and then title (read here: the report needs only these fields)."""
    with ws.read() as session:
        rows = session.execute(
            select(
                ServiceDocument.title,
                ServiceDocument.kind,
                ServiceDocument.owner,
                ServiceDocument.reviewed_on,
                ServiceDocument.lens_reviewed_on,
                ServiceDocument.lens_review_due,
            )
        ).all()
    lines = [
        DocumentLine(scrub(title), kind, scrub(owner), reviewed, *lens_state(lens_on, due, today))
        for title, kind, owner, reviewed, lens_on, due in rows
    ]
    return tuple(sorted(lines, key=lambda d: (_kind_order(d.kind), d.title.casefold())))


# ---- the whole report ---------------------------------------------------------------------------------


def report_data(ws: Workspace, today: date | None = None) -> FamiliarisationReportData:
    day = today or date.today()
    rule = privacy.rule_for(ws)
    scrub = name_remover(_participant_names(ws))
    meetings = list_meetings(ws)
    findings = list_findings(ws)
    judged = readiness(ws, findings)
    by_uuid = {meeting.uuid: meeting for meeting in meetings}
    people, roles, organisations = _who(meetings, rule, scrub)
    return FamiliarisationReportData(
        today=day,
        rule=rule,
        conversations=_summary(meetings),
        people=people,
        roles=roles,
        organisations=organisations,
        themes=_themes(judged, by_uuid, rule, scrub),
        facilitators=sum(1 for finding in findings if finding.kind == "facilitator"),
        barriers=sum(1 for finding in findings if finding.kind == "barrier"),
        unthemed=sum(1 for finding in findings if not finding.themes),
        documents=_documents(ws, day, scrub),
        readiness=tuple(
            ReadinessLine(t.theme, t.title, t.level, t.level_words, scrub(t.judgement.strip())) for t in judged
        ),
        questions=tuple(
            ThemeQuestions(t.theme, t.title, tuple(scrub(q.text) for q in t.questions)) for t in judged if t.questions
        ),
    )
