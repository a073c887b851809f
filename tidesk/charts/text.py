"""Text wrapped to a width, measured in the fonts of whichever renderer will draw it."""

from __future__ import annotations

from tidesk.charts.primitives import Measure

ELLIPSIS = "…"


def wrap(
    text: str, width: float, measure: Measure, size: float, *, bold: bool = False, max_lines: int | None = None
) -> list[str]:
    """Lines no wider than ``width``; a word too long for a line is broken by letters.

    Past ``max_lines`` (at least one) the text is cut, and the last line kept ends in an ellipsis."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if measure(candidate, size, bold) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = ""
        for letter in word:
            if current and measure(current + letter, size, bold) > width:
                lines.append(current)
                current = ""
            current += letter
    if current:
        lines.append(current)
    keep = max(max_lines, 1) if max_lines is not None else len(lines)
    if len(lines) > keep:
        lines = lines[:keep]
        last = lines[-1]
        while last and measure(last + ELLIPSIS, size, bold) > width:
            last = last[:-1]
        lines[-1] = last.rstrip() + ELLIPSIS
    return lines
