"""Choosing a row's tags: tick boxes for the programme's themes, principles and MAT standards, grouped by family.

One picker for every area (findings, journey notes, priorities, actions): it knows only the programme's
vocabulary (``core/programme.py``) and the ``family:code`` convention (``core/tags.py``). The MAT standards
are optional in most places, so they are folded away until asked for. The boxes flow into as many columns as
the width allows, and their words wrap, so the picker fits a narrow window at any text size. With the
keyboard: Tab and Space as ever, Left and Right step between boxes, and the keys 1 to 9 tick or untick a
theme while the picker has the focus.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QKeyEvent, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QStyleOptionFocusRect,
    QStylePainter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from tidesk.core.programme import TAG_FAMILIES, tag_label
from tidesk.gui.widgets.basics import heading, named
from tidesk.gui.widgets.flow import FlowLayout

FAMILY_TITLES = {"theme": "Themes", "principle": "Principles", "mat": "MAT standards (optional)"}
FOLDED = frozenset({"mat"})  # families shown only when asked for (or when a row already has one of them)
WRAP_AT = 40  # a box's words wrap after about this many characters, so a family's boxes line up in columns
PAD = 3  # room round a box's words for its focus frame
INDICATOR_SHARE = 0.7  # the tick box is at least this share of a line tall, so it grows with the text


def family_tags(family: str) -> list[str]:
    """Every tag of one family, in the programme's order: ``theme:1`` … ``theme:9``."""
    return [f"{family}:{member.value}" for member in TAG_FAMILIES[family]]


class TagBox(QCheckBox):
    """A tick box whose words wrap onto further lines when there is no room for them on one line.

    A family's boxes share one width (the widest of them, up to ``WRAP_AT`` characters), so in a wide window
    they line up in columns rather than in a ragged row."""

    def __init__(self, tag: str, peers: list[TagBox], parent: QWidget | None = None) -> None:
        super().__init__(tag_label(tag), parent)
        self.tag = tag
        self.peers = peers
        peers.append(self)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        named(self, tag_label(tag))

    def _indicator(self) -> tuple[int, int, int]:
        """The tick box's width and height, and the gap before the words: the box grows with large text."""
        style = self.style()
        grown = int(QFontMetrics(self.font()).height() * INDICATOR_SHARE)
        return (
            max(style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, None, self), grown),
            max(style.pixelMetric(QStyle.PixelMetric.PM_IndicatorHeight, None, self), grown),
            style.pixelMetric(QStyle.PixelMetric.PM_CheckBoxLabelSpacing, None, self),
        )

    def _words(self, width: int) -> QRect:
        """Where the words go in a box this wide, and how tall they are when wrapped to it."""
        indicator, _height, spacing = self._indicator()
        left = PAD + indicator + spacing
        room = max(1, width - left - PAD)
        found = QFontMetrics(self.font()).boundingRect(
            QRect(0, 0, room, 100_000), int(Qt.TextFlag.TextWordWrap), self.text()
        )
        return QRect(left, PAD, room, found.height())

    def natural_width(self) -> int:
        metrics = QFontMetrics(self.font())
        indicator, _height, spacing = self._indicator()
        words = min(metrics.horizontalAdvance(self.text()), metrics.averageCharWidth() * WRAP_AT)
        return indicator + spacing + words + 2 * PAD + 2

    def sizeHint(self) -> QSize:
        width = max((peer.natural_width() for peer in self.peers), default=self.natural_width())
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        indicator, height, spacing = self._indicator()
        metrics = QFontMetrics(self.font())
        return QSize(indicator + spacing + metrics.averageCharWidth() * 12, max(height, metrics.height()) + 2 * PAD)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        _indicator, height, _spacing = self._indicator()
        return max(height, self._words(width).height()) + 2 * PAD

    def hitButton(self, pos: QPoint) -> bool:
        return self.rect().contains(pos)  # the words are part of the box too, not only the square

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionButton()
        self.initStyleOption(option)
        indicator, height, _spacing = self._indicator()
        line = QFontMetrics(self.font()).height()
        option.rect = QRect(PAD, PAD + max(0, (line - height) // 2), indicator, height)
        painter.drawPrimitive(QStyle.PrimitiveElement.PE_IndicatorCheckBox, option)
        words = self._words(self.width())
        group = QPalette.ColorGroup.Normal if self.isEnabled() else QPalette.ColorGroup.Disabled
        painter.setPen(self.palette().color(group, QPalette.ColorRole.WindowText))
        flags = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft) | int(Qt.AlignmentFlag.AlignTop)
        painter.drawText(words, flags, self.text())
        if self.hasFocus():
            frame = QStyleOptionFocusRect()
            frame.initFrom(self)
            frame.rect = words.adjusted(-2, -1, 2, 1)
            painter.drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, frame)


class WrapFlow(FlowLayout):
    """A flow whose items are never wider than the row (they wrap their words instead, being as tall as
    that needs)."""

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        x, y, row_height = rect.x(), rect.y(), 0
        for item in self._items:
            if item.isEmpty():
                continue
            hint = item.sizeHint()
            width = max(1, min(hint.width(), rect.width())) if rect.width() > 0 else hint.width()
            height = item.heightForWidth(width) if item.hasHeightForWidth() else hint.height()
            if x > rect.x() and x + width > rect.right() + 1:
                x, y, row_height = rect.x(), y + row_height + self._gap // 2, 0
            if move:
                item.setGeometry(QRect(x, y, width, height))
            x += width + self._gap
            row_height = max(row_height, height)
        return y + row_height - rect.y()


class TagPicker(QWidget):
    """Tick boxes for the programme's tags, grouped by family.

    ``changed`` is emitted when a person ticks or unticks a box (never by ``set_tags``). Tags of families the
    picker does not show are kept as they were given, so ``tags()`` never drops what it cannot show."""

    changed = Signal()

    def __init__(
        self, families: tuple[str, ...] = ("theme", "principle", "mat"), parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        unknown = [family for family in families if family not in TAG_FAMILIES]
        if unknown:
            raise ValueError(f"these are not tag families: {unknown}")
        self.families = families
        self.boxes: dict[str, TagBox] = {}
        self.fold: QToolButton | None = None
        self._folded: QWidget | None = None
        self._kept: frozenset[str] = frozenset()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        for family in families:
            self._add_family(layout, family, folding=family in FOLDED and len(families) > 1)
        if "theme" in families:
            self.setToolTip("Keys 1 to 9 tick or untick a theme")

    def _add_family(self, layout: QVBoxLayout, family: str, *, folding: bool) -> None:
        title = FAMILY_TITLES[family]
        holder = QWidget()
        flow = WrapFlow(holder, spacing=12)
        peers: list[TagBox] = []
        for tag in family_tags(family):
            box = TagBox(tag, peers, holder)
            if family == "theme":
                box.setAccessibleDescription("Keys 1 to 9 tick or untick a theme")
            box.clicked.connect(self._ticked)
            flow.addWidget(box)
            self.boxes[tag] = box
        if folding:
            self.fold = named(QToolButton(), title, "Show or hide the MAT standards, for findings that touch on them")
            self.fold.setText(title)
            self.fold.setCheckable(True)
            self.fold.setAutoRaise(True)
            self.fold.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            self.fold.setArrowType(Qt.ArrowType.RightArrow)
            self.fold.toggled.connect(self._unfold)
            self._folded = holder
            holder.setVisible(False)
            layout.addWidget(self.fold, 0, Qt.AlignmentFlag.AlignLeft)
        else:
            layout.addWidget(heading(title, 3))
        layout.addWidget(holder)

    # -- what the picker holds --

    def tags(self) -> frozenset[str]:
        return frozenset(tag for tag, box in self.boxes.items() if box.isChecked()) | self._kept

    def set_tags(self, tags: Iterable[str]) -> None:
        """Show these tags ticked (and every other box unticked); ``changed`` is not emitted."""
        wanted = frozenset(tags)
        for tag, box in self.boxes.items():
            box.setChecked(tag in wanted)
        self._kept = frozenset(tag for tag in wanted if tag not in self.boxes)
        if self.fold is not None and any(self.boxes[t].isChecked() for t in self.boxes if t.startswith("mat:")):
            self.fold.setChecked(True)  # a row that has a MAT standard shows it
        self._show_fold_count()

    # -- a person's changes --

    def _ticked(self) -> None:
        self._show_fold_count()
        self.changed.emit()

    def _unfold(self, shown: bool) -> None:
        if self._folded is not None and self.fold is not None:
            self._folded.setVisible(shown)
            self.fold.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
            self._show_fold_count()

    def _show_fold_count(self) -> None:
        if self.fold is None:
            return
        ticked = sum(1 for tag, box in self.boxes.items() if tag.startswith("mat:") and box.isChecked())
        title = FAMILY_TITLES["mat"]
        self.fold.setText(f"{title} · {ticked} ticked" if ticked and not self.fold.isChecked() else title)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """1 to 9 tick or untick that theme (the keys reach here from whichever box has the focus)."""
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        number = event.key() - Qt.Key.Key_0
        box = self.boxes.get(f"theme:{number}")
        if box is not None and 1 <= number <= 9 and modifiers == Qt.KeyboardModifier.NoModifier:
            box.setFocus(Qt.FocusReason.ShortcutFocusReason)
            box.click()  # as a person's click: ``changed`` follows
            event.accept()
            return
        super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            for box in self.boxes.values():
                box.updateGeometry()
