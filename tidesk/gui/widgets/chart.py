"""A chart from ``tidesk.charts`` painted on screen, in the palette's colours and the widget's font."""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QPalette, QPen, QPolygonF, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from tidesk.charts.primitives import Box, Circle, Drawing, Measure, Point, Polyline, Role, Text

Layout = Callable[[float, Measure], Drawing]

# The reports' body text size: a chart keeps the proportions to the text around it that it has in print,
# and grows with the person's chosen text size.
REFERENCE_SIZE = 10.0
MINIMUM_WIDTH = 200.0  # in chart points; narrower, boxes leave no room for their words
MARGIN = 1  # pixels round the drawing, so the outer half of an outline on its edge is not cut off
TINT = 0.16  # how much of the accent a tinted fill has, mixed into the base colour
_CHANGES = {
    QEvent.Type.FontChange,
    QEvent.Type.ApplicationFontChange,
    QEvent.Type.PaletteChange,
    QEvent.Type.ApplicationPaletteChange,
}
_ANCHOR = {"left": 0.0, "centre": 0.5, "right": 1.0}


def mix(colour: QColor, other: QColor, amount: float) -> QColor:
    """``amount`` of ``colour`` and the rest ``other``."""
    return QColor.fromRgbF(
        colour.redF() * amount + other.redF() * (1 - amount),
        colour.greenF() * amount + other.greenF() * (1 - amount),
        colour.blueF() * amount + other.blueF() * (1 - amount),
    )


class ChartView(QWidget):
    """Paints what ``layout(width, measure)`` draws, laid out again at each new width, font or palette."""

    def __init__(self, layout: Layout | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout: Layout = layout or (lambda width, _measure: Drawing(width, 0.0))
        self._drawings: dict[int, Drawing] = {}
        self._metrics: dict[tuple[float, bool], QFontMetricsF] = {}
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a picture: nothing to do with the keyboard
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.relayout()

    def set_layout(self, layout: Layout) -> None:
        self._layout = layout
        self.relayout()

    def relayout(self) -> None:
        """Forget every layout made, for when what is drawn or how it measures has changed."""
        self._drawings.clear()
        self._metrics.clear()
        self.updateGeometry()
        self.update()
        self.setAccessibleDescription(self.drawing().description)

    def scale(self) -> float:
        """Pixels to a chart point: print size on this screen, times the text size against the reports' body."""
        return self.logicalDpiY() / 72 * self._text_zoom()

    def _text_zoom(self) -> float:
        font = self.font()
        size = font.pointSizeF() if font.pointSizeF() > 0 else font.pixelSize() * 72 / self.logicalDpiY()
        return size / REFERENCE_SIZE

    def font_at(self, size: float, bold: bool) -> QFont:
        """The widget's font for text of ``size`` chart points, at the size it is painted in pixels."""
        font = QFont(self.font())
        font.setPointSizeF(size * self._text_zoom())
        font.setBold(bold)
        return font

    def metrics(self, size: float, bold: bool) -> QFontMetricsF:
        # Kept, as a layout measures every word and every letter of a long one.
        key = (size, bold)
        if key not in self._metrics:
            self._metrics[key] = QFontMetricsF(self.font_at(size, bold), self)
        return self._metrics[key]

    def measure(self, text: str, size: float, bold: bool) -> float:
        """Width in chart points of one line in the widget's font, so the layout wraps as the screen draws."""
        return self.metrics(size, bold).horizontalAdvance(text) / self.scale()

    def drawing(self, width: int | None = None) -> Drawing:
        """The chart laid out for ``width`` pixels (the widget's own width if none is given)."""
        pixels = self.width() if width is None else width
        if pixels not in self._drawings:
            if len(self._drawings) > 8:  # a window being dragged wider asks for many widths in turn
                self._drawings.clear()
            self._drawings[pixels] = self._layout(max(pixels - 2 * MARGIN, 0) / self.scale(), self.measure)
        return self._drawings[pixels]

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return math.ceil(self.drawing(width).height * self.scale()) + 2 * MARGIN

    def sizeHint(self) -> QSize:
        width = max(self.width(), self.minimumSizeHint().width())
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        return QSize(math.ceil(MINIMUM_WIDTH * self.scale()) + 2 * MARGIN, 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.setAccessibleDescription(self.drawing().description)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in _CHANGES:
            self.relayout()

    def colours(self) -> dict[Role, QColor]:
        palette = self.palette()
        accent = palette.color(QPalette.ColorRole.Highlight)
        return {
            "accent": accent,
            "accent_tint": mix(accent, palette.color(QPalette.ColorRole.Base), TINT),
            "ink": palette.color(QPalette.ColorRole.Text),
            "on_accent": palette.color(QPalette.ColorRole.HighlightedText),
            "muted": palette.color(QPalette.ColorRole.PlaceholderText),
        }

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.translate(MARGIN, MARGIN)
        _Painter(painter, self, self.colours(), self.scale()).paint(self.drawing())
        painter.end()


class _Painter:
    """Paints one drawing's items with QPainter, scaling from chart points to pixels."""

    def __init__(self, painter: QPainter, view: ChartView, colours: dict[Role, QColor], scale: float) -> None:
        self.painter, self.view, self.colours, self.s = painter, view, colours, scale

    def paint(self, drawing: Drawing) -> None:
        for item in drawing.items:
            if isinstance(item, Box):
                self._outline(item.fill, item.stroke, item.stroke_width)
                rect = QRectF(item.x * self.s, item.y * self.s, item.width * self.s, item.height * self.s)
                self.painter.drawRoundedRect(rect, item.radius * self.s, item.radius * self.s)
            elif isinstance(item, Circle):
                self._outline(item.fill, item.stroke, item.stroke_width)
                radius = item.radius * self.s
                self.painter.drawEllipse(self._point((item.cx, item.cy)), radius, radius)
            elif isinstance(item, Polyline):
                self._polyline(item)
            else:
                self._text(item)

    def _point(self, point: Point) -> QPointF:
        return QPointF(point[0] * self.s, point[1] * self.s)

    def _outline(self, fill: Role | None, stroke: Role | None, width: float) -> None:
        self.painter.setBrush(self.colours[fill] if fill else Qt.BrushStyle.NoBrush)
        self.painter.setPen(QPen(self.colours[stroke], width * self.s) if stroke else Qt.PenStyle.NoPen)

    def _polyline(self, item: Polyline) -> None:
        colour = self.colours[item.stroke]
        # Mitred joins and flat ends, as in the PDF: corners are square and a line stops where it is meant to.
        pen = QPen(
            colour, item.stroke_width * self.s, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap, Qt.PenJoinStyle.MiterJoin
        )
        self.painter.setPen(pen)
        self.painter.setBrush(Qt.BrushStyle.NoBrush)
        self.painter.drawPolyline(QPolygonF([self._point(point) for point in item.shaft()]))
        head = item.head()
        if head is not None:
            self.painter.setPen(Qt.PenStyle.NoPen)
            self.painter.setBrush(colour)
            self.painter.drawPolygon(QPolygonF([self._point(point) for point in head]))

    def _text(self, item: Text) -> None:
        self.painter.setFont(self.view.font_at(item.size, item.bold))
        self.painter.setPen(self.colours[item.role])
        width = self.view.metrics(item.size, item.bold).horizontalAdvance(item.text)
        self.painter.drawText(QPointF(item.x * self.s - _ANCHOR[item.anchor] * width, item.y * self.s), item.text)
