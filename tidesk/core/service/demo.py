"""The demo's service: the fictional Carran Community Substance Use Service, its partners and pathway."""

from __future__ import annotations

import random

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from tidesk.core.demo import demo_uuid, table_of
from tidesk.core.service.models import Partner, PathwayStage, ServiceProfile, ServiceSetting
from tidesk.core.units import recorder

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


def fill(session: Session, rng: random.Random, _scale: int) -> dict[str, int]:
    revision = recorder(session).revision
    session.execute(delete(ServiceProfile))
    session.execute(insert(table_of(ServiceProfile)), [{"uuid": demo_uuid(rng), "changed_in": revision, **PROFILE}])
    session.execute(
        insert(table_of(Partner)),
        [
            {
                "uuid": demo_uuid(rng),
                "changed_in": revision,
                "name": name,
                "kind": kind,
                "notes": notes,
                "position": index,
            }
            for index, (name, kind, notes) in enumerate(PARTNERS)
        ],
    )
    for stage in session.scalars(select(PathwayStage).order_by(PathwayStage.position)):
        stage.uuid = demo_uuid(rng)  # the same seed gives the same rows, down to their ids
        stage.description = STAGE_NOTES.get(stage.name, stage.description)
    return {"service_profile": 1, "partner": len(PARTNERS)}
