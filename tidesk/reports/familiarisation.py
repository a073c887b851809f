"""The familiarisation report: a summary of phase 1 that a service manager can pass on.

It says who was heard (counts of people protected by the small-number rule, never names), what helps and
what gets in the way under each of the nine themes, the service's documents and their trauma-lens review,
the team's judgement of readiness, and the questions to carry into the lens event. Every section that is
still empty says what will appear there.
"""

from __future__ import annotations

import datetime
import os
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table, TableStyle

from tidesk.core import privacy
from tidesk.core.dates import MONTHS, long_date
from tidesk.core.familiarisation.readiness import LEVELS
from tidesk.core.familiarisation.report import (
    LENS_DONE,
    LENS_DUE,
    LENS_NONE,
    LENS_OVERDUE,
    ConversationSummary,
    DocumentLine,
    FamiliarisationReportData,
    FindingLine,
    PeopleCount,
    ThemeFindings,
)
from tidesk.reports.document import (
    ACCENT,
    ACCENT_TINT,
    FRAME_WIDTH,
    MUTED,
    STYLES,
    DocumentInfo,
    Progress,
    heading,
    para,
    table,
    write_pdf,
)
from tidesk.reports.fonts import FONT, FONT_BOLD, FONT_ITALIC

STYLE = {
    "label": ParagraphStyle(
        "fam_label", STYLES["body"], fontName=FONT_BOLD, spaceBefore=4, spaceAfter=3, keepWithNext=1
    ),
    "item": ParagraphStyle(
        "fam_item",
        STYLES["body"],
        leftIndent=14,
        bulletIndent=2,
        bulletFontName=FONT,
        bulletColor=ACCENT,
        spaceAfter=1,
        keepWithNext=1,
    ),
    "tags": ParagraphStyle("fam_tags", STYLES["body"], fontSize=8, leading=11, textColor=MUTED, leftIndent=14),
    "item_alone": ParagraphStyle(
        "fam_item_alone", STYLES["body"], leftIndent=14, bulletIndent=2, bulletFontName=FONT, bulletColor=ACCENT
    ),
    "quote": ParagraphStyle("fam_quote", STYLES["body"], fontName=FONT_ITALIC, spaceAfter=0),
    "lead": ParagraphStyle("fam_lead", STYLES["muted"], keepWithNext=1),
    "intro": ParagraphStyle("fam_intro", STYLES["body"], keepWithNext=1),
    "question": ParagraphStyle(
        "fam_question", STYLES["body"], leftIndent=20, bulletIndent=2, bulletFontName=FONT_BOLD, bulletColor=ACCENT
    ),
    "number": ParagraphStyle("fam_number", STYLES["cell"], alignment=2),
    "number_head": ParagraphStyle("fam_number_head", STYLES["cell_head"], alignment=2),
    "total": ParagraphStyle("fam_total", STYLES["cell"], fontName=FONT_BOLD),
    "total_number": ParagraphStyle("fam_total_number", STYLES["cell"], fontName=FONT_BOLD, alignment=2),
}
SHORT_MONTHS = tuple(month[:3] for month in MONTHS)
KIND_WORDS = {"individual": ("with one person", "with one person"), "group": ("with a group", "with groups")}
SETTING_WORDS = {"in person": "in person", "online": "online", "phone": "by phone"}


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one}" if n == 1 else f"{n} {many or one + 's'}"


def _join(parts: Sequence[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def short_date(day: datetime.date | None) -> str:
    """ "14 Sep 2023" for a table, kept on one line (no-break spaces)."""
    return "–" if day is None else f"{day.day}\u00a0{SHORT_MONTHS[day.month - 1]}\u00a0{day.year}"


def figure(cell: privacy.Cell, rule: privacy.Rule) -> str:
    """A protected count as it is printed: the number, “fewer than 5”, or the mark for a figure withheld
    so that another cannot be worked out."""
    value = cell.value
    if isinstance(value, privacy.Withheld):
        return f"fewer than {rule.threshold}" if value.small else privacy.Withheld.short
    return f"{value:,}" if isinstance(value, int) else str(cell)


def _protecting(cells: Sequence[privacy.Cell | None]) -> bool:
    return any(c is not None and isinstance(c.value, privacy.Withheld) and not c.value.small for c in cells)


def titled(title: str, body: Flowable, room: float = 50 * mm) -> list[Flowable]:
    """A subheading and the table under it: on the next page when less than ``room`` is left, otherwise
    started here and run on (a heading kept with the whole of a long table would leave a page half empty)."""
    head = heading(title, 1)
    head.keepWithNext = 0
    return [CondPageBreak(room), head, body]


# ---- about this report --------------------------------------------------------------------------------


def _when(summary: ConversationSummary) -> str:
    first, last = summary.first, summary.last
    if first is None or last is None:
        return ""
    if first == last:
        return f"On {long_date(first)}"
    return f"Between {long_date(first)} and {long_date(last)}"


def _how(summary: ConversationSummary) -> str:
    kinds = [
        f"{n} {KIND_WORDS[kind][0 if n == 1 else 1]}" if kind in KIND_WORDS else f"{n} {kind}"
        for kind in ("group", "individual", *sorted(set(summary.by_kind) - set(KIND_WORDS)))
        if (n := summary.by_kind.get(kind, 0))
    ]
    settings = [
        f"{n} {SETTING_WORDS.get(setting, setting)}"
        for setting in ("in person", "online", "phone", *sorted(set(summary.by_setting) - set(SETTING_WORDS)))
        if (n := summary.by_setting.get(setting, 0))
    ]
    return f"{_join(kinds)}; {_join(settings)}"


def _introduction(data: FamiliarisationReportData) -> list[Flowable]:
    story: list[Flowable] = [
        heading("About this report"),
        para(
            "Phase 1 of the programme is about understanding the service as it is now, before any change is "
            "planned. The lead meets staff and partners, one at a time or in groups, to hear how the service "
            "works, how it feels to work in, and what might help or get in the way of becoming trauma-informed. "
            "The service's documents are gathered alongside. This report brings together what has been recorded "
            "so far, to inform the lens event and the improvement plan."
        ),
    ]
    summary = data.conversations
    if summary.count:
        story.append(
            para(
                f"{_when(summary)} the lead held {_plural(summary.count, 'conversation')}: {_how(summary)}. "
                "Nobody is named in this report, and where people's own words are quoted any name has been "
                "taken out."
            )
        )
    else:
        story.append(
            para(
                "No conversations have been recorded yet. Once they are, this section will say when they were "
                "held, with whom and how, and the rest of the report will fill in from what was heard.",
                "muted",
            )
        )
    story.append(_at_a_glance(data))
    return story


def _at_a_glance(data: FamiliarisationReportData) -> Table:
    judged = sum(1 for line in data.readiness if line.level is not None)
    questions = sum(len(theme.questions) for theme in data.questions)
    people = "none recorded yet" if data.people is None else figure(data.people, data.rule)
    rows = [
        ("Conversations", f"{data.conversations.count:,}"),
        ("People who took part", people),
        ("What helps (findings)", f"{data.facilitators:,}"),
        ("What gets in the way (findings)", f"{data.barriers:,}"),
        ("Documents gathered", f"{len(data.documents):,}"),
        ("Themes with a readiness judgement", f"{judged} of {len(data.readiness)}"),
        ("Questions for the lens event", f"{questions:,}"),
    ]
    cells = [[para(label, "cell"), para(value, STYLE["number"])] for label, value in rows]
    return KeepTogether(
        [
            Spacer(1, 2 * mm),
            para("At a glance", STYLE["label"]),
            table(cells, [100 * mm, 45 * mm], header=False),
        ]
    )


# ---- who was heard ------------------------------------------------------------------------------------


def _people_table(first: str, counts: Sequence[PeopleCount], total: privacy.Cell, rule: privacy.Rule) -> Table:
    rows = [[para(first, "cell_head"), para("People", STYLE["number_head"])]]
    rows += [[para(line.label, "cell"), para(figure(line.people, rule), STYLE["number"])] for line in counts]
    rows.append([para("Everyone who took part", STYLE["total"]), para(figure(total, rule), STYLE["total_number"])])
    return table(rows, [110 * mm, 35 * mm])


def _who(data: FamiliarisationReportData) -> list[Flowable]:
    story: list[Flowable] = [heading("Who was heard")]
    if data.people is None:
        return [
            *story,
            para(
                "Nobody has been recorded as taking part yet. Once conversations are recorded with the roles and "
                "organisations of those who took part, this section will count them, by role and by "
                "organisation.",
                "muted",
            ),
        ]
    rule = data.rule
    value = data.people.value
    if isinstance(value, privacy.Withheld) and not value.small:
        total = "The number of people who took part is withheld so that another figure cannot be worked out."
    else:
        total = f"In all, {figure(data.people, rule)} people took part."
    story.append(
        para(
            f"{total} Someone who joined more than one conversation is counted each time, since the notes keep "
            "no names to tell. Only roles and organisations were recorded."
        )
    )
    story += [
        *titled("By role", _people_table("Role", data.roles, data.people, rule)),
        Spacer(1, 2 * mm),
        *titled("By organisation", _people_table("Organisation", data.organisations, data.people, rule)),
        Spacer(1, 3 * mm),
        para(privacy.note(rule), "muted"),
    ]
    cells = [data.people, *(line.people for line in (*data.roles, *data.organisations))]
    if _protecting(cells):
        story.append(para(f"“{privacy.Withheld.short}” marks a figure {privacy.PROTECTING}.", "muted"))
    return story


# ---- findings by theme --------------------------------------------------------------------------------


def _tags(line: FindingLine) -> str:
    parts = list(line.principles)
    if line.standards:
        numbers = [str(n) for n in line.standards]
        parts.append(f"MAT standard{'s' if len(numbers) > 1 else ''} {_join(numbers)}")
    return " · ".join(parts)


def _findings(lines: Sequence[FindingLine]) -> list[Flowable]:
    story: list[Flowable] = []
    for line in lines:
        tags = _tags(line)
        if tags:
            story += [para(line.text, STYLE["item"], bulletText="•"), para(tags, STYLE["tags"])]
        else:
            story.append(para(line.text, STYLE["item_alone"], bulletText="•"))
    return story


def quoted(words: str) -> str:
    """Words in quotation marks, with an ellipsis where the passage begins or ends part of the way through."""
    text = words.strip()
    if text[:1].islower():
        text = "…" + text
    if text[-1:] not in (".", "!", "?", "…"):
        text += "…"
    return f"“{text}”"


def _quote(words: str) -> Table:
    box = Table([[para(quoted(words), STYLE["quote"])]], colWidths=[FRAME_WIDTH - 14 * mm], hAlign="RIGHT")
    box.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), ACCENT_TINT),
                ("LINEBEFORE", (0, 0), (0, -1), 2, ACCENT),
                ("LEFTPADDING", (0, 0), (-1, -1), 9),
                ("RIGHTPADDING", (0, 0), (-1, -1), 9),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return box


def _heard(theme: ThemeFindings, rule: privacy.Rule) -> str:
    value = theme.people.value
    if isinstance(value, privacy.Withheld) and not value.small:
        return "Heard in conversations with a number of people withheld so that another cannot be worked out."
    return f"Heard in conversations with {figure(theme.people, rule)} people in all."


def _side(label: str, lines: Sequence[FindingLine], quote: str, none: str) -> list[Flowable]:
    story: list[Flowable] = [para(label, STYLE["label"])]
    story += _findings(lines) or [para(none, "muted")]
    if quote:
        story += [Spacer(1, 1.5 * mm), _quote(quote), Spacer(1, 2 * mm)]
    return story


def _theme(theme: ThemeFindings, rule: privacy.Rule) -> list[Flowable]:
    story: list[Flowable] = [heading(f"{theme.theme}. {theme.title}", 1)]
    if not theme.anything:
        return [
            *story,
            para(
                "Nothing has been noted under this theme yet. What helps and what gets in the way will appear "
                "here once findings are given this theme.",
                "muted",
            ),
        ]
    story.append(para(_heard(theme, rule), STYLE["lead"]))
    story += _side("What helps", theme.facilitators, theme.helps_quote, "Nothing that helps has been noted yet.")
    story += _side(
        "What gets in the way", theme.barriers, theme.hinders_quote, "Nothing that gets in the way has been noted yet."
    )
    return story


def _themes(data: FamiliarisationReportData) -> list[Flowable]:
    story: list[Flowable] = [
        heading("What helps and what gets in the way"),
        para(
            "For each of the programme's nine themes: what people said helps and what gets in the way, in the "
            "lead's words, with the principles and MAT standards each one touches. A finding can sit under more "
            "than one theme. Quotes are people's own words, chosen by the lead, with any name taken out.",
            STYLE["intro"],
        ),
    ]
    if data.unthemed:
        story.append(
            para(
                f"{_plural(data.unthemed, 'finding has', 'findings have')} not been given a theme yet, so "
                f"{'it is' if data.unthemed == 1 else 'they are'} not shown here.",
                STYLE["lead"],
            )
        )
    if not any(theme.anything for theme in data.themes):
        story.append(
            para(
                "No findings have been recorded yet. Once passages of the notes are marked as what helps or what "
                "gets in the way and given a theme, they will appear here under each of the nine themes.",
                "muted",
            )
        )
        return story
    for theme in data.themes:
        story += _theme(theme, data.rule)
    return story


# ---- documents ----------------------------------------------------------------------------------------


def lens_words(document: DocumentLine) -> str:
    when = short_date(document.lens_on)
    return {
        LENS_DONE: f"Done, {when}",
        LENS_DUE: f"Due by {when}",
        LENS_OVERDUE: f"Overdue since {when}",
        LENS_NONE: "None planned",
    }.get(document.lens, document.lens)


def _documents(data: FamiliarisationReportData) -> list[Flowable]:
    story: list[Flowable] = [heading("The service's documents")]
    if not data.documents:
        return [
            *story,
            para(
                "No documents have been gathered yet. Once policies, procedures, pathways, leaflets, letter "
                "templates and job descriptions are added, they will be listed here with who owns each, when it "
                "was last reviewed, and whether it has been read through a trauma lens.",
                "muted",
            ),
        ]
    states = Counter(document.lens for document in data.documents)
    counted = [
        f"{states[LENS_DONE]} already read through a trauma lens",
        f"{states[LENS_DUE]} due",
        f"{states[LENS_OVERDUE]} overdue",
        f"{states[LENS_NONE]} with no review planned",
    ]
    story.append(
        para(
            f"{_plural(len(data.documents), 'document has', 'documents have')} been gathered: "
            f"{_join(counted)}. Each is to be read through a trauma lens in time, asking how it would feel to "
            "someone who has been through trauma."
        )
    )
    head = ["Document", "Kind", "Owner", "Last reviewed", "Trauma-lens review"]
    rows = [[para(text, "cell_head") for text in head]]
    for document in data.documents:
        lens = lens_words(document)
        rows.append(
            [
                para(document.title, "cell"),
                para(document.kind.capitalize(), "cell"),
                para(document.owner or "–", "cell"),
                para(short_date(document.reviewed_on), "cell"),
                para(lens, STYLE["total"] if document.lens == LENS_OVERDUE else "cell"),
            ]
        )
    widths = [42 * mm, 24 * mm, 33 * mm, 26 * mm, 37 * mm]
    story.append(table(rows, widths))
    return story


# ---- readiness and questions ----------------------------------------------------------------------------


def _readiness(data: FamiliarisationReportData) -> list[Flowable]:
    story: list[Flowable] = [
        heading("Readiness, theme by theme"),
        para(
            "The team's own judgement of how ready the service is to start work on each theme, on a four-step "
            "scale. It describes the service, not anyone in it, and it is weighed with everything above."
        ),
    ]
    if not any(line.level is not None or line.judgement for line in data.readiness):
        return [
            *story,
            para(
                "Readiness has not been judged for any theme yet. Once the team records its judgement, each "
                "theme's step on the scale and the team's reasons will appear here.",
                "muted",
            ),
        ]
    scale = [[para("Step", "cell_head"), para("What it means", "cell_head")]]
    scale += [[para(words, "cell"), para(meaning, "cell")] for words, meaning in LEVELS.values()]
    story += [KeepTogether([para("The four steps", STYLE["label"]), table(scale, [40 * mm, 122 * mm])])]
    story.append(Spacer(1, 4 * mm))
    rows = [[para(text, "cell_head") for text in ("Theme", "Readiness", "The team's judgement")]]
    for line in data.readiness:
        judged = line.level is not None
        rows.append(
            [
                para(f"{line.theme}. {line.title}", "cell"),
                para(line.level_words, STYLE["total"] if judged else "cell"),
                para(line.judgement or "–", "cell"),
            ]
        )
    story.append(table(rows, [50 * mm, 30 * mm, 82 * mm]))
    return story


def _questions(data: FamiliarisationReportData) -> list[Flowable]:
    story: list[Flowable] = [heading("Questions for the lens event")]
    if not data.questions:
        return [
            *story,
            para(
                "No questions for the lens event have been recorded yet. They will appear here, theme by theme, "
                "once the team adds them.",
                "muted",
            ),
        ]
    story.append(
        para("What the team wants to explore at the trauma-informed lens event, with staff, partners and people "
             "with lived experience, theme by theme.")
    )  # fmt: skip
    for theme in data.questions:
        story.append(heading(f"{theme.theme}. {theme.title}", 1))
        story += [
            para(text, STYLE["question"], bulletText=f"{number}.")
            for number, text in enumerate(theme.questions, start=1)
        ]
    asked = {theme.theme for theme in data.questions}
    without = [line.title for line in data.readiness if line.theme not in asked]
    if without:
        story.append(para(f"No questions have been added yet under {_join(without)}.", "muted"))
    return story


def _section(flowables: list[Flowable]) -> list[Flowable]:
    """A section starts on a new page when little room is left, so its heading never sits alone at the foot."""
    return [CondPageBreak(45 * mm), *flowables]


def build_familiarisation_report(
    data: FamiliarisationReportData,
    info: DocumentInfo,
    path: str | os.PathLike[str],
    progress: Progress | None = None,
) -> Path:
    """Write the familiarisation report to ``path`` (complete, or not at all)."""
    story = [*_introduction(data)]
    for section in (_who, _themes, _documents, _readiness, _questions):
        story += _section(section(data))
    return write_pdf(path, story, info, progress)
