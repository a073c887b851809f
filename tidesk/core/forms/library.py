"""Which forms there are: the ones shipped in forms/, and those the team adapted or imported (kept in the
workspace, so a workspace always holds every definition its responses answered)."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from tidesk.core.changes import Change, Mark, Restore, insert_row, write_fields
from tidesk.core.db import INCLUDE_REMOVED, new_uuid
from tidesk.core.errors import TideskError
from tidesk.core.forms.loader import FormErrors, FormProblem, load, parse
from tidesk.core.forms.model import FormDefinition
from tidesk.core.forms.models import FormResponse, StoredForm
from tidesk.core.workspace import Workspace


class Source(StrEnum):
    SHIPPED = "shipped"
    TEAM = "team"  # a shipped form the team adapted
    IMPORTED = "imported"  # from a spreadsheet (XLSForm) or another file

    @property
    def label(self) -> str:
        return {"shipped": "Comes with tidesk", "team": "Adapted by the team", "imported": "Imported"}[self.value]


@dataclass(frozen=True)
class Entry:
    definition: FormDefinition
    source: Source
    text: str
    path: Path | None = None

    @property
    def key(self) -> str:
        return self.definition.key


@dataclass
class Catalogue:
    entries: list[Entry] = field(default_factory=list)
    skipped: list[FormProblem] = field(default_factory=list)  # broken files, each with its reason

    def copy(self) -> Catalogue:
        return Catalogue(list(self.entries), list(self.skipped))

    def add(self, entry: Entry) -> None:
        if self.find(entry.definition.id, entry.definition.version) is None:
            self.entries.append(entry)

    def find(self, form_id: str, version: int) -> Entry | None:
        return next((e for e in self.entries if e.definition.id == form_id and e.definition.version == version), None)

    def versions(self, form_id: str) -> list[Entry]:
        return sorted((e for e in self.entries if e.definition.id == form_id), key=lambda e: e.definition.version)

    def latest(self, form_id: str) -> Entry | None:
        found = self.versions(form_id)
        return found[-1] if found else None

    def form_ids(self) -> list[str]:
        return sorted({e.definition.id for e in self.entries})

    def get(self, form_id: str, version: int) -> FormDefinition:
        entry = self.find(form_id, version)
        if entry is None:
            raise TideskError(f"the form '{form_id}' version {version} is not in this workspace or in tidesk")
        return entry.definition


def shipped_folder() -> Path:
    from tidesk.resources import shipped_dir

    return shipped_dir("forms")


def read_folder(folder: Path, source: Source = Source.SHIPPED) -> Catalogue:
    """Every *.yaml form in ``folder``; a broken file is skipped and reported, and the rest still load."""
    catalogue = Catalogue()
    for path in sorted(folder.glob("*.yaml")):
        try:
            definition = load(path)
        except FormErrors as exc:
            catalogue.skipped.extend(exc.problems)
            continue
        problem = version_problem(definition, catalogue)
        if problem:
            catalogue.skipped.append(FormProblem(str(path), 1, problem))
            continue
        catalogue.add(Entry(definition, source, path.read_text(encoding="utf-8"), path))
    return catalogue


def shipped_catalogue() -> Catalogue:
    """The forms that come with tidesk, read once and again only when a file in the folder changes.

    The window (to say which file was skipped), the Forms page, exports and comparisons all ask for it;
    each caller gets its own copy to add to."""
    folder = shipped_folder()
    stamp = tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(folder.glob("*.yaml")))
    return _read_once(folder, stamp).copy()


@functools.lru_cache(maxsize=4)
def _read_once(folder: Path, _stamp: tuple[tuple[str, int, int], ...]) -> Catalogue:
    return read_folder(folder)


def version_problem(definition: FormDefinition, known: Catalogue) -> str | None:
    """A changed form must be a new, higher version; the same version must mean the same form."""
    same = known.find(definition.id, definition.version)
    if same is not None:
        if same.definition == definition:
            return None
        return (
            f"version {definition.version} of '{definition.id}' already exists and says something "
            f"different; give the changed form version {_next(definition.id, known)}"
        )
    latest = known.latest(definition.id)
    if latest is not None and definition.version < latest.definition.version:
        return (
            f"the version went down: '{definition.id}' is already at version {latest.definition.version}; "
            f"a changed form needs version {_next(definition.id, known)}"
        )
    return None


def _next(form_id: str, known: Catalogue) -> int:
    latest = known.latest(form_id)
    return latest.definition.version + 1 if latest else 1


def check_files(paths: list[Path], against: Catalogue | None = None) -> list[FormProblem]:
    """What ``tidesk forms check`` reports: every problem in every file, and versions that clash with the
    shipped forms or with each other."""
    known = (against if against is not None else shipped_catalogue()).copy()
    problems: list[FormProblem] = []
    for path in paths:
        try:
            definition = load(path)
        except FormErrors as exc:
            problems.extend(exc.problems)
            continue
        clash = version_problem(definition, known)
        if clash:
            problems.append(FormProblem(str(path), _line_of(path, "version"), clash))
        else:
            known.add(Entry(definition, Source.IMPORTED, "", path))
    return problems


def _line_of(path: Path, key: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith(f"{key}:"):
            return number
    return 1


# ---- the workspace's own forms ---------------------------------------------------------------


def catalogue(ws: Workspace, shipped: Catalogue | None = None) -> Catalogue:
    """The shipped forms and the workspace's stored ones together (stored copies win: they are what the
    responses answered)."""
    merged = Catalogue()
    with ws.read() as session:
        stored = session.execute(
            select(StoredForm.form_id, StoredForm.version, StoredForm.source, StoredForm.text).order_by(
                StoredForm.form_id, StoredForm.version
            )
        ).all()
    for form_id, version, source, text in stored:
        merged.add(Entry(parse(text, f"{form_id} v{version} (in the workspace)"), Source(source), text))
    base = shipped if shipped is not None else shipped_catalogue()
    for entry in base.entries:
        merged.add(entry)
    merged.skipped = list(base.skipped)
    return merged


@dataclass(frozen=True)
class StoreForm(Change):
    """Keep a definition in the workspace (a team's adapted form or an import); undone while unanswered."""

    text: str
    source: Source
    name: str = "the form"

    def apply_in(self, session: Session) -> Change:
        definition = parse(self.text, self.name)
        uuid = _keep(session, definition, self.source, self.text)
        return Mark((("form_definition", uuid),))


def store(ws: Workspace, text: str, source: Source, *, name: str = "the form") -> StoreForm | None:
    """The change that loads a definition, checked against the forms already known; None when the very same
    definition is already here (loading it again changes nothing)."""
    definition = parse(text, name)
    known = catalogue(ws)
    problem = version_problem(definition, known)
    if problem:
        raise FormErrors([FormProblem(name, 1, problem)])
    existing = known.find(definition.id, definition.version)
    if existing is not None and existing.source != Source.SHIPPED:
        return None  # already here, word for word the same form
    return StoreForm(text, source, name)


def _keep(session: Session, definition: FormDefinition, source: Source, text: str) -> str:
    """Add the stored copy; a copy removed before (an undone load of the same form and version) is taken up
    again under its own uuid, so another machine that saw it removed sees it come back."""
    values = {
        "form_id": definition.id,
        "version": definition.version,
        "title": definition.title,
        "source": source.value,
        "text": text,
        "loaded_on": date.today(),
    }
    removed = session.scalar(
        select(StoredForm)
        .where(StoredForm.form_id == definition.id, StoredForm.version == definition.version)
        .execution_options(**{INCLUDE_REMOVED: True})
    )
    if removed is None:
        uuid = new_uuid()
        insert_row(session, "form_definition", {"uuid": uuid, **values})
        return uuid
    Restore((("form_definition", removed.uuid),)).apply_in(session)
    write_fields(session, "form_definition", removed.uuid, values)
    return removed.uuid


def keep_copy(session: Session, entry: Entry) -> str | None:
    """Keep a shipped definition in the workspace once it has been answered, so a later tidesk that ships
    other wording cannot change what old responses meant. Part of the caller's unit of work; returns the uuid
    of the copy when one had to be made."""
    present = session.scalar(
        select(StoredForm.id).where(
            StoredForm.form_id == entry.definition.id, StoredForm.version == entry.definition.version
        )
    )
    if present is not None:
        return None
    return _keep(session, entry.definition, entry.source, entry.text)


def answered(ws: Workspace, form_id: str, version: int) -> bool:
    with ws.read() as session:
        return (
            session.scalar(
                select(FormResponse.id).where(FormResponse.form_id == form_id, FormResponse.form_version == version)
            )
            is not None
        )
