"""The one search box of phase 1: notes, answers, findings and documents, found as the person types, each
result with the words around it and a jump to where it is."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QKeyEvent, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from tidesk.core.familiarisation import search
from tidesk.gui.shell.context import AppContext
from tidesk.gui.widgets.basics import named, note, quiet

HIT_ROLE = Qt.ItemDataRole.UserRole + 10
TYPED_MS = 120  # results follow the typing this soon after the keys rest
Index = QModelIndex | QPersistentModelIndex


def marked_html(title: str, context: str) -> str:
    """The result as a person reads it: what and where in bold, then the words around the match with the
    matched words in bold (everything a person typed escaped, never read as markup)."""
    parts = html.escape(context).replace("«", "<b>").replace("»", "</b>")
    return f"<b>{html.escape(title)}</b><br>{parts}"


class HitDelegate(QStyledItemDelegate):
    """Draws a result's two lines, with the matched words in bold, in the palette's colours."""

    PAD = 6

    def _document(self, option: QStyleOptionViewItem, index: Index, width: int) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setHtml(str(index.data(Qt.ItemDataRole.DisplayRole) or ""))
        document.setTextWidth(max(80, width))
        return document

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        width = option.rect.width() - 2 * self.PAD if option.rect.width() > 0 else 500
        document = self._document(option, index, width)
        return QSize(width, int(document.size().height()) + 2 * self.PAD)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        view = QStyleOptionViewItem(option)
        self.initStyleOption(view, index)
        view.text = ""
        widget = view.widget
        style = widget.style() if widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, view, painter, widget)
        rect = option.rect.adjusted(self.PAD, self.PAD, -self.PAD, -self.PAD)
        document = self._document(option, index, rect.width())
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        painter.save()
        painter.translate(rect.topLeft())
        painter.setClipRect(QRectF(0, 0, rect.width(), rect.height()))
        document.documentLayout().draw(painter, context)
        painter.restore()


class SearchBox(QWidget):
    """``chosen(hit)`` when a result is opened (Enter or a click)."""

    chosen = Signal(object)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.box = named(
            QLineEdit(),
            "Search notes, answers, findings and documents",
            "Results appear as you type; Down goes to them, Enter opens one, Escape clears",
        )
        self.box.setPlaceholderText("Search notes, answers, findings and documents (Ctrl+F)")
        self.box.setClearButtonEnabled(True)
        layout.addWidget(self.box)
        self.summary = quiet(note(""))
        self.summary.setVisible(False)
        layout.addWidget(self.summary)
        self.results = named(QListWidget(), "Search results")
        self.results.setItemDelegate(HitDelegate(self.results))
        self.results.setWordWrap(True)
        self.results.setVisible(False)
        self.results.itemActivated.connect(self._open)
        self.results.itemClicked.connect(self._open)
        layout.addWidget(self.results)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPED_MS)
        self._timer.timeout.connect(self.run)
        self.box.textChanged.connect(lambda _text: self._timer.start())
        self.box.installEventFilter(self)
        self.results.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if event.key() == Qt.Key.Key_Escape:
            self.clear()
            self.box.setFocus()
            return True
        if watched is self.box and event.key() == Qt.Key.Key_Down and self.results.count():
            self.results.setFocus()
            self.results.setCurrentRow(0)
            return True
        if watched is self.box and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.results.count():
            self._timer.stop()
            self._open(self.results.item(0))
            return True
        if watched is self.results and event.key() == Qt.Key.Key_Up and self.results.currentRow() == 0:
            self.box.setFocus()
            return True
        return False

    def focus(self) -> None:
        self.box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.box.selectAll()

    def clear(self) -> None:
        self.box.clear()
        self.run()

    def run(self) -> None:
        """Search for what is in the box now (quick: the index is in memory and only catches up on changes)."""
        self._timer.stop()
        query = self.box.text()
        hits = search.search(self.ctx.ws, query) if query.strip() and self.ctx.workspace is not None else []
        self.results.clear()
        for hit in hits:
            item = QListWidgetItem(marked_html(f"{search.KIND_WORDS[hit.kind]} · {hit.title}", hit.context))
            item.setData(HIT_ROLE, hit)
            item.setData(
                Qt.ItemDataRole.AccessibleTextRole,
                f"{search.KIND_WORDS[hit.kind]}, {hit.title}: " + hit.context.replace("«", "").replace("»", ""),
            )
            self.results.addItem(item)
        self.results.setVisible(bool(hits))
        if query.strip():
            found = len(hits)
            self.summary.setText(
                "Nothing found." if not found else ("One result." if found == 1 else f"{found} results, best first.")
            )
        self.summary.setVisible(bool(query.strip()))
        rows = min(len(hits), 6)
        if rows:
            height = sum(self.results.sizeHintForRow(i) for i in range(rows)) + 2 * self.results.frameWidth()
            self.results.setFixedHeight(height)

    def _open(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.chosen.emit(item.data(HIT_ROLE))
