"""Reading form definitions from YAML, with every problem reported as ``FILE:LINE: message``.

YAML was chosen over TOML because a facilitator edits these by hand: nested sections and items read
naturally as indented lists, comments are allowed, and the parser tells us the line of every value, so a
mistake is pointed at exactly (a duplicate id, an unknown kind, a scale without labels).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import yaml

from tidesk.core.errors import TideskError
from tidesk.core.forms.model import (
    ALLOWS_SPECIAL,
    AnsweredBy,
    Choice,
    FormDefinition,
    Item,
    Kind,
    Scale,
    Scoring,
    Section,
)
from tidesk.core.programme import TAG_FAMILIES, known_tag

FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: same nodes, faster
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_-]{0,63}$")
MAX_SCALE_POINTS = 11
MAX_VERSION = 2_147_483_647  # a form version is stored as a 32-bit integer


@dataclass(frozen=True)
class FormProblem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class FormErrors(TideskError):
    """Every problem found in a definition; ``str()`` gives them one per line."""

    def __init__(self, problems: list[FormProblem]) -> None:
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


@dataclass
class _Loc:
    """A YAML value and the (1-based) line it came from."""

    value: Any
    line: int


def _located(node: yaml.Node, problems: list[tuple[int, str]]) -> _Loc:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        mapping: dict[str, _Loc] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in mapping:
                problems.append((key_node.start_mark.line + 1, f"'{key}' is given twice"))
            mapping[key] = _located(value_node, problems)
        return _Loc(mapping, line)
    if isinstance(node, yaml.SequenceNode):
        return _Loc([_located(child, problems) for child in node.value], line)
    return _Loc(yaml.SafeLoader("").construct_object(node), line)


class _Reader:
    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[tuple[int, str]] = []

    def fail(self, line: int, message: str) -> None:
        self.problems.append((line, message))

    def fields(self, loc: _Loc, allowed: set[str], what: str) -> dict[str, _Loc]:
        if not isinstance(loc.value, dict):
            self.fail(loc.line, f"{what} should be a set of 'name: value' lines")
            return {}
        for key, value in loc.value.items():
            if key not in allowed:
                expected = ", ".join(sorted(allowed))
                self.fail(value.line, f"unknown field '{key}' in {what} (expected one of: {expected})")
        return loc.value

    def text(self, data: dict[str, _Loc], key: str, line: int, *, required: bool = True, default: str = "") -> str:
        if key not in data:
            if required:
                self.fail(line, f"'{key}' is missing")
            return default
        value = data[key].value
        if not isinstance(value, str) or (required and not value.strip()):
            self.fail(data[key].line, f"'{key}' should be some text")
            return default
        return value.strip()

    def flag(self, data: dict[str, _Loc], key: str, default: bool = False) -> bool:
        if key not in data:
            return default
        value = data[key].value
        if not isinstance(value, bool):
            self.fail(data[key].line, f"'{key}' should be yes or no (true or false)")
            return default
        return value

    def number(self, data: dict[str, _Loc], key: str) -> float | None:
        if key not in data:
            return None
        value = data[key].value
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(data[key].line, f"'{key}' should be a number")
            return None
        return value

    def identifier(self, data: dict[str, _Loc], key: str, line: int) -> str:
        value = self.text(data, key, line)
        if value and not ID_PATTERN.match(value):
            self.fail(
                data[key].line,
                f"'{value}' is not a usable id: use lower-case letters, digits, - and _, starting with a letter",
            )
        return value

    def choice_of(self, data: dict[str, _Loc], key: str, options: type[StrEnum], line: int, default: Any = None) -> Any:
        if key not in data:
            if default is None:
                self.fail(line, f"'{key}' is missing")
            return default
        raw = data[key].value
        try:
            return options(raw)
        except ValueError:
            names = ", ".join(o.value for o in options)
            self.fail(data[key].line, f"'{raw}' is not a known {key.replace('_', ' ')} (use one of: {names})")
            return default


FORM_FIELDS = {
    "form",
    "version",
    "title",
    "purpose",
    "answered_by",
    "anonymous",
    "scales",
    "sections",
    "scoring",
    "credit",
}
SECTION_FIELDS = {"id", "title", "help", "items"}
ITEM_FIELDS = {
    "id",
    "kind",
    "text",
    "help",
    "required",
    "dont_know",
    "not_applicable",
    "tags",
    "scale",
    "choices",
    "min",
    "max",
    "integer",
}
SCALE_FIELDS = {"min", "max", "labels"}
SCORING_FIELDS = {"group_by", "reverse", "exclude"}


def _scale(reader: _Reader, loc: _Loc) -> Scale | None:
    data = reader.fields(loc, SCALE_FIELDS, "a scale")
    low, high = reader.number(data, "min"), reader.number(data, "max")
    if low is None or high is None or int(low) != low or int(high) != high:
        reader.fail(loc.line, "a scale needs whole-number 'min' and 'max'")
        return None
    low_i, high_i = int(low), int(high)
    if not 0 < high_i - low_i < MAX_SCALE_POINTS:
        reader.fail(loc.line, f"a scale runs from a lower to a higher point, at most {MAX_SCALE_POINTS} points")
        return None
    labels_loc = data.get("labels")
    if labels_loc is None or not isinstance(labels_loc.value, dict) or not labels_loc.value:
        reader.fail(loc.line, "a scale needs 'labels' saying what its points mean")
        return None
    labels: dict[int, str] = {}
    for key, value in labels_loc.value.items():
        if not str(key).lstrip("-").isdigit() or not low_i <= int(key) <= high_i:
            reader.fail(value.line, f"label '{key}' is not a point on this scale ({low_i} to {high_i})")
        elif not isinstance(value.value, str) or not value.value.strip():
            reader.fail(value.line, f"the label for point {key} should be some text")
        else:
            labels[int(key)] = value.value.strip()
    missing = [p for p in range(low_i, high_i + 1) if p not in labels]
    if missing and len(missing) < high_i - low_i + 1 and labels:
        # Labelling only the ends is a common habit; every point must still say what it means.
        reader.fail(labels_loc.line, f"points {', '.join(map(str, missing))} have no label")
    return Scale(low_i, high_i, labels)


def _choices(reader: _Reader, loc: _Loc) -> tuple[Choice, ...]:
    if not isinstance(loc.value, list) or not loc.value:
        reader.fail(loc.line, "'choices' should be a list of options")
        return ()
    found: list[Choice] = []
    for entry in loc.value:
        if isinstance(entry.value, str) and entry.value.strip():
            label = entry.value.strip()
            value = re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_") or label
            found.append(Choice(value, label))
        elif isinstance(entry.value, dict):
            data = reader.fields(entry, {"value", "label"}, "a choice")
            raw_value = data.get("value")
            value = str(raw_value.value) if raw_value is not None else ""
            label = reader.text(data, "label", entry.line)
            if not value:
                reader.fail(entry.line, "a choice needs a 'value'")
            found.append(Choice(value, label))
        else:
            reader.fail(entry.line, "a choice should be some text, or a 'value' and a 'label'")
    values = [c.value for c in found]
    for entry, choice in zip(loc.value, found, strict=False):
        if values.count(choice.value) > 1:
            reader.fail(entry.line, f"choice '{choice.value}' appears more than once")
    return tuple(found)


def _item_scale(
    reader: _Reader, loc: _Loc, data: dict[str, _Loc], kind: Kind, item_id: str, scales: dict[str, Scale]
) -> Scale | None:
    if kind != Kind.SCALE:
        if "scale" in data:
            reader.fail(data["scale"].line, f"only scale items have a 'scale' (this one is {kind.value})")
        return None
    scale_loc = data.get("scale")
    if scale_loc is None:
        reader.fail(loc.line, f"item '{item_id}' is a scale but has no 'scale'")
        return None
    if not isinstance(scale_loc.value, str):
        return _scale(reader, scale_loc)
    scale = scales.get(scale_loc.value)
    if scale is None:
        reader.fail(scale_loc.line, f"there is no scale called '{scale_loc.value}' in 'scales'")
    return scale


def _item_choices(reader: _Reader, loc: _Loc, data: dict[str, _Loc], kind: Kind, item_id: str) -> tuple[Choice, ...]:
    if kind not in (Kind.SINGLE_CHOICE, Kind.MULTIPLE_CHOICE):
        if "choices" in data:
            reader.fail(data["choices"].line, f"only choice items have 'choices' (this one is {kind.value})")
        return ()
    if "choices" not in data:
        reader.fail(loc.line, f"item '{item_id}' needs 'choices'")
        return ()
    return _choices(reader, data["choices"])


def _item_tags(reader: _Reader, data: dict[str, _Loc]) -> tuple[str, ...]:
    if "tags" not in data:
        return ()
    tag_loc = data["tags"]
    if not isinstance(tag_loc.value, list):
        reader.fail(tag_loc.line, "'tags' should be a list such as [theme:1, principle:safety]")
        return ()
    tags: list[str] = []
    for tag in tag_loc.value:
        if not isinstance(tag.value, str) or not known_tag(tag.value):
            reader.fail(
                tag.line,
                f"'{tag.value}' is not a tag tidesk knows (theme:1 to theme:9, "
                "principle:safety/trust/choice/collaboration/empowerment, mat:1 to mat:10)",
            )
        else:
            tags.append(tag.value)
    return tuple(tags)


def _item_checks(reader: _Reader, loc: _Loc, data: dict[str, _Loc], kind: Kind) -> tuple[float | None, float | None]:
    """Bounds, specials and required: each only where the kind of item allows it."""
    low, high = reader.number(data, "min"), reader.number(data, "max")
    if (low is not None or high is not None) and kind != Kind.NUMBER:
        reader.fail(loc.line, "only number items have 'min' and 'max'")
    if low is not None and high is not None and low > high:
        reader.fail(data["min"].line, "'min' is larger than 'max'")
    for special in ("dont_know", "not_applicable"):
        if reader.flag(data, special) and kind not in ALLOWS_SPECIAL:
            reader.fail(data[special].line, f"'{special}' does not fit a {kind.value.replace('_', ' ')} item")
    if reader.flag(data, "required") and kind == Kind.NOTE:
        reader.fail(data["required"].line, "a note has nothing to answer, so it cannot be required")
    return low, high


def _item(reader: _Reader, loc: _Loc, scales: dict[str, Scale]) -> Item | None:
    data = reader.fields(loc, ITEM_FIELDS, "an item")
    if not data:
        return None
    item_id = reader.identifier(data, "id", loc.line)
    kind = reader.choice_of(data, "kind", Kind, loc.line)
    text = reader.text(data, "text", loc.line)
    if kind is None:
        return None
    scale = _item_scale(reader, loc, data, kind, item_id, scales)
    choices = _item_choices(reader, loc, data, kind, item_id)
    low, high = _item_checks(reader, loc, data, kind)
    return Item(
        id=item_id,
        kind=kind,
        text=text,
        help=reader.text(data, "help", loc.line, required=False),
        required=reader.flag(data, "required"),
        dont_know=reader.flag(data, "dont_know"),
        not_applicable=reader.flag(data, "not_applicable"),
        tags=_item_tags(reader, data),
        scale=scale,
        choices=choices,
        minimum=low,
        maximum=high,
        integer=reader.flag(data, "integer"),
        line=loc.line,
    )


def _version(reader: _Reader, data: dict[str, _Loc], root: _Loc) -> int:
    version_loc = data.get("version")
    if version_loc is None:
        reader.fail(root.line, "'version' is missing")
    elif (
        isinstance(version_loc.value, bool)
        or not isinstance(version_loc.value, int)
        or not 1 <= version_loc.value <= MAX_VERSION
    ):
        reader.fail(version_loc.line, f"'version' should be a whole number from 1 to {MAX_VERSION:,}")
    else:
        return version_loc.value
    return 0


def _section(
    reader: _Reader,
    section_loc: _Loc,
    scales: dict[str, Scale],
    seen_items: dict[str, int],
    seen_sections: dict[str, int],
) -> Section | None:
    section_data = reader.fields(section_loc, SECTION_FIELDS, "a section")
    if not section_data:
        return None
    section_id = reader.identifier(section_data, "id", section_loc.line)
    if section_id in seen_sections:
        reader.fail(section_loc.line, f"section id '{section_id}' is already used on line {seen_sections[section_id]}")
    seen_sections[section_id] = section_loc.line
    items: list[Item] = []
    items_loc = section_data.get("items")
    if items_loc is None or not isinstance(items_loc.value, list) or not items_loc.value:
        reader.fail(section_loc.line, f"section '{section_id}' has no items")
    else:
        for item_loc in items_loc.value:
            raw_id = item_loc.value.get("id") if isinstance(item_loc.value, dict) else None
            if raw_id is not None and isinstance(raw_id.value, str):
                if raw_id.value in seen_items:
                    reader.fail(
                        raw_id.line, f"item id '{raw_id.value}' is already used on line {seen_items[raw_id.value]}"
                    )
                seen_items.setdefault(raw_id.value, raw_id.line)
            item = _item(reader, item_loc, scales)
            if item is not None:
                items.append(item)
    return Section(
        section_id,
        reader.text(section_data, "title", section_loc.line),
        reader.text(section_data, "help", section_loc.line, required=False),
        tuple(items),
    )


def parse(text: str, file: str = "<form>") -> FormDefinition:
    """Read one definition; raises FormErrors listing every problem found, each with its line."""
    problems: list[tuple[int, str]] = []
    try:
        node = yaml.compose(text, Loader=FAST_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark is not None else 1
        reason = getattr(exc, "problem", None) or str(exc)
        raise FormErrors([FormProblem(file, line, f"this is not valid YAML: {reason}")]) from exc
    if node is None:
        raise FormErrors([FormProblem(file, 1, "the file is empty")])
    reader = _Reader(file)
    root = _located(node, problems)
    reader.problems.extend(problems)
    data = reader.fields(root, FORM_FIELDS, "the form")
    form_id = reader.identifier(data, "form", root.line)
    version = _version(reader, data, root)
    scales: dict[str, Scale] = {}
    if "scales" in data:
        for name, loc in reader.fields(data["scales"], set(data["scales"].value or {}), "'scales'").items():
            made = _scale(reader, loc)
            if made is not None:
                scales[name] = made
    sections: list[Section] = []
    seen_items: dict[str, int] = {}
    seen_sections: dict[str, int] = {}
    sections_loc = data.get("sections")
    if sections_loc is None or not isinstance(sections_loc.value, list) or not sections_loc.value:
        reader.fail(sections_loc.line if sections_loc else root.line, "a form needs 'sections', each with items")
    else:
        for section_loc in sections_loc.value:
            section = _section(reader, section_loc, scales, seen_items, seen_sections)
            if section is not None:
                sections.append(section)
    scoring = _scoring(reader, data.get("scoring"), {i.id: i for s in sections for i in s.items})
    reader.problems.sort()
    if reader.problems:
        raise FormErrors([FormProblem(file, line, message) for line, message in reader.problems])
    return FormDefinition(
        id=form_id,
        version=version,
        title=reader.text(data, "title", root.line),
        purpose=reader.text(data, "purpose", root.line, required=False),
        answered_by=reader.choice_of(data, "answered_by", AnsweredBy, root.line, AnsweredBy.INDIVIDUAL),
        anonymous=reader.flag(data, "anonymous"),
        sections=tuple(sections),
        scoring=scoring,
        credit=reader.text(data, "credit", root.line, required=False),
    )


def _scoring(reader: _Reader, loc: _Loc | None, items: dict[str, Item]) -> Scoring:
    if loc is None:
        return Scoring()
    data = reader.fields(loc, SCORING_FIELDS, "'scoring'")

    def names(key: str) -> list[_Loc]:
        if key not in data:
            return []
        if not isinstance(data[key].value, list):
            reader.fail(data[key].line, f"'{key}' should be a list")
            return []
        return list(data[key].value)

    group_by = []
    for family in names("group_by"):
        if family.value not in TAG_FAMILIES:
            reader.fail(family.line, f"cannot group scores by '{family.value}' (use theme, principle or mat)")
        else:
            group_by.append(family.value)
    chosen: dict[str, list[str]] = {"reverse": [], "exclude": []}
    for key in chosen:
        for ref in names(key):
            item = items.get(str(ref.value))
            if item is None:
                reader.fail(ref.line, f"there is no item '{ref.value}' to {key}")
            elif item.kind not in (Kind.SCALE, Kind.NUMBER, Kind.YES_NO):
                reader.fail(ref.line, f"item '{ref.value}' is not scored, so it cannot be in '{key}'")
            else:
                chosen[key].append(item.id)
    return Scoring(tuple(group_by), tuple(chosen["reverse"]), tuple(chosen["exclude"]))


def load(path: Path) -> FormDefinition:
    if not Path(path).is_file():  # a pipe would block for ever, a folder cannot be read as a form
        raise FormErrors([FormProblem(str(path), 1, "this is not an ordinary file, so it is not a form")])
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise FormErrors([FormProblem(str(path), 1, "the file is not UTF-8 text")]) from exc
    except OSError as exc:
        raise FormErrors([FormProblem(str(path), 1, f"cannot be read ({exc.strerror})")]) from exc
    return parse(text, str(path))
