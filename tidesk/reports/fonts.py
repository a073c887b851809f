"""The report font (DejaVu Sans, embedded in every PDF) and the text handling that scripts such as Arabic need.

ReportLab shapes text with uharfbuzz when a style or string asks for it, but its own right-to-left
reordering needs ``rlbidi``, which we do not ship. So text containing right-to-left characters is put
into visual order here with python-bidi, with the characters *inside* each right-to-left word kept in
logical order: harfbuzz then shapes each word (joining Arabic letters) and lays its glyphs out right to left.
"""

from __future__ import annotations

import re
import unicodedata
from typing import cast
from xml.sax.saxutils import escape

from bidi import get_display
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import ShapedStr, TTFont, shapeStr

from tidesk.resources import resource_path

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"

_FILES = {FONT: "DejaVuSans.ttf", FONT_BOLD: "DejaVuSans-Bold.ttf", FONT_ITALIC: "DejaVuSans-Oblique.ttf"}

# Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic and the Arabic presentation forms.
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
# A run of right-to-left letters (and the marks on them) inside a string already in visual order.
_RTL_RUN = re.compile("[\u0590-\u05ff\u0600-\u065f\u066e-\u06ef\u06fa-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]+")
# Scripts whose letters change shape with their neighbours, or combine: these need harfbuzz.
_COMPLEX = re.compile(
    "[\u0300-\u036f\u0590-\u08ff\u0900-\u0dff\u0e00-\u0fff\u1000-\u109f\u1780-\u17ff\ufb1d-\ufdff\ufe70-\ufeff]"
)


def register_fonts() -> None:
    """Register DejaVu Sans (regular, bold, oblique) with ReportLab once; later calls do nothing."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    for name, filename in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", filename))))
    # There is no bold oblique in the shipped set, so bold italic falls back to bold.
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, FONT_BOLD)
    addMapping(FONT, 0, 1, FONT_ITALIC)
    addMapping(FONT, 1, 1, FONT_BOLD)
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD)


def has_rtl(text: str) -> bool:
    return bool(_RTL.search(text))


def needs_shaping(text: str) -> bool:
    return bool(_COMPLEX.search(text)) or any(unicodedata.combining(c) for c in text)


def visual_order(text: str) -> str:
    """Words in left-to-right display order; letters inside right-to-left words left in logical order."""
    if not has_rtl(text):
        return text
    lines = []
    for line in text.split("\n"):
        shown = get_display(line, base_dir="L")
        lines.append(_RTL_RUN.sub(lambda m: m.group(0)[::-1], str(shown)))
    return "\n".join(lines)


def markup(text: str) -> str:
    """Plain text made safe for a ReportLab Paragraph, in display order, line breaks kept."""
    return escape(visual_order(text)).replace("\n", "<br/>")


def shaped_line(text: str, font_name: str, font_size: float) -> str:
    """One line ready for ``canvas.drawString``: shaped word by word when the script needs it."""
    shown = visual_order(text)
    if not needs_shaping(text):
        return shown
    result = ShapedStr("", [])
    for index, word in enumerate(shown.split(" ")):
        if index:
            result += shapeStr(" ", font_name, font_size, force=True)
        if word:
            result += shapeStr(word, font_name, font_size, force=True)
    return cast(str, result)  # a str that carries its glyphs (ReportLab has no type hints)


def text_width(text: str, font_name: str, font_size: float) -> float:
    """Width of a line from :func:`shaped_line` (shaped glyphs can be narrower than their letters)."""
    if isinstance(text, ShapedStr) and text.__shapeData__ is not None:
        return float(sum(glyph.x_advance for glyph in text.__shapeData__) * font_size / 1000)
    return float(pdfmetrics.stringWidth(text, font_name, font_size))
