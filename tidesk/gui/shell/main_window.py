"""The main window: the programme on the left, the page on the right, menus, and the status bar."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QFont, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tidesk import areas
from tidesk.core import backup
from tidesk.core.errors import StorageError, TideskError
from tidesk.core.programme import Phase, StepState
from tidesk.core.units import Touched
from tidesk.core.workspace import Workspace
from tidesk.gui.shell import about, workspace_flow
from tidesk.gui.shell.banner import Banner, RoomyRows
from tidesk.gui.shell.context import AppContext
from tidesk.gui.shell.export import ask_and_export
from tidesk.gui.shell.pages import PageEntry, all_pages
from tidesk.gui.shell.preferences import TEXT_SCALES
from tidesk.gui.shell.tasks import Task, describe_error
from tidesk.gui.shell.theme import THEMES, apply_text_scale, apply_theme
from tidesk.gui.shell.undo import TextUndoFallthrough
from tidesk.gui.shell.welcome import WelcomePage
from tidesk.gui.widgets.basics import named, rescale_headings
from tidesk.reports.registry import REPORTS

if TYPE_CHECKING:
    from tidesk.core.forms.loader import FormProblem

STATE_WORDS = {StepState.NOT_STARTED: "not started", StepState.IN_PROGRESS: "in progress", StepState.DONE: "done"}
STATE_MARKS = {StepState.NOT_STARTED: "○", StepState.IN_PROGRESS: "◐", StepState.DONE: "●"}
BACKUP_CHECK_MS = 60_000
DEFAULT_SIZE = QSize(1180, 760)
MINIMUM_SIZE = QSize(820, 560)
Shortcut = QKeySequence | QKeySequence.StandardKey | str | None


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, base_font: QFont) -> None:
        super().__init__()
        self.ctx = ctx
        ctx.window = self
        self._base_font = base_font
        self.exit_when_ready = False  # set by app.run for benchmarks and smoke tests
        self.exit_code = 0
        self._pages: dict[str, QWidget] = {}  # built when first shown
        self._entries: dict[str, PageEntry] = {}
        self.setMinimumSize(MINIMUM_SIZE)

        self.nav = named(QTreeWidget(), "Programme steps", "Choose a step of the programme to work on")
        self.nav.setHeaderHidden(True)
        self.nav.setRootIsDecorated(False)
        self.nav.setIndentation(14)
        self.nav.setItemDelegate(RoomyRows(self.nav))
        self.nav.currentItemChanged.connect(self._nav_changed)

        self.banner = Banner()
        self.banner.setVisible(False)
        self.stack = QStackedWidget()
        self.welcome = WelcomePage(ctx, self)
        self.stack.addWidget(self.welcome)
        self.getting_ready = QLabel()
        self.getting_ready.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.getting_ready.setTextFormat(Qt.TextFormat.PlainText)
        self.stack.addWidget(self.getting_ready)
        self.warm = False
        self._wanted_page = "home"
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(0)
        right_layout.addWidget(self.banner)
        right_layout.addWidget(self.stack, 1)
        splitter = QSplitter()
        splitter.addWidget(self.nav)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        self.setCentralWidget(splitter)

        self.stored_label = QLabel()
        self.backup_label = QLabel()
        self.stored_label.setContentsMargins(0, 0, 12, 0)
        self.statusBar().addPermanentWidget(self.stored_label)
        self.statusBar().addPermanentWidget(self.backup_label)
        ctx.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        ctx.stored.connect(self._show_stored)
        ctx.navigate.connect(self.show_page)

        self._build_menus()
        self._undo_keys = TextUndoFallthrough(self)
        QApplication.instance().installEventFilter(self._undo_keys)  # type: ignore[union-attr]
        ctx.workspace_replaced.connect(self._workspace_replaced)
        ctx.changed.connect(self._refresh_states)
        self._backup_timer = QTimer(self)
        self._backup_timer.setInterval(BACKUP_CHECK_MS)
        self._backup_timer.timeout.connect(self._maybe_backup)
        self._backup_timer.start()
        geometry = ctx.preferences.geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(DEFAULT_SIZE)
        self._keep_on_screen()
        self._workspace_replaced()

    def _keep_on_screen(self) -> None:
        """Open within the screen, however large the window was on another one (a 1024×768 clinic PC)."""
        screen = self.screen() or QApplication.primaryScreen()
        if screen is None:
            return
        room = screen.availableGeometry()
        self.setMinimumSize(MINIMUM_SIZE.boundedTo(room.size()))
        frame = self.frameGeometry().size() - self.geometry().size()
        self.resize(self.size().boundedTo(room.size() - frame))
        if not room.contains(self.frameGeometry()):
            self.move(
                max(room.left(), min(self.x(), room.right() - self.frameGeometry().width())),
                max(room.top(), min(self.y(), room.bottom() - self.frameGeometry().height())),
            )

    # ---- menus -----------------------------------------------------------------------------------

    def _action(self, menu: QMenu, text: str, slot: object, shortcut: Shortcut = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self._action(
            file_menu, "&New workspace…", lambda: workspace_flow.new_workspace(self), QKeySequence.StandardKey.New
        )
        self._action(file_menu, "&Open…", lambda: workspace_flow.open_other(self), QKeySequence.StandardKey.Open)
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self._action(file_menu, "Open the &demo service…", lambda: workspace_flow.open_demo(self))
        file_menu.addSeparator()
        self.backup_action = self._action(file_menu, "&Back up now", self.back_up_now, "Ctrl+Shift+B")
        self.restore_action = self._action(
            file_menu, "R&estore from backup…", lambda: workspace_flow.restore_from_backup(self)
        )
        self.export_menu = file_menu.addMenu("E&xport report")
        for spec in REPORTS.values():
            self._action(self.export_menu, f"{spec.title}…", lambda _c=False, n=spec.name: ask_and_export(self.ctx, n))
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit)

        edit_menu = bar.addMenu("&Edit")
        undo = self._undo_action("&Undo", QKeySequence.StandardKey.Undo, self.ctx.undo)
        redo = self._undo_action("&Redo", QKeySequence.StandardKey.Redo, self.ctx.redo)
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        edit_menu.addSeparator()
        self.settings_action = self._action(
            edit_menu, "&Settings…", self.open_settings, QKeySequence.StandardKey.Preferences
        )
        self.undo_action, self.redo_action = undo, redo

        view_menu = bar.addMenu("&View")
        theme_menu = view_menu.addMenu("&Theme")
        group = QActionGroup(self)
        current = self.ctx.preferences.get("theme")
        self.theme_actions: dict[str, QAction] = {}
        for key, label in THEMES.items():
            action = self._action(theme_menu, label, lambda _c=False, k=key: self.set_theme(k))
            action.setCheckable(True)
            action.setChecked(key == current)
            group.addAction(action)
            self.theme_actions[key] = action
        view_menu.addSeparator()
        self._action(view_menu, "&Larger text", lambda: self.step_text(+1), QKeySequence.StandardKey.ZoomIn)
        self._action(view_menu, "&Smaller text", lambda: self.step_text(-1), QKeySequence.StandardKey.ZoomOut)
        self._action(view_menu, "&Reset text size", lambda: self.set_text_scale(100), "Ctrl+0")
        view_menu.addSeparator()
        self._action(view_menu, "&Full screen", self.toggle_full_screen, QKeySequence.StandardKey.FullScreen)

        help_menu = bar.addMenu("&Help")
        self._action(help_menu, "&Keyboard shortcuts", self.show_shortcuts, QKeySequence.StandardKey.HelpContents)
        self._action(help_menu, "&About tidesk", lambda: about.show_about(self, self.ctx))

    def _undo_action(self, text: str, keys: QKeySequence.StandardKey, step: Callable[[], None]) -> QAction:
        """Undo or Redo, named after what it would undo ("Undo Change the service name"); it asks the
        context to step, so typing not yet stored is stored first."""
        group = self.ctx.undo_group
        action = QAction(text, self)
        action.setShortcuts(keys)
        action.triggered.connect(step)
        undo = text == "&Undo"
        can, named = (group.canUndo, group.undoText) if undo else (group.canRedo, group.redoText)

        def follow(*_args: object) -> None:
            action.setEnabled(can())
            action.setText(f"{text} {named()}" if named() else text)

        signals = (
            (group.canUndoChanged, group.undoTextChanged) if undo else (group.canRedoChanged, group.redoTextChanged)
        )
        for signal in (*signals, group.activeStackChanged, group.indexChanged):
            signal.connect(follow)
        follow()
        return action

    def show_shortcuts(self) -> None:
        from tidesk.gui.shell.shortcuts import show_shortcuts

        show_shortcuts(self, self.menuBar())

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = [p for p in self.ctx.preferences.get("recent") if Path(p).exists()]
        if not recent:
            self.recent_menu.addAction("No recent workspaces").setEnabled(False)
        for path in recent:
            self._action(self.recent_menu, path, lambda _c=False, p=path: workspace_flow.open_path(self, Path(p)))

    # ---- pages and navigation --------------------------------------------------------------------

    def _workspace_replaced(self) -> None:
        for page in self._pages.values():
            self.stack.removeWidget(page)
            page.deleteLater()
        self._pages.clear()
        self.nav.clear()
        ws = self.ctx.workspace
        for action in (self.backup_action, self.restore_action):
            action.setEnabled(ws is not None and not self.ctx.read_only)  # the copy that changes it backs it up
        self.export_menu.menuAction().setEnabled(ws is not None)
        if ws is None:
            self.nav.setVisible(False)
            self.banner.setVisible(False)
            self.stack.setCurrentWidget(self.welcome)
            self.welcome.own.setFocus()
            self.setWindowTitle("tidesk")
            self.stored_label.setText("")
            self.backup_label.setText("")
            return
        self.nav.setVisible(True)
        self._entries = {entry.key: entry for entry in all_pages()}
        phase_items: dict[object, QTreeWidgetItem] = {}
        for entry in self._entries.values():
            parent = self.nav.invisibleRootItem()
            if entry.phase is not None and entry.phase != Phase.REPORTS:
                if entry.phase not in phase_items:
                    header = QTreeWidgetItem([entry.phase.heading])
                    header.setFlags(Qt.ItemFlag.ItemIsEnabled)
                    font = header.font(0)
                    font.setBold(True)
                    header.setFont(0, font)
                    self.nav.addTopLevelItem(header)
                    phase_items[entry.phase] = header
                parent = phase_items[entry.phase]
            item = QTreeWidgetItem([entry.title])
            item.setData(0, Qt.ItemDataRole.UserRole, entry.key)
            parent.addChild(item)
        self.nav.expandAll()
        self._fit_nav()
        notes = []
        if self.ctx.read_only:
            notes.append("Open to read only: nothing can be changed in this workspace here.")
        if ws.is_demo:
            notes.append(
                "Fictional demo service: the people, places and records here are made up, so explore freely. "
                "Reports from it are marked as a demo on every page."
            )
        self.banner.setText(" ".join(notes))
        self.banner.setVisible(bool(notes))
        self.warm = False
        self._refresh_states(None)
        self._show_stored(True, "")
        self.show_page(self.ctx.preferences.get("last_page"))
        self._update_backup_label()
        self.nav.setFocus()  # the keyboard starts on the programme's steps
        if not self.exit_when_ready:  # a window closing at once has nothing to get ready for
            self._warm_up(ws)

    def _warm_up(self, ws: Workspace) -> None:
        """Straight after the first window shows: the ORM and pages load in the background, then the page
        last used appears and each step shows how far along it is."""
        from tidesk.gui.shell.warm_up import warm_up

        def done(skipped: list[FormProblem]) -> None:
            if self.ctx.workspace is not ws:
                return  # another workspace was opened meanwhile
            self.warm = True
            self._refresh_states(None)
            self.show_page(self._wanted_page)
            self._report_skipped(skipped)

        def failed(exc: BaseException) -> None:
            done([])
            self.ctx.failed(
                exc if isinstance(exc, TideskError) else TideskError(describe_error(exc)), isinstance(exc, StorageError)
            )

        places = self.ctx.places
        self.ctx.runner.run(
            Task(
                title="Getting ready…",
                work=lambda _p: warm_up(ws, places),
                on_done=done,
                on_error=failed,
                quiet=True,
                cancellable=False,
            )
        )

    def _fit_nav(self) -> None:
        """Wide enough for the steps' names, but never more than a third of the window: at large text on a
        small screen the page keeps its room, and long names are shortened with an ellipsis."""
        wanted = max(200, self.nav.sizeHintForColumn(0) + 40)
        self.nav.setMinimumWidth(min(wanted, max(160, self.width() // 3)))

    def _refresh_states(self, touched: Touched | None) -> None:
        """The title and each step's state, read again only when a change touched what they show."""
        ws = self.ctx.workspace
        if ws is None:
            return
        if touched is None or touched.touches(areas.area("service").tables):
            if self.warm:
                from tidesk.core import service

                name = service.get_profile(ws).name
            else:
                name = ws.first_look.service_name  # the quick read, before the ORM has loaded
            shown = name or "Unnamed service"
            self.setWindowTitle(f"{shown}{' (fictional demo)' if ws.is_demo else ''} — {ws.path.name} — tidesk")
        if not self.warm:
            return  # each step's state is read once the pages' code has loaded
        for item in self._nav_items():
            entry = self._entries[item.data(0, Qt.ItemDataRole.UserRole)]
            if entry.area is None or not (touched is None or touched.touches(entry.area.tables)):
                continue
            state = entry.area.step_state(ws)
            item.setText(0, f"{STATE_MARKS[state]}  {entry.title}")
            item.setToolTip(0, f"{entry.title}: {STATE_WORDS[state]}")
            item.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"{entry.title}, {STATE_WORDS[state]}")

    def _show_stored(self, ok: bool, problem: str) -> None:
        """The status bar never says a change is stored when it is not."""
        if ok:
            self.stored_label.setText("Every change is stored as you make it")
            self.stored_label.setFont(QFont())
            self.stored_label.setToolTip("")
        else:
            self.stored_label.setText("⚠ The last change was not stored")
            bold = QFont()
            bold.setBold(True)
            self.stored_label.setFont(bold)
            self.stored_label.setToolTip(problem)

    def _nav_items(self) -> list[QTreeWidgetItem]:
        found = []
        for index in range(self.nav.topLevelItemCount()):
            top = self.nav.topLevelItem(index)
            if top is None:
                continue
            if top.data(0, Qt.ItemDataRole.UserRole):
                found.append(top)
            found.extend(c for c in (top.child(i) for i in range(top.childCount())) if c is not None)
        return found

    def page(self, key: str) -> QWidget:
        """The page for ``key``, built the first time it is asked for."""
        page = self._pages.get(key)
        if page is None:
            entry = self._entries[key]
            page = entry.build(self.ctx)
            if not page.accessibleName():
                page.setAccessibleName(entry.title)
            self._pages[key] = page
            self.stack.addWidget(page)
        return page

    def show_page(self, key: str) -> None:
        if key not in self._entries:
            key = "home"
        for item in self._nav_items():
            if item.data(0, Qt.ItemDataRole.UserRole) == key:
                self.nav.setCurrentItem(item)
                break
        self._show(key)

    def _show(self, key: str) -> None:
        """The page, once the pages' code has loaded; until then (a fraction of a second) a calm word."""
        self._wanted_page = key
        if self.warm:
            self.stack.setCurrentWidget(self.page(key))
        else:
            self.getting_ready.setText(f"Opening {self._entries[key].title}…")
            self.stack.setCurrentWidget(self.getting_ready)

    def current_page_key(self) -> str | None:
        item = self.nav.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item else None

    def _nav_changed(self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        key = current.data(0, Qt.ItemDataRole.UserRole) if current else None
        if key in self._entries:
            self._show(key)
            self.ctx.preferences.set("last_page", key)

    def _report_skipped(self, skipped: list[FormProblem]) -> None:
        """A broken form file never stops the app; the person is told which file and why."""
        if skipped:
            first = str(skipped[0])
            more = f" (and {len(skipped) - 1} more problems; see Forms)" if len(skipped) > 1 else ""
            self.ctx.message.emit(f"A form file was skipped: {first}{more}")

    # ---- backups ---------------------------------------------------------------------------------

    def _update_backup_label(self) -> None:
        ws = self.ctx.workspace
        latest = backup.latest_backup(self.ctx.places.backups, ws) if ws else None
        if latest is None:
            self.backup_label.setText("No backup yet")
        else:
            when = latest.taken_at
            day = "today" if when.date() == datetime.now().date() else f"{when:%d %b}".lstrip("0")
            self.backup_label.setText(f"Last backup {day} at {when:%H:%M}")

    def back_up_now(self) -> None:
        self._run_backup("manual", quiet=False)

    def _maybe_backup(self) -> None:
        ws = self.ctx.workspace
        due = ws is not None and not self.ctx.read_only and not self.ctx.runner.busy
        if due and ws is not None and backup.editing_backup_due(ws, self.ctx.places.backups):
            self._run_backup("editing", quiet=True)

    def _run_backup(self, reason: str, *, quiet: bool) -> None:
        ws = self.ctx.ws
        root = self.ctx.places.backups

        def done(made: backup.Backup) -> None:
            self._update_backup_label()
            self.ctx.message.emit(f"Backed up and checked: {made.path.name}")

        self.ctx.runner.run(
            Task(
                title="Backing up the workspace…",
                work=lambda progress: backup.take_backup(ws.path, root, reason=reason, progress=progress),
                on_done=done,
                cancellable=False,
                quiet=quiet,
            )
        )

    # ---- view ------------------------------------------------------------------------------------

    def set_theme(self, theme: str) -> None:
        self.ctx.preferences.set("theme", theme)
        if theme in self.theme_actions:
            self.theme_actions[theme].setChecked(True)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, theme)

    def set_text_scale(self, percent: int) -> None:
        self.ctx.preferences.set("text_scale", percent)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_text_scale(app, self._base_font, percent)
            rescale_headings()
            QTimer.singleShot(0, self, self._fit_nav)  # once the navigation has its new font

    def open_settings(self) -> None:
        from tidesk.core.changes import Batch
        from tidesk.core.settings import get_setting, set_setting
        from tidesk.gui.shell.settings_dialog import SettingsDialog

        chosen, ok = SettingsDialog.get_value(self, self.ctx)
        if not ok:
            return
        ws = self.ctx.workspace
        if ws is not None and not self.ctx.read_only:
            wanted = {
                "protective_marking": chosen.marking,
                "small_number_threshold": chosen.threshold,
                "keep_names": chosen.keep_names,
            }
            changes = [set_setting(key, value) for key, value in wanted.items() if get_setting(ws, key) != value]
            if changes:
                self.ctx.apply("Change the settings", lambda: Batch(tuple(changes)))
        if chosen.theme != self.ctx.preferences.get("theme"):
            self.set_theme(chosen.theme)
        if chosen.text_scale != self.ctx.preferences.get("text_scale"):
            self.set_text_scale(chosen.text_scale)

    def step_text(self, step: int) -> None:
        current = self.ctx.preferences.get("text_scale")
        index = min(range(len(TEXT_SCALES)), key=lambda i: abs(TEXT_SCALES[i] - current))
        self.set_text_scale(TEXT_SCALES[max(0, min(len(TEXT_SCALES) - 1, index + step))])

    def toggle_full_screen(self) -> None:
        self.setWindowState(self.windowState() ^ Qt.WindowState.WindowFullScreen)

    # ---- closing ---------------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_nav()

    def closeEvent(self, event: QCloseEvent) -> None:
        focused = QApplication.focusWidget()
        if focused is not None:
            focused.clearFocus()  # a box being edited commits its text before the workspace closes
        self.ctx.preferences.save_window(self.saveGeometry(), self.saveState())
        self.ctx.preferences.sync()
        self.ctx.runner.wait()
        self.ctx.set_workspace(None)
        super().closeEvent(event)
