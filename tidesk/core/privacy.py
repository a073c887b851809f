"""Small numbers: the one way every area turns counts about people into figures it may show.

On an island a count of two identifies people, so a figure about fewer than the threshold (a workspace
setting, never below 5) is withheld on screen, in PDFs and in CSVs alike (ARCHITECTURE.md rule 8). Every
aggregate goes through this module and comes back as a `Cell`: a number, or `Withheld` with a plain reason.
A withheld cell carries no number at all, so the hidden figure cannot leak through a caller.

Zero is a small number here. On an island a team is known, so a shown 0 next to a team total says what
every member of that team answered ("none of the six on nights feel safe" is a statement about each of
them), and a cell equal to its total can be read off from shown zeros. Withholding zeros, together with
the audit below, means no table shows how every member of a group answered. The price is more withheld
cells in sparse tables: leave out rows or columns that are empty by design before tabulating.

Tables also get complementary suppression: a withheld figure must not be recoverable from the shown
figures and totals by arithmetic. Each table is treated as a circulation (rows and columns as nodes,
counts and totals as arcs), where the reader knows every shown figure and knows that each withheld one is
either small (0 to threshold - 1) or not (threshold or more). A withheld figure can be worked out exactly
when no cycle of the residual graph passes through it, which is checked directly; more figures are
withheld (smallest counts first, totals last) until none can be. Suppression is built up threshold by
threshold, so raising the threshold only ever withholds more.

Show related figures from one call (take a whole-service breakdown from a table's totals), so the same
number is never shown in one place and withheld in another. All results are deterministic.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Generic, TypeVar

if TYPE_CHECKING:
    from tidesk.core.workspace import Workspace

MIN_THRESHOLD = 5
PROTECTING = "withheld so a hidden figure cannot be worked out"

K = TypeVar("K", bound=Hashable)
R = TypeVar("R", bound=Hashable)
C = TypeVar("C", bound=Hashable)


@dataclass(frozen=True)
class Rule:
    """The small-number rule: figures about fewer than `threshold` people are withheld."""

    threshold: int = MIN_THRESHOLD

    def __post_init__(self) -> None:
        t = self.threshold
        if not isinstance(t, int) or isinstance(t, bool) or t < MIN_THRESHOLD:
            raise ValueError(f"The small-number threshold must be a whole number of at least {MIN_THRESHOLD}.")

    @property
    def small_reason(self) -> str:
        return f"fewer than {self.threshold} people"


def rule_for(ws: Workspace) -> Rule:
    """The rule set for this workspace (setting "small_number_threshold")."""
    from tidesk.core import settings

    return Rule(settings.get_setting(ws, "small_number_threshold"))


def note(rule: Rule) -> str:
    """The sentence every output that applied the rule carries, whether or not anything was withheld."""
    return (
        f"Figures based on fewer than {rule.threshold} people are not shown, and some others are "
        "withheld so that they cannot be worked out."
    )


@dataclass(frozen=True)
class Withheld:
    """Shown instead of a figure; `small` is True when the figure itself was about too few people."""

    reason: str
    small: bool
    short: ClassVar[str] = "–"

    def __str__(self) -> str:
        return "withheld"


@dataclass(frozen=True)
class Cell:
    """One figure as it may be shown: a number and the people behind it, or Withheld (and no n)."""

    value: int | float | Withheld
    n: int | None = None

    @property
    def shown(self) -> bool:
        return not isinstance(self.value, Withheld)

    def __str__(self) -> str:
        return f"{self.value:.1f}" if isinstance(self.value, float) else str(self.value)


def _small(rule: Rule) -> Cell:
    return Cell(Withheld(rule.small_reason, small=True))


def _protecting() -> Cell:
    return Cell(Withheld(PROTECTING, small=False))


def _check(n: object) -> int:
    if not isinstance(n, int) or isinstance(n, bool) or n < 0:
        raise ValueError(f"A count is a whole number of people, 0 or more, not {n!r}.")
    return n


def count(n: int, rule: Rule) -> Cell:
    """A number of people, withheld when below the threshold (0 included)."""
    return Cell(n, n) if _check(n) >= rule.threshold else _small(rule)


def mean(values: Sequence[float], rule: Rule) -> Cell:
    """The mean of one value per person, withheld when fewer than the threshold gave one."""
    n = len(values)
    return Cell(math.fsum(values) / n, n) if n >= rule.threshold else _small(rule)


def percentage(part: int, whole: int, rule: Rule) -> Cell:
    """part as a percentage of whole; withheld when whole, part or the rest (whole - part) is small."""
    if _check(part) > _check(whole):
        raise ValueError("A part cannot be larger than its whole.")
    if part < rule.threshold:
        return _small(rule)
    if whole - part < rule.threshold:
        return _protecting()
    return Cell(100 * part / whole, whole)


def share(part: Cell, whole: Cell) -> Cell:
    """A percentage of two already protected figures: shown only when both are."""
    if isinstance(part.value, Withheld):
        return part
    if isinstance(whole.value, Withheld):
        return whole
    return Cell(100 * part.value / whole.value, whole.n)


def differences(before: Mapping[K, Cell], after: Mapping[K, Cell], rule: Rule) -> dict[K, Cell]:
    """after - before for each key of two rounds; withheld when either side is, so nothing new is shown."""
    if set(before) != set(after):
        raise ValueError("Both rounds must have the same rows to be compared.")
    out: dict[K, Cell] = {}
    for key, first in before.items():
        second = after[key]
        if isinstance(first.value, Withheld) or isinstance(second.value, Withheld):
            hidden = first.value if isinstance(first.value, Withheld) else second.value
            out[key] = Cell(hidden)
            continue
        n = min(first.n or 0, second.n or 0)
        out[key] = Cell(second.value - first.value, n) if n >= rule.threshold else _small(rule)
    return out


@dataclass(frozen=True)
class Table(Generic[R, C]):
    """Protected cross-tabulated counts; the totals are empty (and `total` None) when not asked for."""

    rows: tuple[R, ...]
    columns: tuple[C, ...]
    cells: dict[tuple[R, C], Cell]
    row_totals: dict[R, Cell]
    column_totals: dict[C, Cell]
    total: Cell | None

    def cell(self, row: R, column: C) -> Cell:
        return self.cells[(row, column)]


@dataclass(frozen=True)
class Distribution(Generic[K]):
    """Protected counts per answer (or role, or team) and the protected number of people."""

    counts: dict[K, Cell]
    total: Cell

    def percentages(self) -> dict[K, Cell]:
        return {key: share(cell, self.total) for key, cell in self.counts.items()}


def distribution(counts: Mapping[K, int], rule: Rule) -> Distribution[K]:
    """How many people gave each answer: a one-row table, protected the same way."""
    result = table({0: counts}, rule)
    return Distribution({key: result.cell(0, key) for key in result.columns}, result.row_totals[0])


def table(counts: Mapping[R, Mapping[C, int]], rule: Rule, with_totals: bool = True) -> Table[R, C]:
    """Counts per row per column (missing = 0), protected with their totals.

    The totals are audited even when `with_totals` is False, since they are often shown elsewhere.
    """
    rows = tuple(counts)
    columns = tuple(dict.fromkeys(column for row in rows for column in counts[row]))
    grid = [[_check(counts[row].get(column, 0)) for column in columns] for row in rows]
    values, arcs = _network(grid)
    inner = len(rows) * len(columns)
    hidden = _pattern(values, arcs, inner, rule.threshold)

    def show(k: int) -> Cell:
        if k not in hidden:
            return Cell(values[k], values[k])
        return _small(rule) if values[k] < rule.threshold else _protecting()

    cells = {
        (row, column): show(i * len(columns) + j) for i, row in enumerate(rows) for j, column in enumerate(columns)
    }
    if not with_totals:
        return Table(rows, columns, cells, {}, {}, None)
    return Table(
        rows,
        columns,
        cells,
        {row: show(inner + i) for i, row in enumerate(rows)},
        {column: show(inner + len(rows) + j) for j, column in enumerate(columns)},
        show(len(values) - 1),
    )


def _network(grid: list[list[int]]) -> tuple[list[int], list[tuple[int, int]]]:
    """The table as a circulation: node 0 feeds each row (row totals), each count runs from its row
    to its column, each column drains to node 1 (column totals), and the grand total runs 1 -> 0.
    Figures are numbered cells first (row by row), then row totals, column totals, grand total."""
    nr, nc = len(grid), len(grid[0]) if grid else 0
    values = [grid[i][j] for i in range(nr) for j in range(nc)]
    arcs = [(2 + i, 2 + nr + j) for i in range(nr) for j in range(nc)]
    values += [sum(line) for line in grid] + [sum(line[j] for line in grid) for j in range(nc)]
    arcs += [(0, 2 + i) for i in range(nr)] + [(2 + nr + j, 1) for j in range(nc)]
    return [*values, sum(values[: nr * nc])], [*arcs, (1, 0)]


def _pattern(values: list[int], arcs: list[tuple[int, int]], inner: int, threshold: int) -> set[int]:
    """Which figures to withhold: small ones, then complements until no withheld figure can be worked out.

    Built up from the lowest allowed threshold, so a higher threshold withholds a superset."""
    hidden: set[int] = set()
    for level in range(MIN_THRESHOLD, threshold + 1):
        hidden |= {k for k, value in enumerate(values) if value < level}
        while True:
            stuck = next((k for k in sorted(hidden) if not _movable(k, hidden, values, arcs, level)), None)
            extra = None if stuck is None else _complement(stuck, hidden, values, arcs, inner, level)
            if extra is None:
                break
            hidden.add(extra)
    return hidden


def _bounds(value: int, level: int) -> tuple[int, float]:
    """What a reader knows of a withheld figure: small (below the threshold) or not."""
    return (0, level - 1) if value < level else (level, math.inf)


def _movable(k: int, hidden: set[int], values: list[int], arcs: list[tuple[int, int]], level: int) -> bool:
    """Whether withheld figure k could be one more or one less with every shown figure unchanged.

    Counts with fixed totals are an integer circulation: another consistent table with a different k
    exists exactly when k lies on a cycle of the residual graph of the other withheld figures."""
    step: dict[int, set[int]] = {}
    for a in hidden - {k}:
        low, high = _bounds(values[a], level)
        u, v = arcs[a]
        if values[a] < high:
            step.setdefault(u, set()).add(v)
        if values[a] > low:
            step.setdefault(v, set()).add(u)
    low, high = _bounds(values[k], level)
    u, v = arcs[k]
    return (values[k] < high and _reaches(step, v, u)) or (values[k] > low and _reaches(step, u, v))


def _reaches(step: dict[int, set[int]], start: int, goal: int) -> bool:
    seen, todo = {start}, [start]
    while todo:
        node = todo.pop()
        if node == goal:
            return True
        for nxt in step.get(node, ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return False


def _complement(
    stuck: int, hidden: set[int], values: list[int], arcs: list[tuple[int, int]], inner: int, level: int
) -> int | None:
    """The next figure to withhold so `stuck` cannot be worked out: preferably one that frees it on its
    own, next to it, a count before a total, smallest first, then by position. None when all are withheld."""

    def preference(k: int) -> tuple[bool, int, int]:
        return k >= inner, values[k], k

    shown = [k for k in range(len(values)) if k not in hidden]
    near = [k for k in shown if set(arcs[k]) & set(arcs[stuck])]
    for pool in (near, shown):
        freeing = [k for k in pool if _movable(stuck, hidden | {k}, values, arcs, level)]
        if freeing:
            return min(freeing, key=preference)
    return min(near or shown, key=preference, default=None)
