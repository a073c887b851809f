"""The programme's vocabulary: its phases, the nine themes, the five principles, the MAT standards and the
five Rs, each stored as a stable code; the words for them live here, in code, never in the data.

One tagging convention serves every area: a tag is ``family:code`` (``theme:3``, ``principle:trust``,
``mat:10``), in form definitions and in the workspace alike, so findings, journey notes, priorities, actions
and plan rows are searched and counted the same way (see ``core/tags.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Phase(StrEnum):
    UNDERSTANDING = "understanding"
    PLANNING = "planning"
    IMPLEMENTING = "implementing"
    REPORTS = "reports"

    @property
    def heading(self) -> str:
        return PHASE_TITLES[self]


PHASE_TITLES = {
    Phase.UNDERSTANDING: "Phase 1 · Understanding the service",
    Phase.PLANNING: "Phase 2 · Improvement planning",
    Phase.IMPLEMENTING: "Phase 3 · Putting priorities into practice",
    Phase.REPORTS: "Reports",
}


class StepState(StrEnum):
    NOT_STARTED = "not started"
    IN_PROGRESS = "in progress"
    DONE = "done"


@dataclass(frozen=True)
class Step:
    """One step of the programme, whether or not this version of tidesk can record it yet."""

    key: str
    title: str
    phase: Phase
    summary: str


# The programme in its order: each area of tidesk is one step. Home names the next one even before tidesk
# has a page for it, so a team always knows where the programme goes next.
STEPS = (
    Step(
        "service",
        "Service and pathway",
        Phase.UNDERSTANDING,
        "Describe the service, its partners and the journey a person takes through it.",
    ),
    Step(
        "familiarisation",
        "Familiarisation",
        Phase.UNDERSTANDING,
        "Meet staff and partners, collect the service's documents, and see what helps and what gets in the way.",
    ),
    Step(
        "lens",
        "Trauma-informed lens event",
        Phase.PLANNING,
        "A half-day workshop walking fictitious service users through the pathway, through a trauma lens.",
    ),
    Step(
        "involvement",
        "Lived experience",
        Phase.PLANNING,
        "Plan with people with lived experience from the start: consent, payment and what they co-produce.",
    ),
    Step(
        "tipig",
        "Implementation group",
        Phase.PLANNING,
        "A small group of staff who take the learning forward: its charter and monthly meetings.",
    ),
    Step(
        "assessment",
        "Organisational assessment",
        Phase.PLANNING,
        "Score where the service stands on the nine themes, as a baseline and again later.",
    ),
    Step("coaching", "Leadership coaching", Phase.PLANNING, "A confidential, reflective space for managers."),
    Step(
        "training",
        "Training needs",
        Phase.PLANNING,
        "An anonymous survey of training needs, turned into a training plan with support around it.",
    ),
    Step(
        "wellbeing",
        "Staff wellbeing",
        Phase.PLANNING,
        "Private wellbeing plans for every member of staff, and a wellbeing baseline that can be repeated.",
    ),
    Step(
        "plan",
        "Theory of change and plan",
        Phase.PLANNING,
        "Outcomes traced back to their evidence, and a three-year plan of owners and dates.",
    ),
    Step(
        "policy",
        "Policies through a trauma lens",
        Phase.PLANNING,
        "A schedule for reviewing every service policy through a trauma lens.",
    ),
    Step(
        "learning",
        "Learning report",
        Phase.IMPLEMENTING,
        "Challenges, enablers and recommendations across the nine themes, with their evidence.",
    ),
)


def step(key: str) -> Step:
    for found in STEPS:
        if found.key == key:
            return found
    raise KeyError(key)


class Theme(StrEnum):
    """The nine themes of phase 3, numbered as the learning report lists them."""

    CULTURE = "1"
    LEADERSHIP = "2"
    WELLBEING = "3"
    POWER_SHARING = "4"
    SKILLS = "5"
    DATA = "6"
    POLICIES = "7"
    BUDGETS = "8"
    SERVICE_DESIGN = "9"

    @property
    def number(self) -> int:
        return int(self.value)

    @property
    def label(self) -> str:
        return THEME_LABELS[self]


THEME_LABELS = {
    Theme.CULTURE: "Organisational culture",
    Theme.LEADERSHIP: "Leadership",
    Theme.WELLBEING: "Workforce care, support and wellbeing",
    Theme.POWER_SHARING: "Power-sharing with people with lived experience of trauma and addictions",
    Theme.SKILLS: "Workforce knowledge, skills and confidence",
    Theme.DATA: "Data, feedback loops and continuous improvement",
    Theme.POLICIES: "Policies and processes",
    Theme.BUDGETS: "Budgets",
    Theme.SERVICE_DESIGN: "Service design and delivery",
}


class Principle(StrEnum):
    SAFETY = "safety"
    TRUST = "trust"
    CHOICE = "choice"
    COLLABORATION = "collaboration"
    EMPOWERMENT = "empowerment"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class MatStandard(StrEnum):
    """Scotland's ten Medication Assisted Treatment standards (2021)."""

    SAME_DAY = "1"
    CHOICE = "2"
    OUTREACH = "3"
    HARM_REDUCTION = "4"
    RETENTION = "5"
    PSYCHOLOGICAL = "6"
    PRIMARY_CARE = "7"
    ADVOCACY = "8"
    MENTAL_HEALTH = "9"
    TRAUMA_INFORMED = "10"

    @property
    def number(self) -> int:
        return int(self.value)

    @property
    def label(self) -> str:
        return MAT_LABELS[self]


MAT_LABELS = {
    MatStandard.SAME_DAY: "Same day access",
    MatStandard.CHOICE: "Choice",
    MatStandard.OUTREACH: "Assertive outreach and anticipatory care",
    MatStandard.HARM_REDUCTION: "Harm reduction",
    MatStandard.RETENTION: "Retention",
    MatStandard.PSYCHOLOGICAL: "Psychological support",
    MatStandard.PRIMARY_CARE: "Primary care",
    MatStandard.ADVOCACY: "Independent advocacy and social support",
    MatStandard.MENTAL_HEALTH: "Mental health",
    MatStandard.TRAUMA_INFORMED: "Trauma informed care",
}


class FiveRs(StrEnum):
    """What being trauma-informed involves."""

    REALISE = "realise"
    RECOGNISE = "recognise"
    RESPOND = "respond"
    RESIST = "resist"
    RELATIONSHIPS = "relationships"

    @property
    def label(self) -> str:
        return FIVE_RS_LABELS[self]


FIVE_RS_LABELS = {
    FiveRs.REALISE: "Realising how common trauma and adversity are",
    FiveRs.RECOGNISE: "Recognising the ways trauma can affect people",
    FiveRs.RESPOND: "Responding in ways that support recovery",
    FiveRs.RESIST: "Resisting re-traumatisation",
    FiveRs.RELATIONSHIPS: "Recognising how much relationships matter",
}

# The families a tag can belong to, and the codes each allows (also the workspace's CHECK constraint).
TAG_FAMILIES: dict[str, type[Theme] | type[Principle] | type[MatStandard]] = {
    "theme": Theme,
    "principle": Principle,
    "mat": MatStandard,
}


def known_tag(tag: str) -> bool:
    family, _, code = tag.partition(":")
    vocabulary = TAG_FAMILIES.get(family)
    return vocabulary is not None and code in {member.value for member in vocabulary}


def tag_label(tag: str) -> str:
    """The words for a tag, as a person reads them: "Theme 3: Workforce care, support and wellbeing"."""
    family, _, code = tag.partition(":")
    if family == "theme":
        return f"Theme {code}: {Theme(code).label}"
    if family == "mat":
        return f"MAT standard {code}: {MatStandard(code).label}"
    return Principle(code).label


def tag_check_sql(family_column: str = "family", code_column: str = "code") -> str:
    """The CHECK constraint that keeps stored tags within the vocabulary."""
    clauses = []
    for family, vocabulary in TAG_FAMILIES.items():
        codes = ", ".join(f"'{member.value}'" for member in vocabulary)
        clauses.append(f"({family_column} = '{family}' AND {code_column} IN ({codes}))")
    return " OR ".join(clauses)
