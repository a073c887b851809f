"""What the demo's familiarisation holds, as data: the conversations the lead had on Carran, who took part
(by role and organisation, never by name), the notes kept against the discussion guide, the passages marked
in them as findings, the service's documents, and the team's judgement of its readiness.

All of it is invented for the fictional Carran Community Substance Use Service; the conversations are in
``demo_staff.py`` (the service's own team) and ``demo_partners.py``, and ``demo.py`` writes it all.
Tags are written short: a number is a theme, ``m`` and a number a MAT standard, a word a principle.
"""

from __future__ import annotations

from dataclasses import dataclass

SERVICE = "Carran Community Substance Use Service"
PARTNERSHIP = "Carran and Skerry Health and Social Care Partnership"
CAFE = "Carran Recovery Café"
PRACTICE = "Port Ardmor Medical Practice"
CMHT = "Carran Community Mental Health Team"
PRISON = "HMP Inverard health centre"
PHARMACY = "Harbour Pharmacy"
HOUSING = "Housing Options Carran"
BOARD = "NHS Carran and Skerry"


@dataclass(frozen=True)
class Mark:
    """A passage of a note marked as a finding (the passage must be in the note, word for word)."""

    passage: str
    kind: str  # "facilitator" or "barrier"
    tags: str  # "9 choice m1": theme 9, the principle of choice, MAT standard 1
    wording: str = ""
    role: str = ""  # who raised it; left empty, the first role of the conversation
    quote: bool = False


@dataclass(frozen=True)
class Note:
    question: str  # a prompt of the discussion guide, or "" for a free note
    text: str
    marks: tuple[Mark, ...] = ()


@dataclass(frozen=True)
class Conversation:
    day: int  # days after the demo starts
    title: str
    group_kind: str
    setting: str
    participants: tuple[tuple[str, str, int], ...]  # role, organisation, how many people
    notes: tuple[Note, ...]


def tags_of(short: str) -> tuple[str, ...]:
    """ "9 choice m1" as the programme's tags: theme:9, principle:choice, mat:1."""
    found = []
    for word in short.split():
        if word.isdigit():
            found.append(f"theme:{word}")
        elif word[0] == "m" and word[1:].isdigit():
            found.append(f"mat:{word[1:]}")
        else:
            found.append(f"principle:{word}")
    return tuple(found)


F, B = "facilitator", "barrier"

# Title, kind, owner, last reviewed, read through a trauma lens, lens review due: days after the demo starts.
DOCUMENTS: tuple[tuple[str, str, str, int | None, int | None, int | None], ...] = (
    ("Referral and assessment procedure", "procedure", "Team leader", -400, None, 120),
    ("Service pathway", "pathway", "Service manager", -200, 45, None),
    ("Did-not-attend policy", "policy", BOARD, -900, None, 60),
    ("First appointment letter", "letter template", "Administrator", -700, 40, None),
    ("What we offer: information leaflet", "leaflet", "Recovery workers", -1100, None, 400),
    ("Supervised dispensing agreement", "procedure", PHARMACY, -300, None, None),
    ("Staff wellbeing strategy", "policy", "Partnership HR", -500, None, 500),
    ("Lone working policy", "policy", BOARD, -1500, None, 30),
    ("Prison liberation protocol", "procedure", PRISON, -250, None, 450),
    ("Risk assessment form", "other", "Nurse team lead", -600, 50, None),
    ("Complaints procedure", "procedure", BOARD, -365, None, None),
    ("Recruitment and selection policy", "policy", "Partnership HR", -800, None, 700),
    ("Recovery worker job description", "job description", "Service manager", -1000, None, 330),
    ("Appointment reminder text messages", "letter template", "Administrator", None, None, None),
    ("Shared care agreement with GP practices", "procedure", PRACTICE, -450, 60, 430),
)

# Theme: (step of the four-step scale, the team's judgement); themes left out are not judged yet.
READINESS = {
    1: (
        3,
        "A warm, close team already doing much of this without naming it. The words used at the desk and the "
        "fear of more paperwork need care.",
    ),
    2: (
        3,
        "The manager is committed and senior leaders have agreed a standing item. Decisions made on the mainland "
        "remain a risk to pace.",
    ),
    3: (
        2,
        "Staff look after each other, but supervision is squeezed and there is no quiet space. This needs "
        "attention early.",
    ),
    4: (
        2,
        "The recovery café is keen and ready. There is no budget or process yet for paying people or for telling "
        "them what changed.",
    ),
    5: (
        3,
        "Some staff have done the e-module and the mental health team's psychologist has offered sessions; "
        "reception staff have had nothing yet.",
    ),
    6: (
        1,
        "Figures go to the ADP, but nothing regular comes back from people who use the service, and records "
        "cannot be shared with the prison.",
    ),
    9: (
        4,
        "Same-day access, home visits, reminder calls and the side room are good practice to name and spread. "
        "Release days and the waiting room are the clearest gaps.",
    ),
}

QUESTIONS = {
    1: (
        "How do we talk about people when they are not in the room, and what would we like to change?",
        "What would make it feel safe to point out unhelpful words to a colleague?",
    ),
    2: ("What should the standing item at the senior team's meeting ask of us each quarter?",),
    3: (
        "Where in the clinic building could a quiet space for staff be found?",
        "How can supervision be kept when clinics are busy?",
    ),
    4: (
        "How should people with lived experience be paid for their time without putting their benefits at risk?",
        "How will we tell people what changed because of what they said?",
    ),
    5: ("Which training should reception and admin staff have first?",),
    6: ("How could we hear regularly from people who use the service, in a way that suits a small island?",),
    7: ("Which policy should be read through a trauma lens first: did-not-attend or lone working?",),
    9: (
        "What would a good day of release look like, from the prison gate to the first dose?",
        "How could the waiting room feel more private?",
        "What should the first letter say, and who should it be written for?",
    ),
}
