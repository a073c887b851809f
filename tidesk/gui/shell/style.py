"""Fusion, with tick boxes and round answers drawn so the chosen one can always be seen.

Fusion draws the outline of a round answer a shade darker than the window and its dot in a blend of the
text colour, which on a dark window is close to invisible. Here the outline is the text colour and a
chosen answer is filled with the accent, so both stand out from the window by well over the 3:1 that
WCAG 2.2 asks of such marks, in light and dark alike.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleOption, QWidget

INDICATORS = {QStyle.PrimitiveElement.PE_IndicatorRadioButton, QStyle.PrimitiveElement.PE_IndicatorCheckBox}


class TideskStyle(QProxyStyle):
    def __init__(self) -> None:
        super().__init__("Fusion")

    def drawPrimitive(
        self, element: QStyle.PrimitiveElement, option: QStyleOption, painter: QPainter, widget: QWidget | None = None
    ) -> None:
        if element not in INDICATORS:
            super().drawPrimitive(element, option, painter, widget)
            return
        state = option.state
        group = QPalette.ColorGroup.Normal if state & QStyle.StateFlag.State_Enabled else QPalette.ColorGroup.Disabled
        palette = option.palette
        outline = palette.color(group, QPalette.ColorRole.Text)
        accent = palette.color(group, QPalette.ColorRole.Highlight)
        on_accent = palette.color(group, QPalette.ColorRole.HighlightedText)
        base = palette.color(group, QPalette.ColorRole.Base)
        chosen = bool(state & QStyle.StateFlag.State_On)
        partly = bool(state & QStyle.StateFlag.State_NoChange)
        box = QRectF(option.rect).adjusted(1.5, 1.5, -1.5, -1.5)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(accent if chosen or partly else outline, 1.5))
        painter.setBrush(accent if chosen or partly else base)
        if element == QStyle.PrimitiveElement.PE_IndicatorRadioButton:
            painter.drawEllipse(box)
            if chosen:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(on_accent)
                radius = box.width() * 0.22
                painter.drawEllipse(box.center(), radius, radius)
        else:
            painter.drawRoundedRect(box, 2, 2)
            painter.setPen(QPen(on_accent, max(1.5, box.width() / 8), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            if chosen:
                tick = QPainterPath(QPointF(box.left() + box.width() * 0.22, box.top() + box.height() * 0.52))
                tick.lineTo(QPointF(box.left() + box.width() * 0.42, box.top() + box.height() * 0.72))
                tick.lineTo(QPointF(box.left() + box.width() * 0.78, box.top() + box.height() * 0.3))
                painter.drawPath(tick)
            elif partly:
                middle = box.center().y()
                painter.drawLine(
                    QPointF(box.left() + box.width() * 0.25, middle), QPointF(box.right() - box.width() * 0.25, middle)
                )
        painter.restore()
