"""Plain drawing primitives: sizes in points, origin at the top left, y growing downwards, colours by role."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal, Protocol, TypeAlias

# Roles, not colours: each renderer picks its own, so the screen can follow a light or dark theme.
Role: TypeAlias = Literal["accent", "accent_tint", "ink", "on_accent", "muted"]
Anchor: TypeAlias = Literal["left", "centre", "right"]
Point: TypeAlias = tuple[float, float]


class Measure(Protocol):
    """The width in points of one line of ``text`` at ``size`` points, in the renderer's own font."""

    def __call__(self, text: str, size: float, bold: bool, /) -> float: ...


@dataclass(frozen=True)
class Box:
    """A rectangle, its corners rounded by ``radius``; no fill or stroke where the role is None."""

    x: float
    y: float
    width: float
    height: float
    radius: float = 0.0
    fill: Role | None = None
    stroke: Role | None = None
    stroke_width: float = 1.0


@dataclass(frozen=True)
class Circle:
    cx: float
    cy: float
    radius: float
    fill: Role | None = None
    stroke: Role | None = None
    stroke_width: float = 1.0


@dataclass(frozen=True)
class Polyline:
    """A line through ``points``; with ``arrow``, a filled arrowhead whose tip is the last point."""

    points: tuple[Point, ...]
    stroke: Role = "ink"
    stroke_width: float = 1.0
    arrow: bool = False
    arrow_length: float = 6.0
    arrow_half_width: float = 4.5

    def head(self) -> tuple[Point, Point, Point] | None:
        """The arrowhead's tip and two back corners, pointing along the last segment (None without one)."""
        if not self.arrow or len(self.points) < 2:
            return None
        (x0, y0), (x1, y1) = self.points[-2], self.points[-1]
        length = math.hypot(x1 - x0, y1 - y0)
        if length == 0:
            return None
        dx, dy = (x1 - x0) / length, (y1 - y0) / length
        bx, by = x1 - dx * self.arrow_length, y1 - dy * self.arrow_length
        w = self.arrow_half_width
        return (x1, y1), (bx - dy * w, by + dx * w), (bx + dy * w, by - dx * w)

    def shaft(self) -> tuple[Point, ...]:
        """The points to stroke: with an arrowhead the line stops at its base, so the stroke never blunts the tip."""
        head = self.head()
        if head is None:
            return self.points
        (_, back_a, back_b) = head
        base = ((back_a[0] + back_b[0]) / 2, (back_a[1] + back_b[1]) / 2)
        return (*self.points[:-1], base)


@dataclass(frozen=True)
class Text:
    """One line of text; (x, y) is on its baseline, at its start, centre or end as ``anchor`` says."""

    x: float
    y: float
    text: str
    size: float
    bold: bool = False
    role: Role = "ink"
    anchor: Anchor = "left"


Item: TypeAlias = Box | Circle | Polyline | Text


@dataclass(frozen=True)
class Drawing:
    """A whole diagram; items are painted in order, later ones over earlier ones."""

    width: float
    height: float
    items: tuple[Item, ...] = ()
    description: str = ""  # plain text for a screen reader, or alternative text
