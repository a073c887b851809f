"""Light, dark or the system's colours, and the text size: applied to the whole application."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from tidesk.gui.shell.style import TideskStyle

THEMES = {"system": "Follow the system", "light": "Light", "dark": "Dark"}
ACCENT = QColor("#2f6f73")  # a calm sea green, readable on light and dark


def _palette(dark: bool) -> QPalette:
    palette = QPalette()
    if dark:
        colours = {
            QPalette.ColorRole.Window: "#24272b",
            QPalette.ColorRole.WindowText: "#e8e6e3",
            QPalette.ColorRole.Base: "#1b1d20",
            QPalette.ColorRole.AlternateBase: "#2a2e33",
            QPalette.ColorRole.Text: "#e8e6e3",
            QPalette.ColorRole.Button: "#30343a",
            QPalette.ColorRole.ButtonText: "#e8e6e3",
            QPalette.ColorRole.ToolTipBase: "#30343a",
            QPalette.ColorRole.ToolTipText: "#e8e6e3",
            QPalette.ColorRole.PlaceholderText: "#9a9792",
            QPalette.ColorRole.Highlight: "#4f9ea3",
            QPalette.ColorRole.HighlightedText: "#101214",
            QPalette.ColorRole.Link: "#7cc4c8",
            QPalette.ColorRole.Mid: "#4a4f55",
        }
    else:
        colours = {
            QPalette.ColorRole.Window: "#f6f5f2",
            QPalette.ColorRole.WindowText: "#1f2326",
            QPalette.ColorRole.Base: "#ffffff",
            QPalette.ColorRole.AlternateBase: "#f0eeea",
            QPalette.ColorRole.Text: "#1f2326",
            QPalette.ColorRole.Button: "#ecebe7",
            QPalette.ColorRole.ButtonText: "#1f2326",
            QPalette.ColorRole.ToolTipBase: "#ffffff",
            QPalette.ColorRole.ToolTipText: "#1f2326",
            QPalette.ColorRole.PlaceholderText: "#6b6f73",
            QPalette.ColorRole.Highlight: ACCENT.name(),
            QPalette.ColorRole.HighlightedText: "#ffffff",
            QPalette.ColorRole.Link: "#1f5f63",
            QPalette.ColorRole.Mid: "#c9c6c0",
        }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    disabled = QColor("#7b7f84")
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette


def is_dark(theme: str) -> bool:
    if theme == "dark":
        return True
    if theme == "light":
        return False
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def apply_theme(app: QApplication, theme: str) -> None:
    scheme = {"dark": Qt.ColorScheme.Dark, "light": Qt.ColorScheme.Light}.get(theme, Qt.ColorScheme.Unknown)
    app.styleHints().setColorScheme(scheme)
    if not isinstance(app.style(), TideskStyle):
        app.setStyle(TideskStyle())
    app.setPalette(_palette(is_dark(theme)))


def apply_text_scale(app: QApplication, base: QFont, percent: int) -> None:
    font = QFont(base)
    size = base.pointSizeF() if base.pointSizeF() > 0 else 10.0
    font.setPointSizeF(size * percent / 100)
    app.setFont(font)
