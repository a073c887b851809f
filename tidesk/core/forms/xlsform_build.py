"""From an XLSForm's elements to tidesk's sections and items: ids, kinds, texts, limits and the notes on each.

Ids come from the XLSForm names, so converting again (or a later version of the spreadsheet) gives the same
ids, and answers stay matched to their questions. A tidesk id is lower-case ASCII letters, digits, - and _:
accents are dropped, Greek and Cyrillic letters are written in Latin ones, and a name with other letters
(Arabic, Hebrew, Chinese...) gets an id made from a short fingerprint of the name ('q-3f2a9c'), which stays
the same for as long as the name does (a row number would change whenever a row is added above it).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable
from typing import Any

from tidesk.core.forms.loader import FormErrors, FormProblem
from tidesk.core.forms.model import Choice, Item, Kind, Section
from tidesk.core.forms.xlsform_read import MAX_CHOICES
from tidesk.core.forms.xlsform_survey import REQUIRED, Element, Survey, shown

PLAIN = {"text": Kind.SHORT_TEXT, "integer": Kind.NUMBER, "decimal": Kind.NUMBER, "date": Kind.DATE, "note": Kind.NOTE}
NUMBER = r"-?\d{1,15}(?:\.\d{1,15})?"  # no more digits than a float keeps
BOUND = re.compile(rf"^(?:\.\s*(?P<op>[<>]=?)\s*(?P<n>{NUMBER})|(?P<n2>{NUMBER})\s*(?P<op2>[<>]=?)\s*\.)$")
FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<="}
REFERENCE = re.compile(r"\$\{\s*([^}]*?)\s*\}")
ID_RULE = "ids are lower-case ASCII letters, digits, - and _"
# Greek and Cyrillic letters in Latin ones (after accents are taken off), and the Latin letters that have none.
_SCRIPTS = "αβγδεζηθικλμνξοπρσςτυφχψω" + "абвгдежзийклмнопрстуфхцчшщыэюяєіїґђјљњћџѓќѕўъь"
_FROM = _SCRIPTS + "ßæœøđłþðı"
_TO = (
    "a v g d e z i th i k l m n x o p r s s t y f ch ps o "
    "a b v g d e zh z i i k l m n o p r s t u f kh ts ch sh shch y e iu ia ie i i g dj j lj nj c dz gj kj dz u - - "
    "ss ae oe o d l th d i"
)
LATIN = str.maketrans(dict(zip(_FROM, [t.strip("-") for t in _TO.split(" ")], strict=True)))


def identifier(name: str, sep: str, prefix: str) -> tuple[str, str]:
    """An id from a name, and how: "" (from its own letters), "latin" (written in Latin letters), "fingerprint"."""
    folded = unicodedata.normalize("NFKD", name.lower())
    spelled = folded.translate(LATIN)
    lost = any(ch.isalnum() and not ch.isascii() for ch in spelled)
    slug = re.sub(r"[^a-z0-9_-]+", sep, spelled.encode("ascii", "ignore").decode()).strip("_-")
    made = (slug if slug[:1].isalpha() else f"{prefix}{sep}{slug}" if slug else prefix)[:64].rstrip("_-")
    if lost:
        print_ = hashlib.blake2s(unicodedata.normalize("NFC", name.strip()).encode(), digest_size=3).hexdigest()
        return f"{made[:57].rstrip('_-')}-{print_}", "fingerprint"
    return made, "latin" if any(ch in _SCRIPTS for ch in folded) else ""


def renamed(where: str, name: str, made: str, how: str) -> str:
    """The note saying why a name's id is not simply the name in lower case."""
    if how == "latin":
        return f"{where}: the name '{shown(name)}' became the id '{made}', written in Latin letters ({ID_RULE})."
    return (
        f"{where}: the name '{shown(name)}' has letters an id cannot hold ({ID_RULE}), so its id is '{made}', made "
        "from the name: it stays the same for as long as the name does."
    )


def rows_text(rows: list[int]) -> str:
    """'row 4', 'rows 4, 9', 'rows 4 to 8, 12': runs of three or more as ranges."""
    rows = sorted(set(rows))
    runs: list[list[int]] = []
    for row in rows:
        if runs and row == runs[-1][-1] + 1:
            runs[-1].append(row)
        else:
            runs.append([row])
    parts = [f"{run[0]} to {run[-1]}" if len(run) > 2 else ", ".join(map(str, run)) for run in runs]
    return f"row{'s' * (len(rows) > 1)} {', '.join(parts)}"


class Builder:
    """Turns the survey's elements into sections and items, collecting every problem and note on the way."""

    def __init__(self, survey: Survey, title: str, tick: Callable[[], None]) -> None:
        self.survey, self.file, self.title, self.tick = survey, survey.file, title, tick
        self.problems: list[FormProblem] = []
        self.notes: dict[str, None] = {}  # in order, each once (a list's notes come with its first question)
        self.ids: dict[str, tuple[int, str]] = {}  # id -> (row, name)
        self.used_languages: set[str] = set()
        self.choice_count = 0

    def fail(self, row: int, message: str) -> None:
        self.problems.append(FormProblem(self.file, row, f"the survey sheet's row {row} {message}"))

    def text(self, value: dict[str, str], where: str = "", what: str = "label") -> str:
        """A label or hint: the English one when there are several languages, else the form's default."""
        if not value:
            return ""
        default = self.survey.default_language
        language = min(
            value,
            key=lambda lang: (
                0
                if re.search(r"\benglish\b|\(en\b|^en(g|-..)?$", lang.lower())
                else 1
                if lang == default
                else 2
                if lang == "default"
                else 3
            ),
        )
        self.used_languages.add(language)
        text = value[language].strip()
        if where and (names := REFERENCE.findall(text)):
            # tidesk fills nothing into a text, and a form must not change meaning on the way in, so the
            # reference stays as written and the note says which texts to reword (refusing would stop a form
            # over its wording, which can be edited in the file written).
            refs = ", ".join(f"${{{shown(n, 30)}}}" for n in dict.fromkeys(names))
            note = f"{where}: its {what} shows {refs}, where a phone would put an earlier answer; tidesk shows it as "
            self.notes[note + "written, so reword it."] = None
        return text

    def claim(self, element: Element) -> str:
        where = f"The survey sheet's row {element.row}"
        if not element.name:  # a note with no name (XLSForm allows it): notes have no answers to match
            made, n = f"note_{element.row}", 1
            while made in self.ids:
                n += 1
                made = f"note_{element.row}_{n}"
            self.ids[made] = (element.row, "")
            return made
        item_id, how = identifier(element.name, "_", "q")
        if item_id in self.ids:
            row, name = self.ids[item_id]
            self.fail(
                element.row,
                f"has the name '{shown(element.name)}', which row {row} already has: each question needs a name of "
                "its own"
                if name == element.name
                else f"is named '{shown(element.name)}', which becomes the item id '{item_id}' that row {row} "
                "already has (tidesk ids are lower-case): rename one of them",
            )
        elif how:
            self.notes[renamed(where, element.name, item_id, how)] = None
        self.ids.setdefault(item_id, (element.row, element.name))
        return item_id

    def sections(self) -> list[Section]:
        grouped = any(e.kind == "group" for e in self.survey.top)
        runs: list[tuple[Element | None, list[Item]]] = []  # (group, items); None: outside any group
        for element in self.survey.top:
            if element.kind == "group":
                runs.append((element, []))
                section_id, how = identifier(element.name, "_", "section")
                if how:  # said here, so the notes come in the order of the rows
                    self.notes[renamed(f"The survey sheet's row {element.row}", element.name, section_id, how)] = None
                for child in element.children:
                    self.collect(child, runs[-1][1])
            else:
                if not runs or runs[-1][0] is not None:
                    runs.append((None, []))
                self.collect(element, runs[-1][1])
        sections: list[Section] = []
        taken: set[str] = set()
        for group, items in runs:
            if group is None:
                name, help_text, title = "questions", "", "Questions" if grouped else self.title
            else:
                where = f"The survey sheet's row {group.row}"
                name, help_text = group.name, self.text(group.hint, where, "group hint")
                title = self.text(group.label, where, "group label") or name.replace("_", " ").strip().capitalize()
            if not items:
                if group is not None:
                    self.survey.drop("a group with nothing tidesk can ask", group.row)
                continue
            base = identifier(name, "_", "section")[0]
            n = 1
            while (section_id := base if n == 1 else f"{base[:60]}_{n}") in taken:
                n += 1
            taken.add(section_id)
            sections.append(Section(section_id, title, help_text, tuple(items)))
        return sections

    def collect(self, element: Element, into: list[Item]) -> None:
        self.tick()
        if element.kind != "group":
            into.extend(item for item in [self.item(element)] if item is not None)
            return
        where = f"The survey sheet's row {element.row}"
        if label := self.text(element.label, where, "group label"):  # a group inside a group: a sub-heading
            into.append(
                Item(
                    self.claim(element),
                    Kind.NOTE,
                    label,
                    self.text(element.hint, where, "group hint"),
                    line=element.row,
                )
            )
        for child in element.children:
            self.collect(child, into)

    def kind(self, element: Element) -> tuple[Kind, str]:
        """The tidesk kind, and the XLSForm plain type it comes from ("" for a select)."""
        from pyxform import aliases, constants
        from pyxform.question_type_dictionary import QUESTION_TYPE_DICT as TYPES
        from pyxform.xls2json import RE_SELECT

        if (select := RE_SELECT.match(element.kind)) is not None:
            one = aliases.select[select["select_command"]] == constants.SELECT_ONE
            return (Kind.SINGLE_CHOICE if one else Kind.MULTIPLE_CHOICE), ""
        plain = next(p for p in PLAIN if TYPES.get(element.kind) == TYPES[p])
        return PLAIN[plain], plain

    def choices(self, element: Element) -> tuple[Choice, ...]:
        found = []
        listed = (self.survey.lists or {}).get(element.list_name, [])
        self.choice_count += len(listed)
        if self.choice_count > MAX_CHOICES:
            raise FormErrors(
                [
                    FormProblem(
                        self.file,
                        element.row,
                        f"the survey sheet's row {element.row} takes the form past {MAX_CHOICES:,} choices in all "
                        "(each question gets its own copy of its list); tidesk makes forms of up to that many",
                    )
                ]
            )
        for choice in listed:
            label = self.text(choice.label, f"The choices sheet's row {choice.row}", "label") or choice.name
            found.append(Choice(choice.name, label))
        return tuple(found)

    def item(self, element: Element) -> Item | None:
        row, where = element.row, f"The survey sheet's row {element.row}"
        item_id, text = self.claim(element), self.text(element.label, where)
        if not text:
            self.fail(row, f"('{shown(element.name)}') has no label, so tidesk would have nothing to show")
        kind, plain = self.kind(element)
        extra: dict[str, Any] = {}
        if kind in (Kind.SINGLE_CHOICE, Kind.MULTIPLE_CHOICE):
            choices = self.choices(element)
            yes_no = sorted((c.value.lower(), c.label.lower()) for c in choices) == [("no", "no"), ("yes", "yes")]
            if kind == Kind.SINGLE_CHOICE and yes_no:
                kind = Kind.YES_NO
            else:
                extra["choices"] = choices
        elif kind == Kind.SHORT_TEXT and "multiline" in element.fields.get("appearance", "").split():
            kind = Kind.LONG_TEXT
        elif kind == Kind.NUMBER:
            extra["integer"] = plain == "integer"
        if constraint := element.fields.get("constraint", "").strip():
            bounds = self.bounds(constraint, plain == "integer") if kind == Kind.NUMBER else None
            if bounds is None:
                self.fail(
                    row,
                    f"has the constraint '{shown(constraint, 80)}', which tidesk cannot use: it understands only "
                    "limits on number questions such as '. >= 0', '. <= 10' or '. >= 0 and . <= 10'",
                )
            else:
                extra["minimum"], extra["maximum"] = bounds
        required = element.fields.get("required", "").strip().lower() in REQUIRED and kind != Kind.NOTE
        help_text = self.text(element.hint, where, "hint")
        return Item(item_id, kind, text, help_text, required=required, line=row, **extra)

    @staticmethod
    def bounds(constraint: str, integer: bool) -> tuple[float | None, float | None] | None:
        """(min, max) from '. >= 0 and . <= 10' and the like, or None if it says anything more."""
        limits: dict[str, float] = {}
        for clause in re.split(r"\s+and\s+", constraint):
            if (m := BOUND.match(clause.strip())) is None:
                return None
            op, number = (m["op"], m["n"]) if m["op"] else (FLIP[m["op2"]], m["n2"])
            value: float = float(number) if "." in number else int(number)
            if len(op) == 1:  # '. > 0' means '. >= 1' for whole numbers, and cannot be said for decimals
                if not integer or isinstance(value, float):
                    return None
                value += 1 if op == ">" else -1
            if op[0] in limits:
                return None
            limits[op[0]] = value
        low, high = limits.get(">"), limits.get("<")
        return None if low is not None and high is not None and low > high else (low, high)
