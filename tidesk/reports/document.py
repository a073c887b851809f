"""The A4 document every tidesk report is built on: title page, running header and footer, outline, metadata.

Reports hand :func:`write_pdf` a list of flowables (use :func:`para`, :func:`heading` and the styles in
:data:`STYLES`) and a :class:`DocumentInfo`; the file appears at its destination complete, or not at all.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from tidesk import __version__
from tidesk.core import files
from tidesk.core.dates import long_date
from tidesk.reports.fonts import FONT, FONT_BOLD, markup, needs_shaping, register_fonts, shaped_line, text_width

Progress = Callable[[int, int], None]

OGL_CREDIT = (
    "Contains public sector information licensed under the Open Government Licence v3.0. Programme "
    "structure after the NTTP Trauma-Informed Substance Use Pathfinders Learning Report and the "
    "Trauma-informed practice toolkit (2021), Crown copyright."
)
DEMO_NOTICE = "Fictional demo service – not real people or data"

INK = colors.HexColor("#22292B")
MUTED = colors.HexColor("#5E6B6E")
ACCENT = colors.HexColor("#1F5F6B")
ACCENT_TINT = colors.HexColor("#E8F1F2")
RULE = colors.HexColor("#C5D3D6")
DEMO_INK = colors.HexColor("#7A4A00")
DEMO_TINT = colors.HexColor("#FCEFD6")

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 24 * mm
MARGIN_TOP = 34 * mm
MARGIN_BOTTOM = 34 * mm
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN_X


@dataclass
class DocumentInfo:
    """What the template prints around a report's own content."""

    service_name: str
    title: str
    generated_on: datetime.date
    marking: str
    is_demo: bool
    subject: str = ""
    author: str = "tidesk"


def _styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=15, textColor=INK, spaceAfter=7)
    bold = {"fontName": FONT_BOLD}
    listed = {"leftIndent": 24, "bulletIndent": 0, "bulletFontName": FONT_BOLD, "bulletColor": ACCENT}
    specs: dict[str, dict[str, Any]] = {
        "muted": {"textColor": MUTED},
        "credit": {"fontSize": 7, "leading": 9, "spaceAfter": 0, "textColor": MUTED},
        "cell": {"fontSize": 9, "leading": 12.5, "spaceAfter": 0},
        "cell_head": {**bold, "fontSize": 9, "leading": 12.5, "spaceAfter": 0, "textColor": ACCENT},
        "h1": {
            **bold,
            "fontSize": 16,
            "leading": 21,
            "textColor": ACCENT,
            "spaceBefore": 14,
            "spaceAfter": 10,
            "keepWithNext": 1,
        },
        "h2": {**bold, "fontSize": 12, "leading": 16, "spaceBefore": 12, "spaceAfter": 6, "keepWithNext": 1},
        "list_name": {**bold, **listed, "spaceAfter": 2, "keepWithNext": 1},
        "list_text": {"leftIndent": 24, "spaceAfter": 10},
        "list_muted": {"leftIndent": 24, "spaceAfter": 10, "textColor": MUTED},
        "cover_service": {**bold, "fontSize": 13, "leading": 18, "textColor": ACCENT, "spaceAfter": 10},
        "cover_title": {**bold, "fontSize": 28, "leading": 34, "spaceAfter": 14},
        "cover_line": {"fontSize": 11.5, "leading": 17, "textColor": MUTED},
        "notice": {**bold, "alignment": TA_CENTER, "spaceAfter": 0},
    }
    return {"body": body, **{name: ParagraphStyle(name, body, **spec) for name, spec in specs.items()}}


STYLES = _styles()
_SHAPED: dict[str, ParagraphStyle] = {}


def _style_for(text: str, style: str | ParagraphStyle) -> ParagraphStyle:
    chosen = STYLES[style] if isinstance(style, str) else style
    if needs_shaping(text):
        if chosen.name not in _SHAPED:
            _SHAPED[chosen.name] = ParagraphStyle(chosen.name + "-shaped", chosen, shaping=1)
        chosen = _SHAPED[chosen.name]
    return chosen


def para(text: str, style: str | ParagraphStyle = "body", **kwargs: Any) -> Paragraph:
    """A paragraph of plain text (escaped, right-to-left words ordered, complex scripts shaped)."""
    return Paragraph(markup(text), _style_for(text, style), **kwargs)


class Heading(Paragraph):
    """A heading that becomes an entry in the PDF outline (bookmarks)."""

    def __init__(self, text: str, level: int) -> None:
        super().__init__(markup(text), _style_for(text, "h1" if level == 0 else "h2"))
        self.plain_text = text
        self.level = level


def heading(text: str, level: int = 0) -> Heading:
    return Heading(text, level)


def table(rows: Sequence[Sequence[Any]], widths: Sequence[float], *, header: bool = True) -> Table:
    """A calm table: light rules between rows, the header row tinted and repeated on each page."""
    result = Table(list(rows), colWidths=list(widths), repeatRows=1 if header else 0, hAlign="LEFT", splitInRow=1)
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 6),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
    ]
    if header:
        commands += [("BACKGROUND", (0, 0), (-1, 0), ACCENT_TINT), ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT)]
    result.setStyle(TableStyle(commands))
    return result


class _PageTotal(Flowable):
    """Invisible; makes ``multiBuild`` lay the document out again until the page count is known."""

    def __init__(self, doc: ReportDocument) -> None:
        super().__init__()
        self.doc = doc
        self._before = -1

    def isIndexing(self) -> int:
        return 1

    def isSatisfied(self) -> int:
        return int(self._before == self.doc.page_total)

    def beforeBuild(self) -> None:
        self._before = self.doc.page_total

    def afterBuild(self) -> None:
        self.doc.page_total = self.doc.page

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pass


class ReportDocument(BaseDocTemplate):
    def __init__(self, filename: str, info: DocumentInfo) -> None:
        self.info = info
        self.page_total = 0
        self._bookmarks = 0
        self._outline_level = -1
        subject = info.subject or f"{info.title} for {info.service_name}"
        super().__init__(
            filename,
            pagesize=A4,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=f"{info.title} – {info.service_name}",
            author=info.author,
            subject=subject,
            creator=f"tidesk {__version__}",
            lang="en-GB",
            displayDocTitle=1,
            initialFontName=FONT,
            initialFontSize=10,
            initialLeading=15,
        )
        frame = Frame(
            MARGIN_X,
            MARGIN_BOTTOM,
            FRAME_WIDTH,
            PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="body",
        )
        self.addPageTemplates(
            [
                PageTemplate("title", [frame], onPage=self._title_page),
                PageTemplate("body", [frame], onPage=self._later_page),
            ]
        )

    def handle_documentBegin(self) -> None:
        super().handle_documentBegin()
        self._bookmarks = 0
        self._outline_level = -1

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, Heading):
            self._bookmarks += 1
            key = f"h{self._bookmarks}"
            level = min(flowable.level, self._outline_level + 1)
            self._outline_level = level
            self.canv.bookmarkPage(key, fit="XYZ", top=self.frame._y + flowable.height + 12)
            self.canv.addOutlineEntry(flowable.plain_text, key, level=level, closed=False)

    # -- page furniture --

    def _line(self, canv: Canvas, text: str, x: float, y: float, font: str, size: float, align: str = "left") -> None:
        shown = shaped_line(text, font, size)
        canv.setFont(font, size)
        width = text_width(shown, font, size)
        start = {"left": x, "centre": x - width / 2, "right": x - width}[align]
        canv.drawString(start, y, shown)

    def _furniture(self, canv: Canvas) -> None:
        info = self.info
        canv.saveState()
        canv.setFillColor(INK)
        if info.marking:
            self._line(canv, info.marking, PAGE_WIDTH / 2, PAGE_HEIGHT - 12 * mm, FONT_BOLD, 9, "centre")
            self._line(canv, info.marking, PAGE_WIDTH / 2, 9 * mm, FONT_BOLD, 9, "centre")
        if info.is_demo:
            top = PAGE_HEIGHT - 19.5 * mm
            canv.setFillColor(DEMO_TINT)
            canv.setStrokeColor(DEMO_INK)
            canv.setLineWidth(0.6)
            canv.roundRect(MARGIN_X, top, FRAME_WIDTH, 6 * mm, 1.5 * mm, stroke=1, fill=1)
            canv.setFillColor(DEMO_INK)
            self._line(canv, DEMO_NOTICE, PAGE_WIDTH / 2, top + 2 * mm, FONT_BOLD, 8.5, "centre")
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.line(MARGIN_X, 27 * mm, PAGE_WIDTH - MARGIN_X, 27 * mm)
        credit = Paragraph(OGL_CREDIT, STYLES["credit"])
        _, height = credit.wrapOn(canv, FRAME_WIDTH - 30 * mm, 20 * mm)
        credit.drawOn(canv, MARGIN_X, 25 * mm - height)
        canv.restoreState()

    def _running_header(self, size: float) -> str:
        """ "Service · report title", the service name shortened with an ellipsis when it would not fit."""
        name, suffix = self.info.service_name, f" · {self.info.title}"
        line = name + suffix
        while name and text_width(shaped_line(line, FONT, size), FONT, size) > FRAME_WIDTH:
            name = name[:-1]
            line = name.rstrip() + "…" + suffix
        return line

    def _title_page(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        canv.showOutline()
        self._furniture(canv)

    def _later_page(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        self._furniture(canv)
        canv.saveState()
        canv.setFillColor(MUTED)
        header_y = PAGE_HEIGHT - MARGIN_TOP + 8.5 * mm
        self._line(canv, self._running_header(8.5), MARGIN_X, header_y, FONT, 8.5)
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.line(MARGIN_X, header_y - 3 * mm, PAGE_WIDTH - MARGIN_X, header_y - 3 * mm)
        number = f"Page {doc.page} of {self.page_total}" if self.page_total else f"Page {doc.page}"
        self._line(canv, number, PAGE_WIDTH - MARGIN_X, 25 * mm - 9, FONT, 8.5, "right")
        canv.restoreState()


def title_page(info: DocumentInfo) -> list[Flowable]:
    """The opening page: who the report is about, what it is, when it was made and how to handle it."""
    story: list[Flowable] = [
        Spacer(1, 45 * mm),
        para(info.service_name, "cover_service"),
        para(info.title, "cover_title"),
    ]
    if info.subject:
        story.append(para(info.subject, "cover_line"))
    story += [Spacer(1, 4 * mm), para(f"Produced on {long_date(info.generated_on)}", "cover_line")]
    notices = []
    if info.marking:
        notices.append((para(f"Protective marking: {info.marking}", "notice"), ACCENT_TINT, ACCENT))
    if info.is_demo:
        notices.append(
            (para(DEMO_NOTICE, ParagraphStyle("demo", STYLES["notice"], textColor=DEMO_INK)), DEMO_TINT, DEMO_INK)
        )
    for flowable, fill, edge in notices:
        box = Table([[flowable]], colWidths=[FRAME_WIDTH], hAlign="LEFT")
        box.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), fill),
                    ("BOX", (0, 0), (-1, -1), 0.8, edge),
                    ("TOPPADDING", (0, 0), (-1, -1), 8),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 9),
                ]
            )
        )
        story += [Spacer(1, 8 * mm), box]
    story += [
        Spacer(1, 14 * mm),
        para(
            "This report was produced by tidesk from the records kept in this service's workspace. It shows "
            "what had been recorded on the date above.",
            "muted",
        ),
    ]
    return story


def write_pdf(
    path: str | os.PathLike[str], story: Sequence[Flowable], info: DocumentInfo, progress: Progress | None = None
) -> Path:
    """Build the report with its title page, written aside and renamed onto ``path`` only when complete."""
    target = Path(path)
    report = progress or (lambda done, total: None)
    doc_story = [*title_page(info), NextPageTemplate("body"), PageBreak(), *story]
    steps = 2 * (len(doc_story) + 1) + 1  # two layout passes (the second knows the page count), then save
    report(0, steps)
    with files.writing(target, replace=True) as temporary:
        doc = ReportDocument(str(temporary), info)
        doc_story.append(_PageTotal(doc))
        state = {"pass": 0}

        def on_progress(kind: str, value: int) -> None:
            if kind == "PASS":
                state["pass"] = value
            elif kind == "PROGRESS":
                report(min(steps - 1, (state["pass"] - 1) * len(doc_story) + value), steps)

        doc.setProgressCallBack(on_progress)
        doc.multiBuild(doc_story)
    report(steps, steps)
    return target
