"""The register of the service's documents: its policies, procedures, pathways, leaflets, letter templates and
job descriptions, when each was last reviewed, and when it was (or will be) read through a trauma lens.

A document can carry a copy of its file. The bytes live in ``service_document_file`` (so the register lists
quickly) and the name, size and SHA-256 on the document itself. A file is read whole before anything is
stored (``read_attachment``, a plain function the GUI runs off its thread), so a file that is refused, too
large, or fails half-way is never half-stored. Replacing a file marks the old bytes removed, so undo brings
them back.

To look at a file, ``open_copy`` writes a read-only copy into tidesk's own temporary folder, one small folder
per copy so its name can stay the document's own. The GUI removes its copies when the workspace closes; any
left behind (tidesk stopped, or a viewer held the file) are swept away a day later, the next time a copy is
opened.
"""

from __future__ import annotations

import contextlib
import getpass
import hashlib
import os
import re
import shutil
import stat
import tempfile
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from tidesk.core import files
from tidesk.core.changes import AddRow, Batch, Change, Mark, Remove, SetFields, live_row
from tidesk.core.dates import MONTHS, long_date
from tidesk.core.db import new_uuid
from tidesk.core.errors import TideskError
from tidesk.core.familiarisation.models import DOCUMENT_KINDS, ServiceDocument, ServiceDocumentFile
from tidesk.core.workspace import Workspace

KIND_LABELS = {
    "policy": "Policy",
    "procedure": "Procedure",
    "pathway": "Pathway",
    "leaflet": "Leaflet",
    "letter template": "Letter template",
    "job description": "Job description",
    "other": "Other",
}
DOCUMENT_FIELDS = ("title", "kind", "owner", "reviewed_on", "lens_reviewed_on", "lens_review_due", "notes")
DATE_FIELDS = {
    "reviewed_on": "the day it was last reviewed",
    "lens_reviewed_on": "the day its trauma-lens review was done",
    "lens_review_due": "the day its trauma-lens review is due",
}
MAX_TITLE = 300
MAX_OWNER = 200
MAX_NOTES = 20_000
MAX_FILE_NAME = 255  # the column's width
# A copy of a document, not an archive: big enough for any policy as a PDF or a Word file, small enough that
# the workspace stays quick to back up, carry on a USB stick and send to a partner.
MAX_FILE_SIZE = 25 * 1024 * 1024
CHUNK = 1024 * 1024
SWEEP_AFTER_SECONDS = 24 * 60 * 60
NO_FILE = "this document has no file attached"
DOCUMENT_GONE = "that document is no longer in this workspace; it may have been removed already"
Progress = Callable[[int, int], None]


class ReviewState(StrEnum):
    DONE = "done"
    DUE = "due"
    OVERDUE = "overdue"
    NOT_PLANNED = "not planned"


@dataclass(frozen=True)
class DocumentData:
    uuid: str
    title: str
    kind: str
    owner: str
    reviewed_on: date | None
    lens_reviewed_on: date | None
    lens_review_due: date | None
    notes: str
    file_name: str
    file_size: int
    file_sha256: str

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind.capitalize())

    @property
    def has_file(self) -> bool:
        return bool(self.file_name)

    @property
    def file_words(self) -> str:
        """ "lone-working.pdf (240 KB)", or "" with no file."""
        return f"{self.file_name} ({size_words(self.file_size)})" if self.has_file else ""

    def review_state_on(self, today: date) -> ReviewState:
        """A review that is due and not yet done after its due day is due (or overdue once the day has passed);
        otherwise a review done is done; otherwise none is planned."""
        due, done = self.lens_review_due, self.lens_reviewed_on
        if due is not None and (done is None or done < due):
            return ReviewState.OVERDUE if due < today else ReviewState.DUE
        return ReviewState.DONE if done is not None else ReviewState.NOT_PLANNED

    def review_status_on(self, today: date) -> str:
        state = self.review_state_on(today)
        if state is ReviewState.DONE:
            assert self.lens_reviewed_on is not None
            return f"Trauma-lens review done {long_date(self.lens_reviewed_on)}"
        if state is ReviewState.NOT_PLANNED:
            return "No trauma-lens review planned"
        assert self.lens_review_due is not None
        due = long_date(self.lens_review_due)
        return f"Overdue since {due}" if state is ReviewState.OVERDUE else f"Due {due}"

    @property
    def review_status(self) -> str:
        """The review status as of today (tests use ``review_status_on`` with a day of their own)."""
        return self.review_status_on(date.today())


def size_words(size: int) -> str:
    """A file's size as a file manager says it: 812 bytes, 240 KB, 3.4 MB."""
    if size < 1024:
        return "1 byte" if size == 1 else f"{size} bytes"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / (1024 * 1024):.1f} MB"


# ---- reading ---------------------------------------------------------------------------------------------


def _data(row: ServiceDocument) -> DocumentData:
    return DocumentData(
        row.uuid,
        row.title,
        row.kind,
        row.owner,
        row.reviewed_on,
        row.lens_reviewed_on,
        row.lens_review_due,
        row.notes,
        row.file_name,
        row.file_size,
        row.file_sha256,
    )


def _order(document: DocumentData) -> tuple[int, str, str]:
    kind = DOCUMENT_KINDS.index(document.kind) if document.kind in DOCUMENT_KINDS else len(DOCUMENT_KINDS)
    return kind, document.title.casefold(), document.uuid


def list_documents(ws: Workspace) -> list[DocumentData]:
    """Every document, by kind (policies first, others last) and then by title."""
    with ws.read() as session:
        rows = [_data(row) for row in session.scalars(select(ServiceDocument).order_by(ServiceDocument.id))]
    return sorted(rows, key=_order)


def get_document(ws: Workspace, uuid: str) -> DocumentData:
    with ws.read() as session:
        row = session.scalar(select(ServiceDocument).where(ServiceDocument.uuid == uuid))
        if row is None:
            raise TideskError(DOCUMENT_GONE)
        return _data(row)


def file_bytes(ws: Workspace, uuid: str) -> bytes:
    """The attached file of a document, as it was attached."""
    with ws.read() as session:
        data = session.scalar(
            select(ServiceDocumentFile.data)
            .where(ServiceDocumentFile.document_uuid == uuid)
            .order_by(ServiceDocumentFile.id.desc())
        )
        if data is None:
            raise TideskError(NO_FILE)
        return bytes(data)


# ---- the register ----------------------------------------------------------------------------------------


def _check_text(tidy: dict[str, object], key: str, limit: int, what: str) -> None:
    if key in tidy:
        if not isinstance(tidy[key], str):
            raise TideskError(f"{what} is written as words")
        if len(str(tidy[key])) > limit:
            raise TideskError(f"{what} can be at most {limit:,} characters")


def _check_document(values: dict[str, object]) -> dict[str, object]:
    tidy = {key: value.strip() if isinstance(value, str) and key != "notes" else value for key, value in values.items()}
    if "title" in tidy and not tidy["title"]:
        raise TideskError("a document needs a title, such as “Lone working policy”")
    _check_text(tidy, "title", MAX_TITLE, "a document's title")
    _check_text(tidy, "owner", MAX_OWNER, "the owner of a document")
    _check_text(tidy, "notes", MAX_NOTES, "the notes about a document")
    if "kind" in tidy and tidy["kind"] not in DOCUMENT_KINDS:
        kinds = ", ".join(KIND_LABELS[kind].lower() for kind in DOCUMENT_KINDS)
        raise TideskError(f"a document is one of these kinds: {kinds}")
    for key, what in DATE_FIELDS.items():
        if key not in tidy:
            continue
        day = tidy[key]
        if day is not None and (not isinstance(day, date) or isinstance(day, datetime)):
            raise TideskError(f"{what} is a day, or left empty")
    return tidy


def add_document(
    title: str,
    kind: str = "other",
    owner: str = "",
    reviewed_on: date | None = None,
    lens_reviewed_on: date | None = None,
    lens_review_due: date | None = None,
    notes: str = "",
    *,
    uuid: str | None = None,
) -> Change:
    values = _check_document(
        {
            "title": title,
            "kind": kind,
            "owner": owner,
            "reviewed_on": reviewed_on,
            "lens_reviewed_on": lens_reviewed_on,
            "lens_review_due": lens_review_due,
            "notes": notes,
        }
    )
    return AddRow("service_document", {**values, "uuid": uuid or new_uuid()})


def edit_document(uuid: str, merge: Hashable | None = None, **changes: object) -> Change:
    """Change a document's title, kind, owner, review days or notes (its file: ``attach_file``)."""
    unknown = set(changes) - set(DOCUMENT_FIELDS)
    if unknown:
        raise ValueError(f"unknown document fields: {sorted(unknown)}")
    if not changes:
        raise ValueError("nothing to change")
    return SetFields("service_document", uuid, _check_document(changes), merge)


def remove_document(uuid: str) -> Change:
    """The document and its attached file: undo brings both back."""
    return Remove("service_document", (uuid,))


# ---- attached files --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Attachment:
    """A file read whole, ready to attach (its bytes are left out of the repr, so never logged)."""

    name: str
    data: bytes = field(repr=False)
    size: int
    sha256: str


def _short_name(name: str) -> str:
    """A file name that fits the column, keeping its extension."""
    if len(name) <= MAX_FILE_NAME:
        return name
    suffix = Path(name).suffix if len(Path(name).suffix) <= 16 else ""
    return name[: MAX_FILE_NAME - len(suffix)] + suffix


def _refuse_kind(path: Path, mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise TideskError(f"{path}: this is a folder; choose a file inside it")
    if not stat.S_ISREG(mode):  # a pipe or a device would block, or never end
        raise TideskError(
            f"{path}: this is not an ordinary file (it may be a pipe or a device), so it was not attached"
        )


def _refuse_size(path: Path, size: int) -> None:
    if size > MAX_FILE_SIZE:
        words = size_words(size)
        if words == size_words(MAX_FILE_SIZE):
            words = f"just over {words}"
        raise TideskError(
            f"“{path.name}” is {words}, larger than the {size_words(MAX_FILE_SIZE)} a document's file "
            "can be, so it was not attached. A smaller copy (a PDF of the document, say) would fit"
        )


def _unreadable(path: Path, exc: OSError) -> TideskError:
    if isinstance(exc, FileNotFoundError):
        return TideskError(f"{path}: the file is no longer there (it may have been moved or removed)")
    if isinstance(exc, PermissionError):
        return TideskError(f"{path}: tidesk is not allowed to read this file")
    return TideskError(f"{path}: the file could not be read ({exc.strerror or exc})")


def read_attachment(path: Path, progress: Progress | None = None) -> Attachment:
    """Read a file to attach, whole, or refuse it plainly: a folder, a pipe or device, anything over the size
    limit, a file that cannot be read or vanishes. ``progress(done, total)`` may raise to cancel.

    Looks before it opens (a pipe is never opened), and opens without waiting, in case something else was
    put there in between; the size is checked again as it reads, in case the file grows."""
    path = Path(path)
    try:
        found = os.stat(path)
    except OSError as exc:
        raise _unreadable(path, exc) from None
    _refuse_kind(path, found.st_mode)
    _refuse_size(path, found.st_size)
    digest = hashlib.sha256()
    chunks: list[bytes] = []
    done = 0
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with open(fd, "rb", closefd=True) as handle:
            opened = os.fstat(handle.fileno())
            _refuse_kind(path, opened.st_mode)
            _refuse_size(path, opened.st_size)
            total = max(opened.st_size, 1)
            while chunk := handle.read(CHUNK):
                done += len(chunk)
                _refuse_size(path, done)
                digest.update(chunk)
                chunks.append(chunk)
                if progress is not None:
                    progress(min(done, total), total)
    except OSError as exc:
        raise _unreadable(path, exc) from None
    if done == 0:
        raise TideskError(f"“{path.name}” is empty, so there is nothing to attach")
    return Attachment(_short_name(path.name), b"".join(chunks), done, digest.hexdigest())


def _live_files(session: Session, document_uuid: str) -> tuple[tuple[str, str], ...]:
    query = select(ServiceDocumentFile.uuid).where(ServiceDocumentFile.document_uuid == document_uuid)
    return tuple(("service_document_file", uuid) for uuid in session.scalars(query))


@dataclass(frozen=True)
class SetFile(Change):
    """Attach a file to a document (replacing any it had: the old bytes are marked removed, not deleted), or
    with no attachment, take its file away. The inverse puts back exactly what was there."""

    document_uuid: str
    attachment: Attachment | None
    file_uuid: str = ""

    def apply_in(self, session: Session) -> Change:
        try:
            live_row(session, "service_document", self.document_uuid)
        except TideskError:
            raise TideskError(DOCUMENT_GONE) from None
        old = _live_files(session, self.document_uuid)
        found = self.attachment
        if found is None and not old:
            raise TideskError(NO_FILE)
        steps: list[Change] = [Mark(old)] if old else []
        if found is not None:
            values = {"uuid": self.file_uuid or new_uuid(), "document_uuid": self.document_uuid, "data": found.data}
            steps.append(AddRow("service_document_file", values))
            fields: dict[str, object] = {"file_name": found.name, "file_size": found.size, "file_sha256": found.sha256}
        else:
            fields = {"file_name": "", "file_size": 0, "file_sha256": ""}
        steps.append(SetFields("service_document", self.document_uuid, fields))
        return Batch(tuple(steps)).apply_in(session)


def attach_file(uuid: str, attachment: Attachment, *, file_uuid: str | None = None) -> Change:
    """Keep this file with the document, in place of any it had; one change, undone as one."""
    if not attachment.data or len(attachment.data) != attachment.size:
        raise TideskError("the file was not read whole, so it was not attached")
    _refuse_size(Path(attachment.name), attachment.size)
    return SetFile(uuid, attachment, file_uuid or new_uuid())


def detach_file(uuid: str) -> Change:
    """Take the file away from the document (the document stays); undo brings the file back."""
    return SetFile(uuid, None)


# ---- looking at a file: copies in tidesk's temporary folder ---------------------------------------------

UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')
RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])$", re.IGNORECASE)  # names Windows keeps for itself
MAX_COPY_NAME = 120


def safe_file_name(name: str) -> str:
    """A name a copy can have on any system: the last part of whatever path it came with, without characters
    a file name cannot hold, never hidden, never a name Windows reserves; the extension is kept."""
    base = re.split(r"[/\\]", name)[-1]
    base = UNSAFE.sub("_", base).strip(" .")
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    if not re.fullmatch(r"[A-Za-z0-9]{1,16}", suffix):
        stem, suffix = base, ""
    stem = stem.strip(" .") or "document"
    if RESERVED.match(stem):
        stem = f"document-{stem}"
    ending = f".{suffix}" if suffix else ""
    return stem[: MAX_COPY_NAME - len(ending)].rstrip(" .") + ending


def _user_tag() -> str:
    getuid = getattr(os, "getuid", None)
    if getuid is not None:
        return str(getuid())
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # pragma: no cover - no user name at all
        user = "user"
    return re.sub(r"[^A-Za-z0-9_-]", "_", user) or "user"


def copies_folder() -> Path:
    """tidesk's own temporary folder for copies opened to look at, one for each person on the computer."""
    return Path(tempfile.gettempdir()) / f"tidesk-open-{_user_tag()}"


def _own_folder(folder: Path) -> None:
    """Make the folder, or check one already there is a real folder of ours that nobody else can read."""
    with contextlib.suppress(FileExistsError):
        os.mkdir(folder, 0o700)
    found = os.lstat(folder)
    if stat.S_ISLNK(found.st_mode) or not stat.S_ISDIR(found.st_mode):
        raise TideskError(f"{folder}: something other than tidesk's folder is there, so no copy was made")
    getuid = getattr(os, "getuid", None)
    if getuid is not None and found.st_uid != getuid():
        raise TideskError(f"{folder}: this folder belongs to someone else on this computer, so no copy was made")
    if os.name == "posix" and found.st_mode & 0o077:
        os.chmod(folder, 0o700)


def _remove_tree(path: Path) -> None:
    """Remove a copy's folder, making read-only copies writable first (Windows will not remove them)."""

    def writable_then_retry(function: Callable[..., object], failed: str, _exc: object) -> None:
        with contextlib.suppress(OSError):
            os.chmod(failed, stat.S_IWRITE | stat.S_IREAD)
            function(failed)

    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, onerror=writable_then_retry)  # Python 3.11 has no onexc yet
    else:
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)


def sweep_copies(folder: Path, *, older_than: float = SWEEP_AFTER_SECONDS, now: float | None = None) -> int:
    """Remove copies left in the folder for longer than ``older_than`` seconds; returns how many."""
    if not folder.is_dir() or folder.is_symlink():
        return 0
    cutoff = (time.time() if now is None else now) - older_than
    swept = 0
    for entry in list(folder.iterdir()):
        try:
            old = entry.lstat().st_mtime < cutoff
        except OSError:
            continue
        if old:
            _remove_tree(entry)
            swept += not entry.exists()
    return swept


def open_copy(ws: Workspace, uuid: str, folder: Path) -> Path:
    """Write a read-only copy of a document's file, to open in the program that shows it, and return where.

    Each copy has a new folder of its own inside ``folder`` (so it keeps the document's name, and two copies
    never clash); copies older than a day are swept away first."""
    document = get_document(ws, uuid)
    if not document.has_file:
        raise TideskError(NO_FILE)
    data = file_bytes(ws, uuid)
    folder = Path(folder)
    try:
        _own_folder(folder)
        sweep_copies(folder)
        place = Path(tempfile.mkdtemp(prefix="copy-", dir=folder))
    except OSError as exc:
        raise TideskError(f"{folder}: a copy to look at could not be made here ({exc.strerror or exc})") from exc
    target = place / safe_file_name(document.file_name)
    try:
        files.write_bytes(target, data)
        os.chmod(target, stat.S_IREAD)  # edits to a copy are not kept, so the program showing it says so
    except OSError as exc:
        _remove_tree(place)
        raise TideskError(f"{target}: a copy to look at could not be written ({exc.strerror or exc})") from exc
    except BaseException:
        _remove_tree(place)
        raise
    return target


def remove_copy(path: Path, folder: Path) -> bool:
    """Remove a copy made by ``open_copy`` (and its own folder); only ever inside ``folder``. True once gone."""
    path, folder = Path(path), Path(folder)
    place = path.parent
    if place.parent != folder or not place.name.startswith("copy-"):
        return False
    _remove_tree(place)
    return not place.exists()


# ---- typing a day (the dialog's boxes; core/dates.py would be its home once another area wants it) -------

NUMERIC = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4}|\d{2})")
ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
WORDS = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})")
EARLIEST_YEAR, LATEST_YEAR = 1900, 2199
NOT_A_DAY = "this cannot be read as a day; write it like 14 March 2026 or 14/3/2026, or leave it empty"


def _month(name: str) -> int:
    """1 to 12 for a month's name or its first three letters or more ("sept" too); ValueError otherwise."""
    for number, month in enumerate(MONTHS, start=1):
        if len(name) >= 3 and month.lower().startswith(name):
            return number
    if name == "sept":
        return 9
    raise ValueError(NOT_A_DAY)


def read_day(text: str, today: date | None = None) -> date | None:
    """The day typed, None for an empty box; ValueError when it cannot be read as a day (day before month)."""
    words = " ".join(text.strip().lower().split())
    if not words:
        return None
    if words == "today":
        return today or date.today()
    if found := ISO.fullmatch(words):
        year, month, day = (int(part) for part in found.groups())
    elif found := NUMERIC.fullmatch(words):
        day, month, year = (int(part) for part in found.groups())
        year += 2000 if len(found.group(3)) == 2 else 0
    elif found := WORDS.fullmatch(words):
        day, month, year = int(found.group(1)), _month(found.group(2)), int(found.group(3))
    else:
        raise ValueError(NOT_A_DAY)
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        raise ValueError(NOT_A_DAY)
    return date(year, month, day)  # a day that does not exist (31 June) raises ValueError
