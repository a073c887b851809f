"""The pathway diagram: laid out once in plain Python, and drawn the same way on a PDF page and on screen."""

from __future__ import annotations

import math
import subprocess
import sys

import pytest
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from tidesk.charts.pathway import ROW_GAP, layout_pathway
from tidesk.charts.primitives import Box, Drawing, Polyline, Text
from tidesk.charts.text import wrap
from tidesk.gui.service.pathway import PathwayView
from tidesk.gui.widgets.chart import ChartView, mix

STAGES = [
    "Hearing about the service",
    "Referral or first contact",
    "Arrival and waiting",
    "Assessment and triage",
    "Choice and planning",
    "Starting treatment and dispensing",
    "Ongoing keyworking",
    "Missed appointments, relapse or crisis",
    "Transitions",
    "Planned exit and easy return",
]
LONG_NAME = " ".join(["Peer support at the recovery café on the harbour front"] * 4)
LONG_WORD = "Supercalifragilisticexpialidociousnessunbelievablylongword"


def fixed(text: str, size: float, bold: bool) -> float:
    """A stand-in font: every letter half as wide as the text is tall (bold a little wider)."""
    return len(text) * size * (0.55 if bold else 0.5)


def _boxes(drawing: Drawing) -> list[Box]:
    return [item for item in drawing.items if isinstance(item, Box)]


def _inside(box: Box, text: Text) -> bool:
    return box.x <= text.x <= box.x + box.width and box.y <= text.y <= box.y + box.height


def _names(drawing: Drawing) -> list[str]:
    """What each box says, its wrapped lines joined, in the order the boxes are drawn."""
    texts = [item for item in drawing.items if isinstance(item, Text) and not item.bold]
    return [" ".join(text.text for text in texts if _inside(box, text)) for box in _boxes(drawing)]


def _numbers(drawing: Drawing) -> list[str]:
    return [item.text for item in drawing.items if isinstance(item, Text) and item.bold]


def _overlap(a: Box, b: Box) -> bool:
    return a.x < b.x + b.width and b.x < a.x + a.width and a.y < b.y + b.height and b.y < a.y + a.height


def test_the_layout_is_deterministic() -> None:
    assert layout_pathway(STAGES, 480, fixed) == layout_pathway(STAGES, 480, fixed)
    assert layout_pathway([], 480, fixed) == []


@pytest.mark.parametrize("width", [300.0, 480.0, 900.0])
def test_every_stage_appears_in_order_in_its_own_box(width: float) -> None:
    from tidesk.reports.render import measure

    (drawing,) = layout_pathway(STAGES, width, measure)
    assert _names(drawing) == STAGES
    assert _numbers(drawing) == [str(number) for number in range(1, len(STAGES) + 1)]
    assert drawing.description.startswith("The pathway in 10 stages, in order: 1. Hearing about the service; 2. ")
    assert drawing.description.endswith("10. Planned exit and easy return.")


@pytest.mark.parametrize("width", [250.0, 379.0, 380.0, 700.0])
def test_boxes_never_overlap_and_stay_within_the_drawing(width: float) -> None:
    (drawing,) = layout_pathway([*STAGES, LONG_NAME, LONG_WORD], width, fixed)
    boxes = _boxes(drawing)
    assert len({box.x for box in boxes}) == (4 if width >= 380 else 3)
    for box in boxes:
        assert box.x >= 0 and box.x + box.width <= width + 1e-9
        assert box.y >= 0 and box.y + box.height <= drawing.height + 1e-9
    assert not [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :] if _overlap(a, b)]


def test_a_long_name_wraps_and_ends_in_an_ellipsis() -> None:
    (drawing,) = layout_pathway([LONG_NAME, LONG_WORD], 480, fixed)
    box = _boxes(drawing)[0]
    lines = [item for item in drawing.items if isinstance(item, Text) and not item.bold and _inside(box, item)]
    assert len(lines) == 6
    assert lines[-1].text.endswith("…")
    assert all(fixed(line.text, line.size, False) <= box.width - 12 for line in lines)
    # A word too long for a line is broken by letters, none lost.
    word = [item.text for item in drawing.items if isinstance(item, Text) and _inside(_boxes(drawing)[1], item)]
    assert len(word) > 2 and "".join(word[1:]) == LONG_WORD


def test_wrapping_keeps_words_whole_when_they_fit() -> None:
    assert wrap("Referral or first contact", 60, fixed, 10) == ["Referral or", "first", "contact"]
    assert wrap("one two three four", 5 * 5, fixed, 10, max_lines=2) == ["one", "two…"]
    assert wrap("", 100, fixed, 10) == []


def test_groups_split_by_height_with_arrows_in_and_out() -> None:
    names = [f"Stage {number}" for number in range(1, 21)]
    whole = layout_pathway(names, 480, fixed)
    parts = layout_pathway(names, 480, fixed, max_height=200)
    assert len(whole) == 1 and len(parts) > 2
    assert [name for part in parts for name in _names(part)] == names
    for number, part in enumerate(parts):
        arrows = [item for item in part.items if isinstance(item, Polyline)]
        assert all(arrow.arrow for arrow in arrows)
        starts_with_arrow = arrows[0].points[0][1] == 0
        ends_with_arrow = math.isclose(arrows[-1].points[-1][1], part.height)
        assert starts_with_arrow == (number > 0)
        assert ends_with_arrow == (number < len(parts) - 1)
        assert part.height <= 200 + 2 * ROW_GAP
        assert part.description.startswith(f"Part {number + 1} of {len(parts)} of the pathway")


def test_a_row_taller_than_the_limit_still_gets_drawn() -> None:
    parts = layout_pathway([LONG_NAME] * 5, 480, fixed, max_height=10)
    assert len(parts) == 2 and [len(_boxes(part)) for part in parts] == [4, 1]


def test_reportlab_drawing_is_the_same_size_and_flipped() -> None:
    from reportlab.graphics import shapes

    from tidesk.reports.render import measure, to_reportlab

    (drawing,) = layout_pathway(STAGES, 480, measure)
    rendered = to_reportlab(drawing)
    assert (rendered.width, rendered.height) == (drawing.width, drawing.height)
    strings = [shape for shape in rendered.contents if isinstance(shape, shapes.String)]
    texts = [item for item in drawing.items if isinstance(item, Text)]
    assert len(strings) == len(texts)
    # ReportLab's y grows upwards: the first box's badge number sits near the top of the drawing.
    assert strings[0].text == "1" and strings[0].y == pytest.approx(drawing.height - texts[0].y)
    arrows = sum(1 for item in drawing.items if isinstance(item, Polyline))
    assert sum(1 for shape in rendered.contents if isinstance(shape, shapes.Polygon)) == arrows


def test_pdf_measure_uses_the_report_font() -> None:
    from reportlab.pdfbase import pdfmetrics

    from tidesk.reports.fonts import FONT_BOLD
    from tidesk.reports.render import measure

    assert measure("Transitions", 8, True) == pdfmetrics.stringWidth("Transitions", FONT_BOLD, 8)
    assert measure("ليلى حداد", 8.5, False) > 0


def test_charts_import_neither_qt_nor_reportlab() -> None:
    script = (
        "import sys, tidesk.charts.pathway, tidesk.charts.primitives, tidesk.charts.text\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'PySide6', 'reportlab'}))"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def _palette(dark: bool) -> QPalette:
    palette = QPalette()
    colours = (
        {
            "Window": "#24272b",
            "Base": "#1b1d20",
            "Text": "#e8e6e3",
            "Highlight": "#4f9ea3",
            "HighlightedText": "#101214",
        }
        if dark
        else {
            "Window": "#f6f5f2",
            "Base": "#ffffff",
            "Text": "#1f2326",
            "Highlight": "#2f6f73",
            "HighlightedText": "#fff",
        }
    )
    for role, colour in colours.items():
        palette.setColor(getattr(QPalette.ColorRole, role), QColor(colour))
    return palette


@pytest.fixture
def view(qtbot: QtBot) -> PathwayView:
    shown = PathwayView()
    qtbot.addWidget(shown)
    shown.set_stages(STAGES)
    return shown


def test_the_view_lays_out_at_its_width(view: PathwayView) -> None:
    view.resize(640, 100)
    drawing = view.drawing()
    assert drawing.width == pytest.approx((640 - 2) / view.scale())
    assert _names(drawing) == STAGES
    assert view.hasHeightForWidth()
    assert view.heightForWidth(640) == math.ceil(drawing.height * view.scale()) + 2


def test_narrower_is_taller_in_a_column(qtbot: QtBot) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    view = PathwayView()  # the holder owns it, and closes it
    view.set_stages(STAGES)
    column = QVBoxLayout(holder)
    column.addWidget(view)
    column.addStretch(1)
    holder.resize(900, 1200)
    holder.show()
    qtbot.waitUntil(lambda: view.height() == view.heightForWidth(view.width()))
    wide = view.height()
    holder.resize(420, 1200)
    qtbot.waitUntil(lambda: view.width() < 420 and view.height() == view.heightForWidth(view.width()))
    assert view.height() > wide
    assert view.heightForWidth(300) > view.heightForWidth(420) > view.heightForWidth(900)


def test_the_view_follows_the_font(view: PathwayView) -> None:
    view.resize(640, 100)
    before = view.drawing()
    font = QFont(view.font())
    font.setPointSizeF(font.pointSizeF() * 1.5)
    view.setFont(font)  # a FontChange: laid out again, bigger, in the same width
    after = view.drawing()
    assert after.width < before.width
    assert view.heightForWidth(640) > math.ceil(before.height * 1.4)


@pytest.mark.parametrize("dark", [False, True])
def test_the_view_paints_in_the_palette(view: PathwayView, dark: bool) -> None:
    palette = _palette(dark)
    view.setPalette(palette)
    view.resize(640, view.heightForWidth(640))
    image = view.grab().toImage()
    assert image.width() == 640 and image.height() == view.heightForWidth(640)
    box = _boxes(view.drawing())[0]
    scale = view.scale()
    tint = QColor(image.pixel(round(1 + (box.x + 3) * scale), round(1 + (box.y + box.height / 2) * scale)))
    expected = mix(palette.color(QPalette.ColorRole.Highlight), palette.color(QPalette.ColorRole.Base), 0.16)
    assert max(abs(tint.red() - expected.red()), abs(tint.green() - expected.green())) <= 2
    assert abs(tint.blue() - expected.blue()) <= 2


def test_the_view_is_named_for_screen_readers_and_takes_no_focus(view: PathwayView) -> None:
    assert view.accessibleName() == "Pathway drawing"
    described = view.accessibleDescription()
    assert [described.index(name) for name in STAGES] == sorted(described.index(name) for name in STAGES)
    assert view.focusPolicy().name == "NoFocus"
    view.set_stages([])
    assert view.accessibleDescription() == "No journey stages recorded yet."
    assert view.heightForWidth(640) == 2


def test_a_chart_view_takes_any_layout(qtbot: QtBot) -> None:
    chart = ChartView(lambda width, measure: Drawing(width, measure("abc", 10, False), description="Three letters"))
    qtbot.addWidget(chart)
    chart.resize(300, 40)
    assert 0 < chart.drawing().height < 40
    assert chart.accessibleDescription() == "Three letters"
    chart.grab()
