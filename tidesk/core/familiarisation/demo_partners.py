"""The demo's conversations with partners: the GP practice, the pharmacy, the mental health team, the prison
health team, housing and the recovery café (invented, like all of the demo; see ``demo_content.py``)."""

from __future__ import annotations

from tidesk.core.familiarisation.demo_content import (
    CAFE,
    CMHT,
    HOUSING,
    PHARMACY,
    PRACTICE,
    PRISON,
    B,
    Conversation,
    F,
    Mark,
    Note,
)

GP = Conversation(
    10,
    "Port Ardmor Medical Practice",
    "group",
    "online",
    (("Doctors or prescribers", PRACTICE, 2), ("Nurses", PRACTICE, 1), ("Managers", PRACTICE, 1)),
    (
        Note(
            "relationships-partners",
            "Shared care works well for people who are settled. We have a named nurse at the substance use service "
            "we can phone, which makes a real difference. It breaks down when someone is in crisis on a Friday "
            "afternoon and nobody is on the island to prescribe.",
            (
                Mark(
                    "We have a named nurse at the substance use service we can phone, which makes a real difference.",
                    F,
                    "9 collaboration m7",
                    "GPs value having a named nurse at the service to phone.",
                    quote=True,
                ),
                Mark(
                    "It breaks down when someone is in crisis on a Friday afternoon and nobody is on the island to "
                    "prescribe.",
                    B,
                    "9 safety m1 m7",
                    "There is no prescriber on the island late in the week when someone is in crisis.",
                ),
            ),
        ),
        Note(
            "relationships-information-sharing",
            "Letters come back to us long after the appointment, and they are written for us, not for the patient. "
            "Patients sometimes ask us what their own letter means.",
            (
                Mark(
                    "they are written for us, not for the patient",
                    B,
                    "7 9 empowerment trust",
                    "Clinic letters are written for the GP rather than the person, and arrive late.",
                ),
            ),
        ),
        Note(
            "perspectives-training",
            "Some of us did the informed-level e-module during the last protected learning time and found it "
            "useful. A session on trauma and substance use at a practice meeting would reach everyone.",
            (
                Mark(
                    "Some of us did the informed-level e-module during the last protected learning time and found it "
                    "useful.",
                    F,
                    "5",
                    "Some GP practice staff have completed the informed-level e-module.",
                    "Nurses",
                ),
                Mark(
                    "A session on trauma and substance use at a practice meeting would reach everyone.",
                    F,
                    "5 collaboration m7",
                    "A session at a practice meeting would reach the whole GP practice.",
                    "Managers",
                ),
            ),
        ),
    ),
)

PHARMACIST = Conversation(
    14,
    "Harbour Pharmacy",
    "individual",
    "phone",
    (("Pharmacists", PHARMACY, 1),),
    (
        Note(
            "design-access",
            "We are the only pharmacy on Carran, so everyone on a prescription comes through our door. Supervised "
            "doses are in a corner of the shop with a screen, but it's not private and queues form at lunchtime. "
            "We close at one on Saturdays, which catches people out.",
            (
                Mark(
                    "Supervised doses are in a corner of the shop with a screen, but it's not private and queues form "
                    "at lunchtime.",
                    B,
                    "9 safety m4 m5",
                    "Supervised dosing happens in a corner of the shop that is not private.",
                ),
                Mark(
                    "We close at one on Saturdays, which catches people out.",
                    B,
                    "9 choice m5",
                    "Early closing on Saturdays leaves a gap in dispensing.",
                ),
            ),
        ),
        Note(
            "relationships-partners",
            "The nurses are very good at letting us know about changes, usually by phone the same day. What would "
            "help is knowing when someone has been released from prison or discharged from hospital, because we "
            "often find out when they turn up.",
            (
                Mark(
                    "The nurses are very good at letting us know about changes, usually by phone the same day.",
                    F,
                    "9 collaboration m7",
                    "Nurses tell the pharmacy about prescription changes the same day.",
                ),
                Mark(
                    "What would help is knowing when someone has been released from prison or discharged from "
                    "hospital, because we often find out when they turn up.",
                    B,
                    "6 9 safety m3",
                    "The pharmacy is often not told when someone leaves prison or hospital.",
                ),
            ),
        ),
    ),
)

MENTAL_HEALTH = Conversation(
    16,
    "Community mental health team",
    "group",
    "online",
    (("Nurses", CMHT, 3), ("Psychologists", CMHT, 1)),
    (
        Note(
            "relationships-partners",
            "The Thursday lunchtime huddle with the substance use team is the best thing we have. Cases get talked "
            "through before they become crises. Outside that, people still bounce between us: we won't see someone "
            "until they are abstinent and the substance use team can't manage their mental health on its own.",
            (
                Mark(
                    "The Thursday lunchtime huddle with the substance use team is the best thing we have.",
                    F,
                    "9 1 collaboration m9",
                    "The weekly joint huddle with the mental health team works well.",
                    quote=True,
                ),
                Mark(
                    "people still bounce between us: we won't see someone until they are abstinent",
                    B,
                    "9 7 choice trust m9",
                    "People still fall between the two services, and mental health care can wait on abstinence.",
                ),
            ),
        ),
        Note(
            "perspectives-meaning",
            "For us it means asking what has happened to someone rather than what is wrong with them, and not "
            "making people tell their story again and again. We'd like a shared assessment so people only tell it "
            "once.",
            (
                Mark(
                    "We'd like a shared assessment so people only tell it once.",
                    F,
                    "9 6 safety m9",
                    "Staff would like a shared assessment so people tell their story only once.",
                ),
            ),
        ),
        Note(
            "perspectives-training",
            "The psychologist runs safety and stabilisation sessions for our team and would be willing to do the "
            "same for the substance use service, if there were time in the rota.",
            (
                Mark(
                    "The psychologist runs safety and stabilisation sessions for our team and would be willing to do "
                    "the same for the substance use service",
                    F,
                    "5 3 collaboration m6",
                    "The mental health team's psychologist could offer safety and stabilisation sessions.",
                    "Psychologists",
                ),
            ),
        ),
    ),
)

PRISON_HEALTH = Conversation(
    21,
    "Prison health team",
    "group",
    "online",
    (("Nurses", PRISON, 2), ("Managers", PRISON, 1)),
    (
        Note(
            "design-journey",
            "Liberation planning is done by phone, usually a week before release. The hard part is the day itself: "
            "people are released at nine and the ferry is at two, with nowhere to go and often no dose arranged "
            "until the next morning.",
            (
                Mark(
                    "Liberation planning is done by phone, usually a week before release.",
                    F,
                    "9 collaboration m3",
                    "Release is planned with the service by phone about a week ahead.",
                ),
                Mark(
                    "people are released at nine and the ferry is at two, with nowhere to go and often no dose "
                    "arranged until the next morning",
                    B,
                    "9 safety m1 m3",
                    "On the day of release people can wait hours for the ferry with no dose arranged.",
                ),
            ),
        ),
        Note(
            "relationships-information-sharing",
            "We can't see the community record and they can't see ours, so information goes by phone and email, if "
            "it goes at all.",
            (
                Mark(
                    "We can't see the community record and they can't see ours",
                    B,
                    "6 collaboration",
                    "Prison and community records cannot be shared, so information passes by phone.",
                    "Managers",
                ),
            ),
        ),
        Note(
            "barriers-what-helps",
            "A named worker who meets someone at the ferry would change everything. The recovery café has offered "
            "to do this with volunteers.",
            (
                Mark(
                    "A named worker who meets someone at the ferry would change everything.",
                    F,
                    "9 trust m3 m8",
                    "Meeting people off the ferry on the day of release would make a great difference.",
                ),
                Mark(
                    "The recovery café has offered to do this with volunteers.",
                    F,
                    "4 collaboration m8",
                    "The recovery café has offered volunteers to meet people on release.",
                ),
            ),
        ),
    ),
)

HOUSING_OFFICER = Conversation(
    23,
    "Housing Options Carran",
    "individual",
    "phone",
    (("Housing staff", HOUSING, 1),),
    (
        Note(
            "relationships-partners",
            "We get on well with the service, but referrals come to us at the last minute, often on a Friday. There "
            "is one emergency flat on the island and a waiting list for everything else.",
            (
                Mark(
                    "referrals come to us at the last minute, often on a Friday",
                    B,
                    "9 6 collaboration",
                    "Housing referrals arrive at the last minute, often on a Friday.",
                ),
                Mark(
                    "There is one emergency flat on the island",
                    B,
                    "8 9 safety",
                    "There is a single emergency flat on the island.",
                ),
            ),
        ),
        Note(
            "barriers-small-community",
            "Everyone knows whose house is whose. If someone's tenancy is at risk, neighbours often know before we "
            "do. We try to be careful about where we meet people.",
            (
                Mark(
                    "We try to be careful about where we meet people.",
                    F,
                    "9 safety choice",
                    "Housing staff take care over where they meet people, for their privacy.",
                ),
            ),
        ),
    ),
)

PEERS = Conversation(
    28,
    "Carran Recovery Café",
    "group",
    "in person",
    (("Peer workers", CAFE, 6),),
    (
        Note(
            "relationships-lived-experience",
            "We'd love to be involved, but we want it to be real, not a box ticked. Being asked once and never "
            "hearing back is worse than not being asked. Paying people for their time matters; a lot of us are on "
            "benefits and have to be careful.",
            (
                Mark(
                    "We'd love to be involved, but we want it to be real, not a box ticked.",
                    F,
                    "4 collaboration empowerment",
                    "Peer volunteers are keen to help shape the service, if it is meant.",
                    quote=True,
                ),
                Mark(
                    "Being asked once and never hearing back is worse than not being asked.",
                    B,
                    "4 6 trust empowerment",
                    "Peer volunteers fear being asked once and never hearing what came of it.",
                    quote=True,
                ),
                Mark(
                    "Paying people for their time matters; a lot of us are on benefits and have to be careful.",
                    B,
                    "8 4 empowerment",
                    "Paying people for their time needs care for those on benefits.",
                ),
            ),
        ),
        Note(
            "perspectives-could-upset",
            "Walking past the front desk and giving your name out loud. Being asked about your childhood at the "
            "first appointment before anyone has asked how your week was. Being told off for being late when the "
            "bus didn't come.",
            (
                Mark(
                    "Being asked about your childhood at the first appointment before anyone has asked how your week "
                    "was.",
                    B,
                    "9 5 safety trust m10",
                    "Assessment can ask about painful history before any trust has been built.",
                ),
                Mark(
                    "Being told off for being late when the bus didn't come.",
                    B,
                    "1 9 trust",
                    "People are sometimes told off for lateness they could not help.",
                ),
            ),
        ),
        Note(
            "barriers-what-helps",
            "The café works because nobody is in charge of you. If the service could feel a bit more like that, "
            "with a cup of tea and a choice of where to sit, people would come back.",
            (
                Mark(
                    "The café works because nobody is in charge of you.",
                    F,
                    "4 9 empowerment choice m5",
                    "The café's informal, peer-led feel is something the service can learn from.",
                ),
            ),
        ),
    ),
)

PARTNERS = (GP, PHARMACIST, MENTAL_HEALTH, PRISON_HEALTH, HOUSING_OFFICER, PEERS)
