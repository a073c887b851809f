"""Small building blocks shared by pages: named controls, headings, and text that commits on leaving."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFocusEvent, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

W = TypeVar("W", bound=QWidget)


def named(widget: W, name: str, description: str = "") -> W:
    """Give a control the accessible name a screen reader announces (and a tooltip when helpful)."""
    widget.setAccessibleName(name)
    if description:
        widget.setAccessibleDescription(description)
        widget.setToolTip(description)
    return widget


HEADING_SCALE = {1: 1.6, 2: 1.2}


def heading_font(level: int) -> QFont:
    font = QFont(QApplication.font())
    font.setPointSizeF(font.pointSizeF() * HEADING_SCALE.get(level, 1.2))
    font.setWeight(QFont.Weight.DemiBold)
    return font


def heading(text: str, level: int = 1) -> QLabel:
    label = QLabel(text)
    label.setFont(heading_font(level))
    label.setWordWrap(True)
    label.setAccessibleName(text)
    label.setProperty("headingLevel", level)
    return label


def rescale_headings() -> None:
    """Headings carry their own font size; after the text size changes they follow the new size."""
    for widget in QApplication.allWidgets():
        level = widget.property("headingLevel")
        if isinstance(level, int):
            widget.setFont(heading_font(level))


def note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class CommitTextEdit(QPlainTextEdit):
    """A multi-line box that reports its text once, when the person leaves it (like editingFinished)."""

    editingFinished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)  # Tab moves on, so the keyboard never gets trapped

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.editingFinished.emit()


Index = QModelIndex | QPersistentModelIndex
TITLE_ROLE = Qt.ItemDataRole.UserRole + 1
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 2


class TwoLineDelegate(QStyledItemDelegate):
    """List rows with a bold title and a quieter, wrapped detail line beneath it."""

    PAD = 6

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        title = QFont(option.font)
        title.setWeight(QFont.Weight.DemiBold)
        return title, QFont(option.font)

    def _layout(self, option: QStyleOptionViewItem, index: Index, width: int) -> tuple[QRect, QRect]:
        title_font, detail_font = self._fonts(option)
        flags = int(Qt.TextFlag.TextWordWrap)
        title = QFontMetrics(title_font).boundingRect(QRect(0, 0, width, 10_000), flags,
                                                      str(index.data(TITLE_ROLE) or ""))
        detail_text = str(index.data(DETAIL_ROLE) or "")
        detail = QFontMetrics(detail_font).boundingRect(QRect(0, 0, width, 10_000), flags, detail_text) \
            if detail_text else QRect(0, 0, 0, 0)
        return title, detail

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        width = max(200, option.rect.width() - 2 * self.PAD) if option.rect.width() > 0 else 600
        title, detail = self._layout(option, index, width)
        gap = 2 if detail.height() else 0
        return QSize(width, title.height() + gap + detail.height() + 2 * self.PAD)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        view_option = QStyleOptionViewItem(option)
        self.initStyleOption(view_option, index)
        view_option.text = ""
        widget = view_option.widget
        style = widget.style() if widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, view_option, painter, widget)
        rect = option.rect.adjusted(self.PAD, self.PAD, -self.PAD, -self.PAD)
        title_rect, detail_rect = self._layout(option, index, rect.width())
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        text_colour = palette.highlightedText().color() if selected else palette.text().color()
        title_font, detail_font = self._fonts(option)
        painter.save()
        painter.setPen(text_colour)
        painter.setFont(title_font)
        flags = int(Qt.TextFlag.TextWordWrap)
        painter.drawText(QRect(rect.left(), rect.top(), rect.width(), title_rect.height()), flags,
                         str(index.data(TITLE_ROLE) or ""))
        detail = str(index.data(DETAIL_ROLE) or "")
        if detail:
            quiet = text_colour if selected else palette.placeholderText().color()
            painter.setPen(quiet)
            painter.setFont(detail_font)
            painter.drawText(QRect(rect.left(), rect.top() + title_rect.height() + 2, rect.width(),
                                   detail_rect.height()), flags, detail)
        painter.restore()


class Page(QScrollArea):
    """A page of the programme: a heading and introduction over a scrolling column of content.

    Subclasses add to ``self.column`` and call ``self.finish()`` at the end of their constructor."""

    def __init__(self, title: str, intro: str = "") -> None:
        super().__init__()
        self.setWidgetResizable(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes straight to the first control
        self.setAccessibleName(title)
        self._body = QWidget()
        self.column = QVBoxLayout(self._body)
        self.column.setContentsMargins(24, 20, 24, 24)
        self.column.setSpacing(14)
        self.title = heading(title)
        self.column.addWidget(self.title)
        self.intro = note(intro)
        self.column.addWidget(self.intro)

    def finish(self, *, stretch: bool = True) -> None:
        if stretch:
            self.column.addStretch(1)
        self.setWidget(self._body)
