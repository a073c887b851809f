"""List rows with a bold title and a quieter detail line beneath it, and the item that carries both."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QListWidgetItem,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

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
        title = QFontMetrics(title_font).boundingRect(
            QRect(0, 0, width, 10_000), flags, str(index.data(TITLE_ROLE) or "")
        )
        detail_text = str(index.data(DETAIL_ROLE) or "")
        detail = (
            QFontMetrics(detail_font).boundingRect(QRect(0, 0, width, 10_000), flags, detail_text)
            if detail_text
            else QRect(0, 0, 0, 0)
        )
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
        painter.drawText(
            QRect(rect.left(), rect.top(), rect.width(), title_rect.height()), flags, str(index.data(TITLE_ROLE) or "")
        )
        detail = str(index.data(DETAIL_ROLE) or "")
        if detail:
            quiet = text_colour if selected else palette.placeholderText().color()
            painter.setPen(quiet)
            painter.setFont(detail_font)
            painter.drawText(
                QRect(rect.left(), rect.top() + title_rect.height() + 2, rect.width(), detail_rect.height()),
                flags,
                detail,
            )
        painter.restore()


def two_line_item(title: str, detail: str, data: object) -> QListWidgetItem:
    """A row for a TwoLineDelegate list; its text (what a screen reader says) joins the two lines."""
    row = QListWidgetItem(f"{title}. {detail}" if detail else title)
    row.setData(TITLE_ROLE, title)
    row.setData(DETAIL_ROLE, detail)
    row.setData(Qt.ItemDataRole.UserRole, data)
    return row


def grow_with_rows(view: QAbstractScrollArea) -> None:
    """A list inside a scrolling page is as tall as its rows, in the current font and at its width, and
    the page scrolls instead: no little window of two or three rows scrolling inside a scrolling page."""
    view.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    policy = view.sizePolicy()
    policy.setVerticalPolicy(QSizePolicy.Policy.Minimum)
    view.setSizePolicy(policy)
