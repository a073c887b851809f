"""Help ▸ Keyboard shortcuts: every key chord of the menus and of each page, read from where they are made
(the menus' actions, and each page class's ``KEYS``), so the list can never drift from what the keys do."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialogButtonBox, QMenu, QMenuBar, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from tidesk import areas
from tidesk.gui.widgets.basics import named, note
from tidesk.gui.widgets.dialogs import Dialog, text_width


def menu_keys(bar: QMenuBar) -> list[tuple[str, list[tuple[str, str]]]]:
    """Each menu's actions that have a key chord: (menu, [(what it does, keys)])."""
    found = []
    for menu_action in bar.actions():
        menu = menu_action.menu()
        if not isinstance(menu, QMenu):
            continue
        rows = list(_actions(menu.actions()))
        if rows:
            found.append((menu_action.text().replace("&", ""), rows))
    return found


def _actions(actions: list[QAction]) -> list[tuple[str, str]]:
    rows = []
    for action in actions:
        sub = action.menu()
        if isinstance(sub, QMenu):
            rows += _actions(sub.actions())
            continue
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts() if not k.isEmpty()]
        if keys:
            words = action.text().replace("&", "").replace("…", "")
            rows.append((words.split(" ")[0] if words.startswith(("Undo ", "Redo ")) else words, ", ".join(keys)))
    return rows


def page_keys() -> list[tuple[str, list[tuple[str, str]]]]:
    found = []
    for area in areas.ordered():
        page = areas.resolve(area.page)
        keys = getattr(page, "KEYS", ())
        if keys:
            found.append((area.title, [(words, _shown(chord)) for words, chord in keys]))
    return found


def _shown(chord: str) -> str:
    """A chord as this system writes it ("Ctrl+Return"); words such as "Ctrl+1 to Ctrl+4" stay as they are."""
    if " " in chord:
        return chord
    return QKeySequence(chord).toString(QKeySequence.SequenceFormat.NativeText) or chord


class ShortcutsDialog(Dialog):
    def __init__(self, parent: QWidget | None, bar: QMenuBar) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.setMinimumWidth(text_width(self, 64))
        layout = QVBoxLayout(self)
        layout.addWidget(note("Every key chord tidesk has. Tab and Shift+Tab move between controls everywhere."))
        self.tree = named(QTreeWidget(), "Keyboard shortcuts")
        self.tree.setHeaderLabels(["What it does", "Keys"])
        self.tree.setRootIsDecorated(False)
        for heading, rows in [*menu_keys(bar), *page_keys()]:
            group = QTreeWidgetItem([heading, ""])
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            self.tree.addTopLevelItem(group)
            for words, keys in rows:
                group.addChild(QTreeWidgetItem([words, keys]))
            group.setExpanded(True)
        self.tree.resizeColumnToContents(0)
        layout.addWidget(self.tree, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        named(buttons.button(QDialogButtonBox.StandardButton.Close), "Close")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def show_shortcuts(parent: QWidget, bar: QMenuBar) -> None:
    ShortcutsDialog(parent, bar).exec()
