"""Scores from answers, and comparisons that stay fair when a form changed between rounds.

Only numeric answers are scored (scales, numbers, yes/no); "don't know" and "not applicable" are kept but
never scored. Scores are means per tag value (per theme, per principle…) as the definition's ``scoring``
says; there is never a single headline total. A comparison between two versions uses only the items both
share, and says which were added or dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from tidesk.core.forms.model import FormDefinition, Item, Kind
from tidesk.core.forms.responses import NO_ANSWER, Answer
from tidesk.core.programme import tag_label


@dataclass(frozen=True)
class VersionComparison:
    older: str  # form keys, e.g. "organisational-assessment@1"
    newer: str
    shared: tuple[str, ...]
    added: tuple[str, ...]  # in the newer version only
    dropped: tuple[str, ...]  # in the older version only

    @property
    def same_items(self) -> bool:
        return not self.added and not self.dropped

    def explain(self) -> str:
        if self.same_items:
            return f"Both versions ask the same {len(self.shared)} questions."
        parts = [f"Compared on the {len(self.shared)} questions both versions share."]
        if self.added:
            parts.append(f"Left out because they are new: {', '.join(self.added)}.")
        if self.dropped:
            parts.append(f"Left out because they were dropped: {', '.join(self.dropped)}.")
        return " ".join(parts)


def compare_versions(older: FormDefinition, newer: FormDefinition) -> VersionComparison:
    old_ids = [i.id for i in older.answerable_items]
    new_ids = [i.id for i in newer.answerable_items]
    return VersionComparison(
        older.key,
        newer.key,
        shared=tuple(i for i in new_ids if i in old_ids),
        added=tuple(i for i in new_ids if i not in old_ids),
        dropped=tuple(i for i in old_ids if i not in new_ids),
    )


def item_score(form: FormDefinition, item: Item, given: Answer) -> float | None:
    """The number an answer counts as, or None when it is not scored."""
    if given.special is not None or given.value is None or item.id in form.scoring.exclude:
        return None
    low: float
    high: float
    if item.kind == Kind.SCALE and item.scale is not None:
        value = float(given.value)
        low, high = float(item.scale.minimum), float(item.scale.maximum)
    elif item.kind == Kind.YES_NO:
        value, low, high = (1.0 if given.value else 0.0), 0.0, 1.0
    elif item.kind == Kind.NUMBER:
        value = float(given.value)
        low = item.minimum if item.minimum is not None else value
        high = item.maximum if item.maximum is not None else value
    else:
        return None
    return low + high - value if item.id in form.scoring.reverse else value


def group_scores(
    form: FormDefinition, given: Mapping[str, Answer], only: Iterable[str] | None = None
) -> dict[str, float]:
    """Mean score per tag value (e.g. 'theme:3') for each family the form groups by."""
    allowed = set(only) if only is not None else None
    sums: dict[str, list[float]] = {}
    for item in form.answerable_items:
        if allowed is not None and item.id not in allowed:
            continue
        score = item_score(form, item, given.get(item.id, NO_ANSWER))
        if score is None:
            continue
        for family in form.scoring.group_by:
            for value in item.tag_values(family):
                sums.setdefault(f"{family}:{value}", []).append(score)
    return {tag: sum(scores) / len(scores) for tag, scores in sums.items()}


@dataclass(frozen=True)
class GroupChange:
    tag: str
    label: str
    before: float | None
    after: float | None

    @property
    def change(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


@dataclass(frozen=True)
class RoundComparison:
    versions: VersionComparison
    groups: tuple[GroupChange, ...]


def compare_rounds(
    before_form: FormDefinition, before: Mapping[str, Answer], after_form: FormDefinition, after: Mapping[str, Answer]
) -> RoundComparison:
    """Baseline against follow-up for one respondent or group, on the items both versions share."""
    versions = compare_versions(before_form, after_form)
    old = group_scores(before_form, before, versions.shared)
    new = group_scores(after_form, after, versions.shared)
    families = list(after_form.scoring.group_by)
    tags = sorted(
        set(old) | set(new),
        key=lambda t: (families.index(t.partition(":")[0]) if t.partition(":")[0] in families else 99, _tag_order(t)),
    )
    return RoundComparison(versions, tuple(GroupChange(t, tag_label(t), old.get(t), new.get(t)) for t in tags))


def _tag_order(tag: str) -> tuple[str, int, str]:
    family, _, value = tag.partition(":")
    return (family, int(value) if value.isdigit() else 0, value)
