"""The demo's familiarisation meetings, what was heard in them, and the service's documents.

Kept for when the familiarisation area is registered in ``tidesk/areas.py`` (its page and report are still
to be built): until then the demo does not run it.
"""

from __future__ import annotations

import random
from datetime import timedelta

from sqlalchemy import insert
from sqlalchemy.orm import Session

from tidesk.core.db import Tag
from tidesk.core.demo import DEMO_START, demo_uuid, table_of
from tidesk.core.familiarisation.models import FamiliarisationMeeting, FamiliarisationNote, ServiceDocument
from tidesk.core.units import recorder

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


def fill(session: Session, rng: random.Random, scale: int) -> dict[str, int]:
    revision = recorder(session).revision
    meetings: list[dict[str, object]] = []
    notes: list[dict[str, object]] = []
    tags: list[dict[str, object]] = []
    documents: list[dict[str, object]] = []
    for round_number in range(scale):
        for title, kind, setting, roles, people in MEETING_TITLES:
            meeting_uuid = demo_uuid(rng)
            meetings.append(
                {
                    "uuid": meeting_uuid,
                    "changed_in": revision,
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
                    note_uuid = demo_uuid(rng)
                    notes.append(
                        {
                            "uuid": note_uuid,
                            "changed_in": revision,
                            "meeting_uuid": meeting_uuid,
                            "kind": note_kind,
                            "text": text,
                        }
                    )
                    tags.append(
                        {
                            "uuid": demo_uuid(rng),
                            "changed_in": revision,
                            "target_table": "familiarisation_note",
                            "target": note_uuid,
                            "family": "theme",
                            "code": str(theme),
                        }
                    )
        for title, kind, owner in DOCUMENTS:
            documents.append(
                {
                    "uuid": demo_uuid(rng),
                    "changed_in": revision,
                    "title": title if scale == 1 else f"{title} ({round_number + 1})",
                    "kind": kind,
                    "owner": owner,
                    "dated": DEMO_START - timedelta(days=rng.randrange(60, 1500)),
                    "location": "Shared drive, Service folder",
                    "notes": "",
                }
            )
    session.execute(insert(table_of(FamiliarisationMeeting)), meetings)
    session.execute(insert(table_of(FamiliarisationNote)), notes)
    session.execute(insert(table_of(Tag)), tags)
    session.execute(insert(table_of(ServiceDocument)), documents)
    return {
        "familiarisation_meeting": len(meetings),
        "familiarisation_note": len(notes),
        "tag": len(tags),
        "service_document": len(documents),
    }
