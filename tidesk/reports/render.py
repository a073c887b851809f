"""Charts on a PDF page: a charts drawing turned into a ReportLab drawing, in the report's colours and fonts."""

from __future__ import annotations

from reportlab.graphics import shapes
from reportlab.lib import colors

from tidesk.charts.primitives import Box, Circle, Drawing, Item, Polyline, Role, Text
from tidesk.reports.document import ACCENT, ACCENT_TINT, INK, MUTED
from tidesk.reports.fonts import FONT, FONT_BOLD, register_fonts, shaped_line, text_width

COLOURS: dict[Role, colors.Color] = {
    "accent": ACCENT,
    "accent_tint": ACCENT_TINT,
    "ink": INK,
    "on_accent": colors.white,
    "muted": MUTED,
}

register_fonts()  # layout measures text before any page is built


def measure(text: str, size: float, bold: bool) -> float:
    """Width in points of one line in the report font, shaped as it will be drawn (Arabic joins narrower)."""
    font = FONT_BOLD if bold else FONT
    return text_width(shaped_line(text, font, size), font, size)


def to_reportlab(drawing: Drawing) -> shapes.Drawing:
    """The drawing as a flowable ReportLab drawing of the same size (ReportLab's y grows upwards)."""
    out = shapes.Drawing(drawing.width, drawing.height)
    for item in drawing.items:
        for shape in _shapes(item, drawing.height):
            out.add(shape)
    return out


def _colour(role: Role | None) -> colors.Color | None:
    return None if role is None else COLOURS[role]


def _shapes(item: Item, height: float) -> list[shapes.Shape]:
    if isinstance(item, Box):
        return [
            shapes.Rect(
                item.x,
                height - item.y - item.height,
                item.width,
                item.height,
                rx=item.radius,
                ry=item.radius,
                fillColor=_colour(item.fill),
                strokeColor=_colour(item.stroke),
                strokeWidth=item.stroke_width,
            )
        ]
    if isinstance(item, Circle):
        return [
            shapes.Circle(
                item.cx,
                height - item.cy,
                item.radius,
                fillColor=_colour(item.fill),
                strokeColor=_colour(item.stroke),
                strokeWidth=item.stroke_width,
            )
        ]
    if isinstance(item, Polyline):
        colour = COLOURS[item.stroke]
        line = [coordinate for x, y in item.shaft() for coordinate in (x, height - y)]
        # Mitred joins and butt ends, so corners are square and a line stops exactly where it is meant to.
        found: list[shapes.Shape] = [
            shapes.PolyLine(line, strokeColor=colour, strokeWidth=item.stroke_width, strokeLineJoin=0, strokeLineCap=0)
        ]
        head = item.head()
        if head is not None:
            tip = [coordinate for x, y in head for coordinate in (x, height - y)]
            found.append(shapes.Polygon(tip, fillColor=colour, strokeColor=None))
        return found
    return [_string(item, height)]


def _string(item: Text, height: float) -> shapes.String:
    font = FONT_BOLD if item.bold else FONT
    shown = shaped_line(item.text, font, item.size)
    # Anchored by the shaped width, which is what is drawn: ReportLab's own anchoring measures the letters.
    offset = {"left": 0.0, "centre": 0.5, "right": 1.0}[item.anchor] * text_width(shown, font, item.size)
    return shapes.String(
        item.x - offset, height - item.y, shown, fontName=font, fontSize=item.size, fillColor=COLOURS[item.role]
    )
