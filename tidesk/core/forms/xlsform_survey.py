"""From a workbook's rows to an XLSForm's questions, groups, choice lists and settings, in tidesk's words.

pyxform's vocabulary is used (its question types, type and column aliases, and the patterns for selects and
begin/end rows), so a spreadsheet means here what it means in ODK and KoboToolbox. pyxform's own conversion
(``workbook_to_json``) is not: it stops at the first problem, words it in its own terms (sheet headers,
choice lists, a row printed as a Python dict), and counts rows its own way. Every problem here names the
sheet and row it is on, and a row tidesk cannot use never stops the others from being checked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from tidesk.core.forms.loader import FormProblem
from tidesk.core.forms.xlsform_read import Book, Sheet

# Columns tidesk reads on the survey sheet; any other with something in it is listed in the output's notes.
USED = ("type", "name", "label", "hint", "required", "constraint", "appearance")
# Old and alternative headings, as pyxform's aliases have them, to the name this module uses.
ALIASES = {
    "command": "type",
    "tag": "name",
    "value": "name",
    "caption": "label",
    "relevance": "relevant",
    "read_only": "readonly",
    "calculate": "calculation",
    "image": "media",
    "big-image": "media",
    "audio": "media",
    "video": "media",
    "set_form_title": "form_title",
    "set_form_id": "form_id",
}
TRANSLATED = ("label", "hint")
DROPPED = {
    "relevant": "skip logic ('relevant')",
    "readonly": "'read_only'",
    "calculation": "'calculation'",
    "default": "default answers ('default')",
    "choice_filter": "choice filters ('choice_filter': every choice is offered)",
    "media": "pictures, sounds or videos",
    "required": "'required' that depends on other answers (the question is optional here)",
}
META = ("audit", "start-geopoint", "background-audio", "background-geopoint")
REQUIRED = ("yes", "true", "true()", "1")
NOT_REQUIRED = ("", "no", "false", "false()", "0")
PLACE = "no maps or places: ask for the place in words with a 'text' question"
TIME = "dates only, no times: use a 'date' question"
WHY = {
    "geopoint": PLACE,
    "geoshape": PLACE,
    "geotrace": PLACE,
    "dateTime": TIME,
    "time": TIME,
    "binary": "no photos, recordings or attached files",
    "barcode": "no barcode scanning: use a 'text' question",
    "calculate": "no calculations inside a form: scores come from the form's 'scoring'",
    "range": "use an 'integer' question with a constraint such as '. >= 0 and . <= 10'",
    "rank": "use a 'select_multiple' question instead",
    "trigger": "use a 'note' instead",
    "hidden": "no hidden questions",
    "external": "the choices must be on the spreadsheet's choices sheet",
    "or_other": "add an 'other' choice, and a 'text' question for the details",
}


def shown(text: str, limit: int = 60) -> str:
    """A person's text quoted in a message: short, on one line."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _snake(text: str) -> str:
    return "_".join(text.split()).lower()


def column(heading: str) -> tuple[str, str]:
    """What a column holds and in which language: 'label::English (en)' -> ('label', 'English (en)')."""
    if "::" in heading:
        first, _, language = heading.partition("::")
    else:  # the old single colon, for texts only: 'jr:count' is one name
        first, _, language = heading.partition(":")
        if ALIASES.get(_snake(first), _snake(first)) not in TRANSLATED:
            first, language = heading, ""
    what = _snake(first)
    return ALIASES.get(what, what), language.strip()


@dataclass
class Row:
    """One row of a sheet: the columns tidesk reads by what they hold, the texts by language, the rest."""

    number: int
    fields: dict[str, str] = field(default_factory=dict)
    texts: dict[str, dict[str, str]] = field(default_factory=dict)
    others: dict[str, str] = field(default_factory=dict)  # heading -> text, for the notes

    @classmethod
    def of(cls, number: int, cells: dict[str, str], default_language: str) -> Row:
        row = cls(number)
        for heading, text in cells.items():
            what, language = column(heading)
            if what in TRANSLATED:
                row.texts.setdefault(what, {})[language or default_language] = text
            elif what in row.fields:
                row.others[heading] = text  # e.g. 'name' and 'value' both given: the first one is used
            else:
                row.fields[what] = text
        return row


@dataclass
class Element:
    """A question or a group, as the spreadsheet gives it."""

    row: int
    kind: str  # 'group', or the type as written (spaces tidied)
    name: str
    label: dict[str, str]
    hint: dict[str, str]
    fields: dict[str, str]
    list_name: str = ""
    children: list[Element] = field(default_factory=list)


@dataclass
class Choice:
    row: int
    name: str
    label: dict[str, str]
    others: list[str]  # headings of the columns tidesk does not read, with something in them


def _why(kind: str) -> str | None:
    """Why tidesk cannot use a survey type ("" for a type nobody knows), or None if it can."""
    from pyxform import aliases, constants
    from pyxform.question_type_dictionary import QUESTION_TYPE_DICT as TYPES
    from pyxform.xls2json import RE_SELECT

    if (select := RE_SELECT.match(kind)) is not None:
        command = select["select_command"]
        meaning = aliases.select[command]
        if select["specify_other"]:
            return WHY["or_other"]
        if meaning == constants.RANK:
            return WHY["rank"]
        plain = meaning in (constants.SELECT_ONE, constants.SELECT_ALL_THAT_APPLY)
        return None if plain and command not in aliases.select_from_file else WHY["external"]
    if kind in ("hidden", "xml-external", "csv-external"):
        return WHY["hidden" if kind == "hidden" else "external"]
    if (spec := TYPES.get(kind)) is None:
        return ""
    if spec == TYPES["calculate"]:
        return WHY["calculate"]
    if any(spec == TYPES[plain] for plain in ("text", "integer", "decimal", "date", "note")):
        return None
    return WHY.get((spec.get("control") or {}).get("tag", "")) or WHY.get(
        (spec.get("bind") or {}).get("type", ""), "no question of this kind"
    )


def _metadata(kind: str) -> bool:
    """Details a phone records by itself (start, end, today, deviceid, username, audit...)."""
    from pyxform.question_type_dictionary import QUESTION_TYPE_DICT as TYPES

    return "jr:preload" in (TYPES.get(kind, {}).get("bind") or {}) or kind in META


class Survey:
    """The survey, choices and settings sheets read into elements, with every problem and note on the way."""

    def __init__(self, book: Book, tick: Callable[[], None]) -> None:
        self.file = str(book.path)
        self.sheets = list(book.sheets.values())
        self.unread = book.unread
        self.problems: list[FormProblem] = []
        self.ignored: list[str] = []  # "row N (type)" of the details a phone records by itself
        self.skipped: list[int] = []  # rows with no type, name or label
        self.dropped: dict[str, dict[int, None]] = {}  # what -> its rows, in order, each once
        self.languages: set[str] = set()
        self.settings: dict[str, str] = {}
        self.settings_row = 0
        self.settings_sheet = book.sheets.get("settings")
        self.default_language = self._settings()
        self.lists: dict[str, list[Choice]] | None = self._choices(book.sheets.get("choices"))
        self.used: dict[str, int] = {}  # choice list -> the first row that uses it
        self.top: list[Element] = []
        self.stack: list[Element] = []
        self.repeat: tuple[int, str] | None = None
        self.depth = 0
        survey = book.sheets["survey"]
        self.survey_sheet = survey
        for number, cells in survey.rows:
            self.row(Row.of(number, cells, self.default_language))
            tick()
        self.close()
        self.check_lists()

    def fail(self, row: int, message: str, sheet: str = "survey") -> None:
        self.problems.append(FormProblem(self.file, row, f"the {sheet} sheet's row {row} {message}"))

    def drop(self, what: str, row: int) -> None:
        self.dropped.setdefault(what, {})[row] = None

    # ---- the settings and choices sheets ---------------------------------------------------------------

    def _settings(self) -> str:
        """The first settings row (the only one XLSForm reads); returns the default language."""
        sheet = self.settings_sheet
        if sheet is None or not sheet.rows:
            return "default"
        self.settings_row, cells = sheet.rows[0]
        for heading, text in cells.items():
            what = column(heading)[0]
            if what in ("form_title", "form_id", "version", "default_language"):
                self.settings.setdefault(what, text)
            else:
                self.drop(f"the settings sheet's '{shown(heading, 40)}' column", self.settings_row)
        for number, _cells in sheet.rows[1:]:
            self.drop("the settings sheet's rows after its first (XLSForm reads only the first)", number)
        return self.settings.get("default_language") or "default"

    def _choices(self, sheet: Sheet | None) -> dict[str, list[Choice]] | None:
        if sheet is None:
            return None
        lists: dict[str, list[Choice]] = {}
        for number, cells in sheet.rows:
            row = Row.of(number, cells, self.default_language)
            list_name = row.fields.pop("list_name", "")
            name = row.fields.pop("name", "")
            if not list_name:
                self.drop("choices with no 'list_name', which no question can use", number)
                continue
            others = [*row.fields, *row.others, *(t for t in row.texts if t != "label")]
            lists.setdefault(list_name, []).append(Choice(number, name, row.texts.get("label", {}), others))
        return lists

    def check_lists(self) -> None:
        """The lists questions use: each choice named, once."""
        for list_name in self.used:
            seen: dict[str, int] = {}
            for choice in (self.lists or {}).get(list_name, []):
                self.languages.update(choice.label)
                for what in choice.others:
                    self.drop(f"the choices sheet's '{shown(what, 40)}' column", choice.row)
                if not choice.name:
                    self.fail(
                        choice.row,
                        f"(in the list '{shown(list_name)}') has no name: every choice needs one, as it is the "
                        "answer kept",
                        "choices",
                    )
                elif choice.name in seen:
                    self.fail(
                        choice.row,
                        f"repeats the choice '{shown(choice.name)}' of the list '{shown(list_name)}', which row "
                        f"{seen[choice.name]} already has: each choice in a list needs a name of its own",
                        "choices",
                    )
                else:
                    seen[choice.name] = choice.row

    # ---- the survey sheet -------------------------------------------------------------------------------

    def row(self, row: Row) -> None:
        from pyxform.xls2json import RE_BEGIN_CONTROL, RE_END_CONTROL

        kind = " ".join(row.fields.get("type", "").split())
        begin, end = RE_BEGIN_CONTROL.match(kind), RE_END_CONTROL.match(kind)
        repeat_begins, repeat_ends = bool(begin and begin["type"] != "group"), bool(end and end["type"] != "group")
        if repeat_begins or self.depth:
            self.in_repeat(row.number, kind, repeat_begins, repeat_ends)
        elif repeat_ends:
            self.fail(row.number, f"is an '{shown(kind)}' row, but no repeat is open here")
        elif not kind:
            if row.fields.get("name") or row.texts.get("label"):
                self.fail(
                    row.number,
                    "has no type (its 'type' column is empty): give the kind of question, such as text, "
                    "integer or select_one LIST",
                )
            else:
                self.skipped.append(row.number)
        elif _metadata(kind):
            self.ignored.append(f"row {row.number} ({shown(kind, 30)})")
        elif begin:
            self.begin(row, kind)
        elif end:
            if self.stack:
                self.stack.pop()
            else:
                self.fail(row.number, "is an 'end group' row, but no group is open here")
        else:
            self.question(row, kind)

    def in_repeat(self, number: int, kind: str, begins: bool, ends: bool) -> None:
        """A repeat, and every row inside it, is refused as one problem at its first row."""
        if not self.depth:
            self.repeat = (number, kind)
        self.depth += 1 if begins else -1 if ends else 0
        if not self.depth and self.repeat is not None:
            first, what = self.repeat
            self.fail(
                first,
                f"is a '{shown(what)}', which tidesk cannot use (it asks the same questions again for each "
                f"person or visit; rows {first} to {number} belong to it)",
            )

    def close(self) -> None:
        if self.depth and self.repeat is not None:
            self.fail(self.repeat[0], f"is a '{shown(self.repeat[1])}' with no end, which tidesk cannot use")
        for group in self.stack:
            self.fail(group.row, f"begins the group '{shown(group.name)}', which has no 'end group' row")

    def notice(self, row: Row) -> None:
        """Columns with something in them that tidesk does not carry over."""
        for what, text in row.fields.items():
            if what == "required":
                if text.strip().lower() not in (*REQUIRED, *NOT_REQUIRED):
                    self.drop(DROPPED["required"], row.number)
            elif what not in USED:
                self.drop(DROPPED.get(what, f"the '{what}' column"), row.number)
        for heading in row.others:
            self.drop(f"the '{shown(heading, 40)}' column", row.number)
        for texts in row.texts.values():
            self.languages.update(texts)

    def place(self, element: Element) -> None:
        (self.stack[-1].children if self.stack else self.top).append(element)

    def begin(self, row: Row, kind: str) -> None:
        name = row.fields.get("name", "")
        if not name:
            self.fail(row.number, "begins a group with no name (its 'name' column is empty): every group needs one")
        self.notice(row)
        group = Element(row.number, "group", name, row.texts.get("label", {}), row.texts.get("hint", {}), row.fields)
        self.place(group)
        self.stack.append(group)

    def question(self, row: Row, kind: str) -> None:
        from pyxform import aliases
        from pyxform.xls2json import RE_SELECT

        if kind in aliases.select:
            self.fail(row.number, f"is a '{shown(kind)}' with no choice list: write it as '{kind} LIST'")
            return
        if (why := _why(kind)) is not None:
            article = "an" if kind[0] in "aeiou" else "a"
            self.fail(
                row.number,
                f"is {article} '{shown(kind)}' question, which tidesk cannot use ({why})"
                if why
                else f"has the type '{shown(kind)}', which tidesk does not know (see the types on xlsform.org)",
            )
            return
        name = row.fields.get("name", "")
        if not name and kind != "note":
            self.fail(
                row.number,
                "has no name (its 'name' column is empty): every question needs one, as its id comes from it",
            )
        element = Element(row.number, kind, name, row.texts.get("label", {}), row.texts.get("hint", {}), row.fields)
        if (select := RE_SELECT.match(kind)) is not None:
            element.list_name = select["list_name"]
            self.choices_for(row.number, element.list_name)
        self.notice(row)
        self.place(element)

    def choices_for(self, number: int, list_name: str) -> None:
        if self.lists is None:
            self.fail(number, f"uses the choice list '{shown(list_name)}', but the spreadsheet has no choices sheet")
        elif list_name not in self.lists:
            known = ", ".join(f"'{shown(n, 30)}'" for n in list(self.lists)[:10]) or "none"
            self.fail(
                number,
                f"uses the choice list '{shown(list_name)}', which the choices sheet does not have "
                f"(its lists: {known})",
            )
        else:
            self.used.setdefault(list_name, number)
