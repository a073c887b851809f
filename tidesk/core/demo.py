"""A fictional, realistic island service for exploring tidesk and for benchmarks.

Everything here is invented: the island of Carran, its people and its partners. The same seed always
writes the same workspace; ``scale`` multiplies the volume of records for benchmarks. Each area of the
programme adds its own demo data in a function here.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import Table, delete, insert, select
from sqlalchemy.orm import Session

from tidesk.core.db import Row
from tidesk.core.errors import TideskError
from tidesk.core.familiarisation import FamiliarisationMeeting, FamiliarisationNote, ServiceDocument
from tidesk.core.service import Partner, PathwayStage, ServiceProfile, ServiceSetting
from tidesk.core.workspace import Progress, Workspace, fsync_dir, move_into_place

DEMO_START = date(2026, 3, 2)

PROFILE = {
    "name": "Carran Community Substance Use Service",
    "organisation": "Carran and Skerry Health and Social Care Partnership",
    "setting": ServiceSetting.ISLAND.value,
    "description": (
        "A small team of nurses, a social worker, two recovery workers and a visiting psychiatrist, based "
        "in Port Ardmor with a weekly clinic on Skerry. Most people travel by ferry or the island bus; "
        "everyone knows everyone. This is a fictional service made up to explore tidesk."
    ),
}

PARTNERS = (
    ("Carran Community Mental Health Team", "Community mental health team", "Shared lunchtime huddle on Thursdays."),
    ("Port Ardmor Medical Practice", "GP practice", "Shared care for opiate replacement; two GPs."),
    ("Skerry Surgery", "GP practice", "Single-handed GP, visiting three days a week."),
    ("Harbour Pharmacy", "Pharmacy", "Supervised dispensing; closes at 1pm on Saturdays."),
    ("HMP Inverard", "Prison", "Mainland prison; liberation planning by phone."),
    ("Carran Recovery Café", "Third sector", "Peer-led drop-in, Tuesdays and Fridays."),
    ("Carran and Skerry ADP", "Alcohol and Drug Partnership", "Funds the peer support co-ordinator."),
    ("Carran Women's Aid", "Third sector", "Refuge on the mainland; outreach on the island."),
    ("Port Ardmor Hospital", "Hospital", "Eight beds; transfers to the mainland by air."),
    ("Housing Options Carran", "Housing", ""),
)

STAGE_NOTES = {
    "Arrival and waiting": "The clinic shares a waiting room with the dental service; the ferry sets the day.",
    "Starting treatment and dispensing": "Harbour Pharmacy is the only pharmacy on the island.",
    "Transitions": "Liberation from HMP Inverard means a ferry home on the day of release.",
}

MEETING_TITLES = (
    ("Nursing team", "group", "in person", "Nurses, nurse lead", 4),
    ("Recovery workers", "group", "online", "Recovery workers", 2),
    ("Service manager", "individual", "online", "Service manager", 1),
    ("Social work", "individual", "phone", "Social worker", 1),
    ("Pharmacy", "individual", "in person", "Community pharmacist", 1),
    ("GP practice", "group", "online", "GPs, practice manager", 3),
    ("Mental health team", "group", "online", "CMHT nurses, psychologist", 4),
    ("Peer support network", "group", "in person", "Peer support co-ordinator", 2),
    ("Admin and reception", "group", "in person", "Receptionists, administrator", 3),
    ("Third sector partners", "group", "online", "Recovery café, Women's Aid", 3),
    ("Prison health team", "individual", "online", "Prison nurse", 1),
    ("Housing", "individual", "phone", "Housing officer", 1),
    ("Hospital ward", "group", "online", "Ward sister, staff nurse", 2),
    ("Team leader", "individual", "in person", "Team leader", 1),
)

FACILITATORS = (
    (1, "People feel the team cares about each other and looks out for new starters."),
    (2, "The manager makes time for the lens event and protects it in the rota."),
    (3, "A wellbeing hour once a month has been tried and people liked it."),
    (4, "The recovery café is keen to be involved and has a peer co-ordinator."),
    (5, "Several staff have finished the trauma-informed e-module already."),
    (6, "There is a short feedback card at reception that people do use."),
    (9, "Same-day appointments are possible on clinic days."),
    (1, "Staff describe knowing people well over many years as a strength."),
)

BARRIERS = (
    (3, "Cover for leave is hard to find, so training is often cancelled."),
    (9, "The first letter people receive is long and written for the GP, not for them."),
    (9, "Missed appointments lead to discharge after three in a row."),
    (4, "People worry about being seen going into the clinic in a small place."),
    (7, "Policies are written on the mainland and do not fit island ferry times."),
    (8, "There is no budget line for paying people with lived experience."),
    (6, "Nobody collects what people say about the service in a regular way."),
    (2, "Decisions are made at board level far away, and news arrives late."),
    (3, "There is no quiet room for staff after a difficult call."),
)

DOCUMENTS = (
    ("Referral and assessment procedure", "Procedure", "Team leader"),
    ("Service pathway diagram", "Pathway", "Service manager"),
    ("Did-not-attend policy", "Policy", "Board"),
    ("First appointment letter", "Letter template", "Administrator"),
    ("Information leaflet: what we offer", "Leaflet", "Recovery workers"),
    ("Supervised dispensing agreement", "Procedure", "Harbour Pharmacy"),
    ("Staff wellbeing strategy", "Policy", "Board HR"),
    ("Lone working policy", "Policy", "Board"),
    ("Prison liberation protocol", "Procedure", "HMP Inverard health team"),
    ("Risk assessment form", "Form", "Nurse lead"),
    ("Complaints procedure", "Procedure", "Board"),
    ("Recruitment and selection policy", "Policy", "Board HR"),
)


def write_demo(
    path: Path, *, scale: int = 1, seed: int = 2026, progress: Progress | None = None
) -> dict[str, int]:
    """Write a demo workspace at ``path`` (which must not exist). Built aside and renamed into place,
    so an interrupted run leaves nothing behind. Returns how many rows each table received."""
    path = Path(path)
    if scale < 1:
        raise TideskError("the scale is a whole number of at least 1")
    if path.exists():
        raise TideskError(f"{path}: a file is already there; choose another name for the demo")
    if not path.parent.is_dir():
        raise TideskError(f"{path.parent}: this folder does not exist")
    building = path.with_name(f".{path.name}.demo")
    for leftover in (building, Path(f"{building}-wal"), Path(f"{building}-shm")):
        leftover.unlink(missing_ok=True)
    report = progress or (lambda _d, _t: None)
    try:
        with Workspace.create(building, demo=True) as ws:
            counts = fill_demo(ws, scale=scale, seed=seed, progress=report)
            ws.checkpoint()
        move_into_place(building, path)
        fsync_dir(path.parent)
    finally:
        for leftover in (building, Path(f"{building}-wal"), Path(f"{building}-shm")):
            leftover.unlink(missing_ok=True)
    return counts


def fill_demo(ws: Workspace, *, scale: int = 1, seed: int = 2026, progress: Progress) -> dict[str, int]:
    """Add every area's demo data to an open workspace in one unit of work."""
    rng = random.Random(seed)
    steps: list[Callable[[Session, random.Random, int], dict[str, int]]] = [_service, _familiarisation]
    counts: dict[str, int] = {}
    with ws.transaction() as session:
        for done, step in enumerate(steps):
            progress(done, len(steps))
            counts.update(step(session, rng, scale))
    progress(len(steps), len(steps))
    return counts


def _table(model: type[Row]) -> Table:
    return model.metadata.tables[model.__tablename__]


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _service(session: Session, rng: random.Random, _scale: int) -> dict[str, int]:
    session.execute(delete(ServiceProfile))
    # Core inserts of plain tables: one executemany each, no per-row ORM bookkeeping.
    session.execute(insert(_table(ServiceProfile)), [{"uuid": _uuid(rng), **PROFILE}])
    session.execute(
        insert(_table(Partner)),
        [
            {"uuid": _uuid(rng), "name": name, "kind": kind, "notes": notes, "position": index}
            for index, (name, kind, notes) in enumerate(PARTNERS)
        ],
    )
    for stage in session.scalars(select(PathwayStage).order_by(PathwayStage.position)):
        stage.uuid = _uuid(rng)  # the same seed gives the same rows, down to their ids
        stage.description = STAGE_NOTES.get(stage.name, stage.description)
    return {"service_profile": 1, "partner": len(PARTNERS)}


def _familiarisation(session: Session, rng: random.Random, scale: int) -> dict[str, int]:
    meetings, notes, documents = [], [], []
    for round_number in range(scale):
        for index, (title, kind, setting, roles, people) in enumerate(MEETING_TITLES):
            meeting_id = round_number * len(MEETING_TITLES) + index + 1
            meetings.append(
                {
                    "id": meeting_id,
                    "uuid": _uuid(rng),
                    "held_on": DEMO_START + timedelta(days=rng.randrange(0, 42)),
                    "title": title if scale == 1 else f"{title} ({round_number + 1})",
                    "group_kind": kind,
                    "setting": setting,
                    "roles_present": roles,
                    "people_count": people,
                    "summary": "Talked through the service as it is now and what would help.",
                }
            )
            for note_kind, pool, count in (("facilitator", FACILITATORS, 3), ("barrier", BARRIERS, 4)):
                for theme, text in rng.sample(pool, count):
                    notes.append(
                        {"uuid": _uuid(rng), "meeting_id": meeting_id, "kind": note_kind, "theme": theme,
                         "text": text}
                    )
        for title, kind, owner in DOCUMENTS:
            documents.append(
                {
                    "uuid": _uuid(rng),
                    "title": title if scale == 1 else f"{title} ({round_number + 1})",
                    "kind": kind,
                    "owner": owner,
                    "dated": DEMO_START - timedelta(days=rng.randrange(60, 1500)),
                    "location": "Shared drive, Service folder",
                    "notes": "",
                }
            )
    session.execute(insert(_table(FamiliarisationMeeting)), meetings)
    session.execute(insert(_table(FamiliarisationNote)), notes)
    session.execute(insert(_table(ServiceDocument)), documents)
    return {
        "familiarisation_meeting": len(meetings),
        "familiarisation_note": len(notes),
        "service_document": len(documents),
    }
