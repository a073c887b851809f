"""What a form definition is: plain, typed, immutable data. Loaded from YAML by ``loader``."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    SCALE = "scale"
    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    SHORT_TEXT = "short_text"
    LONG_TEXT = "long_text"
    NUMBER = "number"
    DATE = "date"
    YES_NO = "yes_no"
    NOTE = "note"  # words to read, nothing to answer


ANSWERABLE = frozenset(Kind) - {Kind.NOTE}
# Kinds where "don't know" and "not applicable" make sense as answers.
ALLOWS_SPECIAL = frozenset({Kind.SCALE, Kind.SINGLE_CHOICE, Kind.MULTIPLE_CHOICE, Kind.NUMBER, Kind.YES_NO, Kind.DATE})


class AnsweredBy(StrEnum):
    INDIVIDUAL = "individual"
    GROUP = "group"
    FACILITATOR = "facilitator"


class Special(StrEnum):
    """Answers that are kept but never scored."""

    DONT_KNOW = "dont_know"
    NOT_APPLICABLE = "not_applicable"

    @property
    def label(self) -> str:
        return "Don't know" if self is Special.DONT_KNOW else "Not applicable"


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class Scale:
    minimum: int
    maximum: int
    labels: dict[int, str]  # every point has a label

    @property
    def points(self) -> list[int]:
        return list(range(self.minimum, self.maximum + 1))


@dataclass(frozen=True)
class Item:
    id: str
    kind: Kind
    text: str
    help: str = ""
    required: bool = False
    dont_know: bool = False
    not_applicable: bool = False
    tags: tuple[str, ...] = ()
    scale: Scale | None = None
    choices: tuple[Choice, ...] = ()
    minimum: float | None = None  # number bounds
    maximum: float | None = None
    integer: bool = False
    line: int = field(default=0, compare=False)  # where it was defined, for messages

    @property
    def answerable(self) -> bool:
        return self.kind in ANSWERABLE

    @property
    def specials(self) -> tuple[Special, ...]:
        return tuple(
            s for s, on in ((Special.DONT_KNOW, self.dont_know), (Special.NOT_APPLICABLE, self.not_applicable)) if on
        )

    def tag_values(self, family: str) -> list[str]:
        return [t.partition(":")[2] for t in self.tags if t.startswith(family + ":")]


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    help: str = ""
    items: tuple[Item, ...] = ()


@dataclass(frozen=True)
class Scoring:
    """How answers become scores: numeric items are averaged per tag value in each ``group_by`` family."""

    group_by: tuple[str, ...] = ()
    reverse: tuple[str, ...] = ()  # item ids scored the other way round (max + min - answer)
    exclude: tuple[str, ...] = ()  # item ids never scored


@dataclass(frozen=True)
class FormDefinition:
    id: str
    version: int
    title: str
    purpose: str
    answered_by: AnsweredBy
    anonymous: bool
    sections: tuple[Section, ...]
    scoring: Scoring = field(default_factory=Scoring)
    credit: str = ""  # e.g. where a standard measure comes from and under which licence

    @property
    def items(self) -> list[Item]:
        return [item for section in self.sections for item in section.items]

    @property
    def answerable_items(self) -> list[Item]:
        return [item for item in self.items if item.answerable]

    def item(self, item_id: str) -> Item:
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)

    @property
    def key(self) -> str:
        return f"{self.id}@{self.version}"
