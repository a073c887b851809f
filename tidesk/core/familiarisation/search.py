"""One search across what was heard and gathered in phase 1: notes, answers to the guide's prompts, findings
and documents, found as the person types.

The texts live in a ``TextIndex`` (``core/workspace/search.py``) kept beside the open workspace. It is
brought up to date before each search from the rows' change stamps: only rows changed since the last search
are read again (a removal or a restore stamps its row too), so a search stays quick however much is there.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select

from tidesk.core.db import INCLUDE_REMOVED
from tidesk.core.familiarisation.conversations import GUIDE_ID, guide_prompts
from tidesk.core.familiarisation.models import (
    FamiliarisationFinding,
    FamiliarisationMeeting,
    FamiliarisationNote,
    ServiceDocument,
)
from tidesk.core.workspace import TextIndex, Workspace

# What each kind of result is called on screen.
KIND_WORDS = {"note": "Note", "answer": "Answer", "finding": "Finding", "document": "Document"}


@dataclass(frozen=True)
class Hit:
    """One result: what it is, where it belongs, the words around the match (matched words between « and »),
    and the rows to open: the conversation and note, or the finding, or the document."""

    kind: str
    uuid: str
    title: str
    context: str
    meeting_uuid: str = ""
    note_uuid: str = ""


class _Kept:
    def __init__(self) -> None:
        self.index = TextIndex()
        self.revision = -1
        self.owners: dict[str, tuple[str, str]] = {}  # key -> (meeting uuid, note uuid)
        self.prompts: dict[str, str] = {}


_INDEXES: weakref.WeakKeyDictionary[Workspace, _Kept] = weakref.WeakKeyDictionary()


def _changed(session: Any, model: type, since: int) -> list[Any]:
    query: Any = select(model).execution_options(**{INCLUDE_REMOVED: True})
    if since >= 0:
        query = query.where(or_(model.changed_in > since, model.removed_in > since))  # type: ignore[attr-defined]
    return list(session.scalars(query))


def refresh(ws: Workspace) -> _Kept:
    """The workspace's index, brought up to date with what changed since it was last used."""
    kept = _INDEXES.get(ws)
    if kept is None:
        kept = _INDEXES[ws] = _Kept()
    if kept.revision == ws.revision:
        return kept
    since = kept.revision
    puts: list[tuple[str, str, str]] = []
    drops: list[str] = []
    with ws.read() as session:
        for note in _changed(session, FamiliarisationNote, since):
            if note.removed_in is None:
                puts.append((note.uuid, "answer" if note.question_id else "note", note.text))
                kept.owners[note.uuid] = (note.meeting_uuid, note.uuid)
            else:
                drops.append(note.uuid)
        for finding in _changed(session, FamiliarisationFinding, since):
            if finding.removed_in is None:
                puts.append((finding.uuid, "finding", f"{finding.wording}\n{finding.passage}"))
                kept.owners[finding.uuid] = ("", finding.note_uuid)
            else:
                drops.append(finding.uuid)
        for document in _changed(session, ServiceDocument, since):
            if document.removed_in is None:
                words = "\n".join((document.title, document.owner, document.notes, document.file_name))
                puts.append((document.uuid, "document", words))
            else:
                drops.append(document.uuid)
    kept.index.drop(drops)
    kept.index.put(puts)
    kept.prompts = _prompt_texts(ws)
    kept.revision = ws.revision
    return kept


def search(ws: Workspace, query: str, limit: int = 60) -> list[Hit]:
    """Results for what has been typed so far, best first, each with its context and where it belongs."""
    kept = refresh(ws)
    found = kept.index.search(query, limit)
    if not found:
        return []
    return _described(ws, found, kept)


def _described(ws: Workspace, found: Iterable[Any], kept: _Kept) -> list[Hit]:
    hits, owners = list(found), kept.owners
    wanted = [owners.get(h.key, ("", ""))[1] for h in hits]
    with ws.read() as session:
        notes = {
            uuid: (meeting, question)
            for uuid, meeting, question in session.execute(
                select(
                    FamiliarisationNote.uuid, FamiliarisationNote.meeting_uuid, FamiliarisationNote.question_id
                ).where(FamiliarisationNote.uuid.in_(wanted))
            )
        }
        meetings = dict(session.execute(select(FamiliarisationMeeting.uuid, FamiliarisationMeeting.title)).all())
        documents = dict(
            session.execute(
                select(ServiceDocument.uuid, ServiceDocument.title).where(
                    ServiceDocument.uuid.in_([h.key for h in hits if h.kind == "document"])
                )
            ).all()
        )
    out = []
    for hit in hits:
        if hit.kind == "document":
            out.append(Hit("document", hit.key, documents.get(hit.key, "A document"), hit.context))
            continue
        note_uuid = owners.get(hit.key, ("", ""))[1]
        meeting_uuid, question = notes.get(note_uuid, ("", ""))
        if meeting_uuid not in meetings:
            continue  # its conversation was removed meanwhile: nothing to jump to
        where = meetings[meeting_uuid]
        if hit.kind == "answer":
            where = f"{where}: {kept.prompts.get(question, 'a prompt of the guide')}"
        out.append(Hit(hit.kind, hit.key, where, hit.context, meeting_uuid, note_uuid))
    return out


def _prompt_texts(ws: Workspace) -> dict[str, str]:
    from tidesk.core.forms import library

    entry = library.catalogue(ws).latest(GUIDE_ID)
    return {p.id: p.text for p in guide_prompts(entry.definition if entry else None)}
