"""Small numbers (core/privacy.py): nothing shown is about too few people, and nothing withheld can be
worked out from what is shown. The tables are checked against an exact solver written here, independently
of the module's own audit."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tidesk.core import privacy
from tidesk.core.privacy import Cell, Rule, Table, Withheld
from tidesk.core.settings import set_setting
from tidesk.core.workspace import Workspace

# --- an exact solver: which withheld figures could a reader work out? --------------------------------------

Var = tuple[str, int, int]  # ("cell", i, j), ("row", i, 0), ("col", j, 0), ("all", 0, 0)


def _figures(grid: list[list[int]]) -> dict[Var, int]:
    nr, nc = len(grid), len(grid[0])
    figures: dict[Var, int] = {("cell", i, j): grid[i][j] for i in range(nr) for j in range(nc)}
    figures |= {("row", i, 0): sum(grid[i]) for i in range(nr)}
    figures |= {("col", j, 0): sum(grid[i][j] for i in range(nr)) for j in range(nc)}
    figures[("all", 0, 0)] = sum(map(sum, grid))
    return figures


def _equations(nr: int, nc: int) -> list[dict[Var, int]]:
    """Each is sum(coefficient * figure) == 0."""
    eqs: list[dict[Var, int]] = []
    for i in range(nr):
        eqs.append({("cell", i, j): 1 for j in range(nc)} | {("row", i, 0): -1})
    for j in range(nc):
        eqs.append({("cell", i, j): 1 for i in range(nr)} | {("col", j, 0): -1})
    eqs.append({("row", i, 0): 1 for i in range(nr)} | {("all", 0, 0): -1})
    eqs.append({("col", j, 0): 1 for j in range(nc)} | {("all", 0, 0): -1})
    return eqs


def _near(true: int, low: int, high: int) -> Iterator[int]:
    """low..high, nearest to the true value first (only the search order; every value is tried)."""
    yield from sorted(range(low, high + 1), key=lambda v: (abs(v - true), v))


def worked_out(grid: list[list[int]], withheld: dict[Var, bool], threshold: int) -> list[Var]:
    """The withheld figures that every consistent table agrees on. `withheld` maps a figure to whether
    it is marked small (then the reader knows it is 0..threshold-1) or not (then it is threshold or
    more). Shown figures are known exactly. Exact: interval propagation, then branching on the
    narrowest unknown, so every candidate value is either ruled out or found in a whole solution."""
    figures = _figures(grid)
    cap = figures[("all", 0, 0)] + threshold  # a search bound only: it can hide solutions, never invent one
    start = {v: (0, threshold - 1) if small else (threshold, cap) for v, small in withheld.items()}
    eqs = []
    for eq in _equations(len(grid), len(grid[0])):
        rest = -sum(c * figures[v] for v, c in eq.items() if v not in withheld)
        eqs.append(({v: c for v, c in eq.items() if v in withheld}, rest))

    def narrow(box: dict[Var, tuple[int, int]]) -> bool:
        changed = True
        while changed:
            changed = False
            for terms, rest in eqs:
                low = sum(c * box[v][0 if c > 0 else 1] for v, c in terms.items())
                high = sum(c * box[v][1 if c > 0 else 0] for v, c in terms.items())
                if not low <= rest <= high:
                    return False
                for v, c in terms.items():  # c is +1 or -1
                    others_low, others_high = low - c * box[v][0 if c > 0 else 1], high - c * box[v][1 if c > 0 else 0]
                    lo, hi = sorted((c * (rest - others_high), c * (rest - others_low)))
                    new = (max(box[v][0], lo), min(box[v][1], hi))
                    if new != box[v]:
                        if new[0] > new[1]:
                            return False
                        box[v], changed = new, True
                        break
                if changed:
                    break
        return True

    def solvable(box: dict[Var, tuple[int, int]]) -> bool:
        if not narrow(box):
            return False
        open_ = [v for v in box if box[v][0] < box[v][1]]
        if not open_:
            return True
        v = min(open_, key=lambda v: box[v][1] - box[v][0])
        return any(solvable(box | {v: (x, x)}) for x in _near(figures[v], *box[v]))

    return [
        target
        for target in withheld
        if not any(
            solvable(start | {target: (x, x)}) for x in _near(figures[target], *start[target]) if x != figures[target]
        )
    ]


def withheld_figures(result: Table[int, int], grid: list[list[int]]) -> dict[Var, bool]:
    nr, nc = len(grid), len(grid[0])
    shown: dict[Var, Cell] = {("cell", i, j): result.cell(i, j) for i in range(nr) for j in range(nc)}
    shown |= {("row", i, 0): result.row_totals[i] for i in range(nr)}
    shown |= {("col", j, 0): result.column_totals[j] for j in range(nc)}
    assert result.total is not None
    shown[("all", 0, 0)] = result.total
    return {v: c.value.small for v, c in shown.items() if isinstance(c.value, Withheld)}


def protect(grid: list[list[int]], rule: Rule, with_totals: bool = True) -> Table[int, int]:
    return privacy.table({i: dict(enumerate(line)) for i, line in enumerate(grid)}, rule, with_totals)


grids = st.integers(1, 5).flatmap(
    lambda nr: st.integers(1, 5).flatmap(
        lambda nc: st.lists(
            st.lists(st.one_of(st.integers(0, 8), st.integers(0, 20)), min_size=nc, max_size=nc),
            min_size=nr,
            max_size=nr,
        )
    )
)
rules = st.integers(5, 8).map(Rule)
quick = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --- the solver itself catches the leaks it is there to catch ------------------------------------------------


def test_solver_catches_a_single_withheld_count_in_a_row() -> None:
    grid = [[3, 10], [10, 10]]
    assert worked_out(grid, {("cell", 0, 0): True}, 5) == [("cell", 0, 0)]


def test_solver_catches_two_small_counts_that_must_both_be_four() -> None:
    grid = [[4, 4, 10]]  # 4 + 4 = 8 and each is at most 4: both are known
    withheld = {("cell", 0, 0): True, ("cell", 0, 1): True, ("col", 0, 0): True, ("col", 1, 0): True}
    assert set(worked_out(grid, withheld, 5)) == set(withheld)


def test_solver_accepts_a_protected_rectangle() -> None:
    grid = [[3, 10], [10, 10]]
    withheld = {("cell", 0, 0): True, ("cell", 0, 1): False, ("cell", 1, 0): False, ("cell", 1, 1): False}
    assert worked_out(grid, withheld, 5) == []


# --- properties --------------------------------------------------------------------------------------------


@quick
@given(grids, rules)
def test_no_withheld_figure_can_be_worked_out(grid: list[list[int]], rule: Rule) -> None:
    result = protect(grid, rule)
    assert worked_out(grid, withheld_figures(result, grid), rule.threshold) == []


@quick
@given(grids, rules)
def test_shown_figures_are_true_and_about_enough_people(grid: list[list[int]], rule: Rule) -> None:
    result = protect(grid, rule)
    figures = _figures(grid)
    withheld = withheld_figures(result, grid)
    cells = [*result.cells.values(), *result.row_totals.values(), *result.column_totals.values()]
    assert result.total is not None
    for cell in [*cells, result.total]:
        assert cell.n is None if not cell.shown else cell.n == cell.value and cell.value >= rule.threshold
    for v, small in withheld.items():
        assert small == (figures[v] < rule.threshold)  # the reason shown is the true one
    assert all(v in withheld for v, value in figures.items() if value < rule.threshold)


@quick
@given(grids, st.integers(5, 7))
def test_raising_the_threshold_only_withholds_more(grid: list[list[int]], threshold: int) -> None:
    lower = withheld_figures(protect(grid, Rule(threshold)), grid)
    higher = withheld_figures(protect(grid, Rule(threshold + 1)), grid)
    assert set(lower) <= set(higher)


@quick
@given(grids, rules)
def test_leaving_out_totals_shows_the_same_cells(grid: list[list[int]], rule: Rule) -> None:
    bare = protect(grid, rule, with_totals=False)
    assert bare.cells == protect(grid, rule).cells
    assert bare.row_totals == {} and bare.column_totals == {} and bare.total is None


@quick
@given(
    st.lists(st.integers(0, 20), min_size=1, max_size=5), st.lists(st.integers(0, 20), min_size=1, max_size=5), rules
)
def test_round_differences_never_reveal_a_withheld_count(first: list[int], second: list[int], rule: Rule) -> None:
    size = min(len(first), len(second))
    before = privacy.distribution(dict(enumerate(first[:size])), rule)
    after = privacy.distribution(dict(enumerate(second[:size])), rule)
    change = privacy.differences(before.counts, after.counts, rule)
    for key, cell in change.items():
        if before.counts[key].shown and after.counts[key].shown:
            assert cell.value == second[key] - first[key] and (cell.n or 0) >= rule.threshold
        else:  # shown differences are worked from shown counts only, so they add nothing a reader can use
            assert not cell.shown and cell.n is None
    totals = privacy.differences({"all": before.total}, {"all": after.total}, rule)["all"]
    assert totals.shown == (before.total.shown and after.total.shown)


@quick
@given(st.lists(st.floats(0, 10), max_size=12), st.integers(0, 30), st.integers(0, 30), rules)
def test_no_mean_percentage_or_count_is_about_too_few(values: list[float], a: int, b: int, rule: Rule) -> None:
    part, whole = min(a, b), max(a, b)
    for cell in (privacy.mean(values, rule), privacy.percentage(part, whole, rule), privacy.count(a, rule)):
        assert (cell.n is not None and cell.n >= rule.threshold) if cell.shown else cell.n is None
    shown = privacy.percentage(part, whole, rule).shown
    assert shown == (part >= rule.threshold and whole - part >= rule.threshold)


# --- the rule ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("threshold", [4, 0, -1, True, 5.0, "5"])
def test_thresholds_below_five_or_not_whole_numbers_are_refused(threshold: object) -> None:
    with pytest.raises(ValueError, match="at least 5"):
        Rule(threshold)  # type: ignore[arg-type]


def test_rule_follows_the_workspace_setting(workspace: Workspace) -> None:
    assert privacy.rule_for(workspace) == Rule(5)
    set_setting("small_number_threshold", 7).apply(workspace)
    assert privacy.rule_for(workspace) == Rule(7)


def test_every_output_carries_a_note_naming_the_threshold() -> None:
    assert privacy.note(Rule(7)) == (
        "Figures based on fewer than 7 people are not shown, and some others are "
        "withheld so that they cannot be worked out."
    )


# --- the programme, by example ---------------------------------------------------------------------------


def test_an_island_team_of_seven_by_role() -> None:
    """4 nurses, 2 recovery workers and 1 manager answered: the team's size is shown, the roles are not."""
    roles = privacy.distribution({"Nurse": 4, "Recovery worker": 2, "Manager": 1}, Rule())
    assert roles.total == Cell(7, 7)
    assert all(not cell.shown for cell in roles.counts.values())
    assert {str(cell) for cell in roles.counts.values()} == {"withheld"}
    assert {
        cell.value.reason
        for cell in roles.counts.values()  # type: ignore[union-attr]
    } == {"fewer than 5 people"}
    assert Withheld.short == "–"
    assert all(not cell.shown for cell in roles.percentages().values())


def test_a_breakdown_that_would_pin_everyone_down_hides_its_total() -> None:
    """Two groups of 4 out of 8: showing the 8 would say both groups were exactly 4."""
    split = privacy.distribution({"Day shift": 4, "Night shift": 4}, Rule())
    assert not split.total.shown
    assert all(not cell.shown for cell in split.counts.values())


def test_one_small_answer_is_protected_by_a_second_withheld_one() -> None:
    answers = privacy.distribution({"Never": 3, "Sometimes": 9, "Often": 12}, Rule())
    assert answers.total == Cell(24, 24)
    assert answers.counts["Never"].value == Withheld("fewer than 5 people", small=True)
    assert answers.counts["Sometimes"].value == Withheld(privacy.PROTECTING, small=False)
    assert answers.counts["Often"] == Cell(12, 12)
    assert str(answers.percentages()["Often"]) == "50.0"


def test_zero_next_to_a_team_total_does_not_say_how_everyone_answered() -> None:
    """All six on the night team said they do not feel safe; no shown figure may say so."""
    result = privacy.table({"Night team": {"Safe": 0, "Not safe": 6}, "Day team": {"Safe": 14, "Not safe": 9}}, Rule())
    assert not result.cell("Night team", "Safe").shown
    assert not result.cell("Night team", "Not safe").shown
    grid = [[0, 6], [14, 9]]
    assert worked_out(grid, withheld_figures(protect(grid, Rule()), grid), 5) == []


def test_answers_per_option_per_theme() -> None:
    themes = {
        "Safety": {"Never": 2, "Sometimes": 11, "Often": 20},
        "Trust": {"Never": 6, "Sometimes": 14, "Often": 13},
        "Choice": {"Never": 7, "Sometimes": 9, "Often": 17},
    }
    result = privacy.table(themes, Rule())
    assert not result.cell("Safety", "Never").shown
    assert result.total == Cell(99, 99)
    withheld = [key for key, cell in result.cells.items() if not cell.shown]
    assert len({row for row, _ in withheld}) >= 2 and len({column for _, column in withheld}) >= 2
    grid = [list(line.values()) for line in themes.values()]
    assert worked_out(grid, withheld_figures(protect(grid, Rule()), grid), 5) == []


def test_training_completion_percentages() -> None:
    rule = Rule()
    assert privacy.percentage(11, 12, rule).value == Withheld(privacy.PROTECTING, small=False)  # 1 did not
    assert not privacy.percentage(3, 40, rule).shown
    assert not privacy.percentage(4, 4, rule).shown
    assert privacy.percentage(10, 20, rule) == Cell(50.0, 20)
    with pytest.raises(ValueError, match="larger than its whole"):
        privacy.percentage(5, 4, rule)


def test_mean_wellbeing_score_needs_five_people() -> None:
    rule = Rule()
    assert not privacy.mean([4, 5, 3, 4], rule).shown
    assert privacy.mean([4, 5, 3, 4, 2], rule) == Cell(3.6, 5)
    assert str(privacy.mean([4, 5, 3, 4, 2], rule)) == "3.6"
    assert not privacy.mean([], rule).shown


def test_counts_of_people() -> None:
    rule = Rule(6)
    assert privacy.count(6, rule) == Cell(6, 6) and str(privacy.count(6, rule)) == "6"
    assert not privacy.count(5, rule).shown and not privacy.count(0, rule).shown
    with pytest.raises(ValueError, match="whole number of people"):
        privacy.count(-1, rule)


def test_baseline_and_follow_up() -> None:
    rule = Rule()
    baseline = privacy.distribution({"Agree": 12, "Unsure": 3, "Disagree": 10}, rule)
    follow_up = privacy.distribution({"Agree": 18, "Unsure": 6, "Disagree": 7}, rule)
    change = privacy.differences(baseline.counts, follow_up.counts, rule)
    assert not change["Unsure"].shown  # withheld at baseline
    for key in change:
        assert change[key].shown == (baseline.counts[key].shown and follow_up.counts[key].shown)
    with pytest.raises(ValueError, match="same rows"):
        privacy.differences(baseline.counts, {"Agree": Cell(18, 18)}, rule)


def test_the_same_table_always_gives_the_same_result() -> None:
    grid = [[3, 8, 0], [12, 4, 9], [7, 7, 2]]
    assert protect(grid, Rule()) == protect(grid, Rule())
