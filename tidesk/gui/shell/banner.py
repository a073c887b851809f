"""The notice across the top of the window (a fictional demo, a workspace open to read only)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QSize
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QStyledItemDelegate, QStyleOptionViewItem, QWidget

# Amber, as notices are: dark words on a light ground, or light words on a dark one.
LIGHT = ("#f3e3b5", "#3a2f0b")
DARK = ("#4a3c14", "#f6e7bd")


class Banner(QLabel):
    """Follows the theme and the text size at once: its colours come from the palette, not a style sheet."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setMargin(8)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAutoFillBackground(True)
        self._colour()
        app = QApplication.instance()
        if app is not None:  # a widget with a palette of its own hears of the application's through the app
            app.installEventFilter(self)

    def _colour(self) -> None:
        dark = QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128
        ground, words = DARK if dark else LIGHT
        palette = QPalette(QApplication.palette())
        palette.setColor(QPalette.ColorRole.Window, QColor(ground))
        palette.setColor(QPalette.ColorRole.WindowText, QColor(words))
        self.setPalette(palette)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is QApplication.instance() and event.type() == QEvent.Type.ApplicationPaletteChange:
            self._colour()
        return False


class RoomyRows(QStyledItemDelegate):
    """Navigation rows with room around their words, measured in the current font (not a style sheet,
    which would stop the list following the theme and the text size)."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        pad = max(4, option.fontMetrics.height() // 3)
        return QSize(size.width() + pad, size.height() + pad)
