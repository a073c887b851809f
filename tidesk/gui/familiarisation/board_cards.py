"""The findings board's cards, painted by one delegate rather than built from widgets (a board of a thousand
findings is shown at once; widgets for each would take seconds to build).

A card shows the finding's kind in words and in a colour that reads on light and dark palettes alike, its
words (cut after a few lines; the edit dialog has them all), its tags, where it was said, and a link that shows
the passage in its conversation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QMouseEvent, QPainter, QPalette, QPen, QTextLayout, QTextOption
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from tidesk.core.familiarisation.findings import KIND_LABELS, FindingData
from tidesk.core.programme import Principle

Index = QModelIndex | QPersistentModelIndex
CARD_ROLE = Qt.ItemDataRole.UserRole + 10
UUID_ROLE = Qt.ItemDataRole.UserRole
SHOW_SOURCE = "Show where it was said"
TEXT_LINES = 6  # a card shows this many lines of a finding's words; the edit dialog shows them all
DETAIL_LINES = 2
PAD = 8
STRIP = 6  # the coloured edge that, with the words, says the kind
GAP = 3
TINT = 0.14
MAX_SHAPES = 20_000

# The kind's colour: on a light palette dark enough for words on white, on a dark one light enough for words on
# near-black (both well over 4.5:1), and told apart by hue and by lightness, never by colour alone: the kind is
# always written out too.
KIND_INK = {
    ("facilitator", False): "#1d6a3a",
    ("barrier", False): "#9a4300",
    ("facilitator", True): "#86d5a2",
    ("barrier", True): "#f3ad6e",
}


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def kind_colour(kind: str, palette: QPalette) -> QColor:
    return QColor(KIND_INK.get((kind, is_dark(palette)), KIND_INK[("facilitator", is_dark(palette))]))


def mix(colour: QColor, other: QColor, amount: float) -> QColor:
    return QColor.fromRgbF(
        colour.redF() * amount + other.redF() * (1 - amount),
        colour.greenF() * amount + other.greenF() * (1 - amount),
        colour.blueF() * amount + other.blueF() * (1 - amount),
    )


def short_tag(tag: str) -> str:
    """A tag in few words, for a card: "Theme 3", "Trust", "MAT 6" (the picker has the long names)."""
    family, _, code = tag.partition(":")
    if family == "theme":
        return f"Theme {code}"
    if family == "mat":
        return f"MAT {code}"
    return Principle(code).label if code in set(Principle) else tag


def tag_order(tag: str) -> tuple[int, int, str]:
    family, _, code = tag.partition(":")
    rank = {"theme": 0, "principle": 1, "mat": 2}.get(family, 3)
    principles = [p.value for p in Principle]
    number = int(code) if code.isdigit() else (principles.index(code) if code in principles else 99)
    return rank, number, code


@dataclass(frozen=True)
class Card:
    """One finding as its column shows it."""

    finding: FindingData
    theme: int  # the column it is in
    source: str  # "Nurses · Nursing team, 3 March 2026"

    @property
    def kind_words(self) -> str:
        words = KIND_LABELS.get(self.finding.kind, self.finding.kind)
        return f"{words} · quoted in the report" if self.finding.quote else words

    @property
    def tag_words(self) -> str:
        """Its tags, leaving out the theme of the column it is in (the heading says that one)."""
        shown = sorted((t for t in self.finding.tags if t != f"theme:{self.theme}"), key=tag_order)
        return " · ".join(short_tag(tag) for tag in shown)

    @property
    def spoken(self) -> str:
        """What a screen reader says for the card."""
        parts = [f"{self.kind_words}: {self.finding.text}"]
        if self.tag_words:
            parts.append(f"Also tagged {self.tag_words}")
        if self.source:
            parts.append(f"From {self.source}")
        return ". ".join(parts)


class CardModel(QAbstractListModel):
    """The cards of one column."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cards: list[Card] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  (Qt's own default)
        return 0 if parent.isValid() else len(self.cards)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.cards):
            return None
        card = self.cards[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return card.spoken
        if role == Qt.ItemDataRole.ToolTipRole:
            return card.finding.text if len(card.finding.text) > 200 else None
        if role == CARD_ROLE:
            return card
        if role == UUID_ROLE:
            return card.finding.uuid
        return None

    def set_cards(self, cards: Sequence[Card]) -> None:
        self.beginResetModel()
        self.cards = list(cards)
        self.endResetModel()

    def row_of(self, uuid: str) -> int:
        return next((row for row, card in enumerate(self.cards) if card.finding.uuid == uuid), -1)


def wrap(text: str, font: QFont, width: int, most: int) -> list[str]:
    """The text in lines no wider than ``width``: at most ``most`` of them, the last cut short with "…"."""
    if not text:
        return []
    flowing = text.replace("\r\n", "\n").replace("\n", "\u2028")  # a line break in the words stays one
    layout = QTextLayout(flowing, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    spans: list[tuple[int, int]] = []
    layout.beginLayout()
    while len(spans) <= most:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(max(1, width))
        spans.append((line.textStart(), line.textLength()))
    layout.endLayout()
    lines = [flowing[start : start + length].replace("\u2028", "").rstrip() for start, length in spans[:most]]
    if len(spans) > most:
        rest = flowing[spans[most - 1][0] :].replace("\u2028", " ")
        lines[-1] = QFontMetrics(font).elidedText(rest + " …", Qt.TextElideMode.ElideRight, max(1, width))
    return lines


@dataclass(frozen=True)
class Part:
    """Lines of one part of a card, in one font and colour, from ``top``."""

    lines: tuple[str, ...]
    font: QFont
    role: str  # "kind", "text", "quiet", "link"
    top: int
    line_height: int


@dataclass(frozen=True)
class CardShape:
    parts: tuple[Part, ...]
    link: QRect  # relative to the card's top left
    height: int


class CardDelegate(QStyledItemDelegate):
    """Paints cards, and says when the "Show where it was said" link of one was clicked."""

    show_source = Signal(str, str)  # note uuid, finding uuid

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._shapes: dict[tuple[Card, int, str], CardShape] = {}

    def forget(self) -> None:
        """Drop the measured cards (the text size changed, or the cards did)."""
        self._shapes.clear()

    @staticmethod
    def _width(option: QStyleOptionViewItem) -> int:
        view = option.widget
        if isinstance(view, QAbstractItemView):
            spacing = view.spacing() if hasattr(view, "spacing") else 0
            return max(120, view.viewport().width() - 2 * spacing - 2)
        return max(120, option.rect.width()) if option.rect.width() > 0 else 300

    def shape(self, card: Card, font: QFont, width: int) -> CardShape:
        key = (card, width, font.key())
        found = self._shapes.get(key)
        if found is None:
            if len(self._shapes) > MAX_SHAPES:
                self._shapes.clear()  # measured at widths long gone
            found = self._shapes[key] = self._measure(card, font, width)
        return found

    def _measure(self, card: Card, given: QFont, width: int) -> CardShape:
        font = QFont(given)  # the shape outlives the option the font came with
        bold = QFont(font)
        bold.setWeight(QFont.Weight.DemiBold)
        link = QFont(font)
        link.setUnderline(True)
        inner = width - 2 * PAD - STRIP
        parts: list[Part] = []
        top = PAD
        wanted = (
            (card.kind_words, bold, "kind", DETAIL_LINES),
            (card.finding.text, font, "text", TEXT_LINES),
            (card.tag_words, font, "quiet", DETAIL_LINES),
            (card.source, font, "quiet", DETAIL_LINES),
        )
        for words, part_font, role, most in wanted:
            lines = wrap(words, part_font, inner, most)
            if not lines:
                continue
            height = QFontMetrics(part_font).lineSpacing()
            parts.append(Part(tuple(lines), part_font, role, top, height))
            top += height * len(lines) + GAP
        metrics = QFontMetrics(link)
        link_width = min(inner, metrics.horizontalAdvance(SHOW_SOURCE) + 2)
        link_rect = QRect(PAD + STRIP, top + GAP, link_width, metrics.height())
        parts.append(Part((SHOW_SOURCE,), link, "link", top + GAP, metrics.lineSpacing()))
        return CardShape(tuple(parts), link_rect, link_rect.bottom() + 1 + PAD)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        card = index.data(CARD_ROLE)
        if not isinstance(card, Card):
            return super().sizeHint(option, index)
        width = self._width(option)
        return QSize(width, self.shape(card, option.font, width).height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        card = index.data(CARD_ROLE)
        if not isinstance(card, Card):
            super().paint(painter, option, index)
            return
        palette = option.palette
        rect = option.rect.adjusted(1, 1, -1, -1)
        shape = self.shape(card, option.font, self._width(option))
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        base = palette.color(QPalette.ColorRole.Base)
        accent = palette.color(QPalette.ColorRole.Highlight)
        ink = kind_colour(card.finding.kind, palette)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(accent, 2.5) if selected else QPen(palette.color(QPalette.ColorRole.Mid), 1))
        painter.setBrush(mix(accent, base, TINT) if selected else base)
        painter.drawRoundedRect(rect, 5, 5)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(ink)
        painter.drawRoundedRect(QRect(rect.left() + 2, rect.top() + 2, STRIP, rect.height() - 4), 2, 2)
        colours = {
            "kind": ink,
            "text": palette.color(QPalette.ColorRole.Text),
            "quiet": palette.color(QPalette.ColorRole.PlaceholderText),
            "link": palette.color(QPalette.ColorRole.Link),
        }
        left = rect.left() - 1 + PAD + STRIP
        width = rect.width() - 2 * PAD - STRIP
        for part in shape.parts:
            painter.setFont(part.font)
            painter.setPen(colours[part.role])
            for number, line in enumerate(part.lines):
                top = option.rect.top() + part.top + number * part.line_height
                line_rect = QRect(left, top, width, part.line_height)
                painter.drawText(line_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), line)
        painter.restore()

    def link_at(self, option: QStyleOptionViewItem, index: Index, point: QPoint) -> bool:
        card = index.data(CARD_ROLE)
        if not isinstance(card, Card):
            return False
        shape = self.shape(card, option.font, self._width(option))
        return shape.link.translated(option.rect.topLeft()).adjusted(-2, -2, 2, 2).contains(point)

    def editorEvent(self, event: QEvent, model: Any, option: QStyleOptionViewItem, index: Index) -> bool:
        if (
            isinstance(event, QMouseEvent)
            and event.type() == QEvent.Type.MouseButtonRelease
            and event.button() == Qt.MouseButton.LeftButton
            and self.link_at(option, index, event.position().toPoint())
        ):
            card = index.data(CARD_ROLE)
            assert isinstance(card, Card)
            self.show_source.emit(card.finding.note_uuid, card.finding.uuid)
            return True
        return super().editorEvent(event, model, option, index)
