"""The demo's conversations with the service's own team: nurses, recovery workers, the manager, reception
and social work (invented, like all of the demo; see ``demo_content.py`` for how they are written)."""

from __future__ import annotations

from tidesk.core.familiarisation.demo_content import CAFE, PARTNERSHIP, SERVICE, B, Conversation, F, Mark, Note

NURSES = Conversation(
    1,
    "Nursing team",
    "group",
    "in person",
    (("Nurses", SERVICE, 5),),
    (
        Note(
            "design-journey",
            "Most people are referred by their GP or come through the hospital after an overdose, and a few walk "
            "in after hearing about us at the recovery café. The first appointment is usually within a week, and "
            "on clinic days we can often see someone the same day. Where people get stuck is between assessment "
            "and starting a prescription, because the prescriber is only on the island on Tuesdays and Wednesdays.",
            (
                Mark(
                    "on clinic days we can often see someone the same day",
                    F,
                    "9 choice m1",
                    "Same-day appointments are often possible on clinic days.",
                ),
                Mark(
                    "the prescriber is only on the island on Tuesdays and Wednesdays",
                    B,
                    "9 choice m1 m2",
                    "Starting a prescription waits for the visiting prescriber, who is on the island two days a week.",
                ),
            ),
        ),
        Note(
            "culture-feel",
            "It's a small team and we genuinely look out for each other. New starters get a buddy for their first "
            "months, and people cover for each other when someone has had a rough week. The flip side is that we "
            "are stretched, and when one person is off the whole rota wobbles.",
            (
                Mark(
                    "New starters get a buddy for their first months, and people cover for each other when someone "
                    "has had a rough week.",
                    F,
                    "1 3 collaboration trust",
                    "The team looks out for each other: new starters get a buddy and colleagues cover after a hard "
                    "week.",
                    quote=True,
                ),
                Mark(
                    "when one person is off the whole rota wobbles",
                    B,
                    "3 safety",
                    "With so few staff, one absence unsettles the whole rota.",
                ),
            ),
        ),
        Note(
            "culture-staff-wellbeing",
            "Supervision happens, but it is mostly caseload review and tends to be the first thing cancelled when "
            "clinics are busy. There is nowhere private to go after a difficult call; people sit in their cars. A "
            "monthly reflective session was tried last spring and people liked it, but it stopped when the "
            "psychologist post was vacant.",
            (
                Mark(
                    "Supervision happens, but it is mostly caseload review and tends to be the first thing cancelled "
                    "when clinics are busy.",
                    B,
                    "3 safety m10",
                    "Supervision is mostly caseload review, and it is the first thing to go when clinics are busy.",
                ),
                Mark(
                    "There is nowhere private to go after a difficult call; people sit in their cars.",
                    B,
                    "3 safety",
                    "There is no quiet space for staff after a difficult call.",
                    quote=True,
                ),
                Mark(
                    "A monthly reflective session was tried last spring and people liked it",
                    F,
                    "3 5 trust",
                    "A monthly reflective session was valued while it ran, and could be started again.",
                ),
            ),
        ),
        Note(
            "perspectives-could-upset",
            "The waiting room is shared with the dental clinic and faces the main street, so people can be seen "
            "coming in. Some of our letters still say that a third missed appointment means discharge, which can "
            "feel like a punishment for someone whose life is chaotic.",
            (
                Mark(
                    "The waiting room is shared with the dental clinic and faces the main street, so people can be "
                    "seen coming in.",
                    B,
                    "9 safety choice",
                    "The shared waiting room faces the main street, so people can be seen arriving.",
                ),
                Mark(
                    "a third missed appointment means discharge",
                    B,
                    "7 9 safety trust m5",
                    "Letters still warn that a third missed appointment means discharge.",
                ),
            ),
        ),
    ),
)

RECOVERY = Conversation(
    3,
    "Recovery workers",
    "group",
    "in person",
    (("Recovery or support workers", SERVICE, 2), ("Peer workers", CAFE, 1)),
    (
        Note(
            "design-access",
            "The ferry timetable decides a lot. Someone from Skerry who misses the morning boat has missed their "
            "appointment, and in winter sailings are cancelled often. We do home visits where we can, and the "
            "Skerry clinic on Thursdays helps, but it is one room in the village hall.",
            (
                Mark(
                    "Someone from Skerry who misses the morning boat has missed their appointment, and in winter "
                    "sailings are cancelled often.",
                    B,
                    "9 choice m3 m5",
                    "Ferry times and cancelled winter sailings make appointments hard to keep for people on Skerry.",
                ),
                Mark(
                    "We do home visits where we can, and the Skerry clinic on Thursdays helps",
                    F,
                    "9 choice m3",
                    "Home visits and the weekly Skerry clinic bring the service closer to people.",
                ),
            ),
        ),
        Note(
            "relationships-lived-experience",
            "At the moment people with lived experience are not really part of planning. The café has a peer "
            "co-ordinator and a group of volunteers who would be keen, and some of them have said they would "
            "like to help rewrite our leaflet.",
            (
                Mark(
                    "people with lived experience are not really part of planning",
                    B,
                    "4 empowerment collaboration",
                    "People with lived experience are not yet involved in planning the service.",
                ),
                Mark(
                    "The café has a peer co-ordinator and a group of volunteers who would be keen, and some of them "
                    "have said they would like to help rewrite our leaflet.",
                    F,
                    "4 collaboration empowerment m8",
                    "The recovery café's co-ordinator and volunteers are keen to help, starting with the leaflet.",
                    "Peer workers",
                ),
            ),
        ),
        Note(
            "relationships-with-people",
            "Because it's an island, we often know people's families, and they know ours. That can build trust "
            "quickly, but some people would rather travel to the mainland than be seen by someone who went to "
            "school with their sister.",
            (
                Mark(
                    "we often know people's families, and they know ours. That can build trust quickly",
                    F,
                    "1 9 trust",
                    "Knowing people and their families over many years can build trust quickly.",
                ),
                Mark(
                    "some people would rather travel to the mainland than be seen by someone who went to school with "
                    "their sister",
                    B,
                    "9 choice safety m2",
                    "Some people would rather travel to the mainland than be seen by someone they know.",
                    quote=True,
                ),
            ),
        ),
        Note(
            "barriers-what-gets-in-way",
            "Honestly, time. We each carry around forty people and the paperwork has doubled since the new "
            "recording system came in. If trauma-informed work is another form to fill in, it won't land.",
            (
                Mark(
                    "We each carry around forty people and the paperwork has doubled since the new recording system "
                    "came in.",
                    B,
                    "3 6 safety",
                    "Caseloads of around forty and a heavier recording system leave little time.",
                ),
                Mark(
                    "If trauma-informed work is another form to fill in, it won't land.",
                    B,
                    "1 empowerment",
                    "Staff worry the work will become one more form to fill in.",
                    quote=True,
                ),
            ),
        ),
    ),
)

MANAGER = Conversation(
    7,
    "Service manager",
    "individual",
    "online",
    (("Managers", PARTNERSHIP, 1),),
    (
        Note(
            "culture-leaders",
            "I try to keep my door open and I join the Thursday huddle when I can. The partnership's senior team "
            "has agreed to put trauma-informed practice on their agenda every quarter, which is a start. But most "
            "decisions about posts and budgets are made on the mainland, and we usually hear late.",
            (
                Mark(
                    "The partnership's senior team has agreed to put trauma-informed practice on their agenda every "
                    "quarter",
                    F,
                    "2 collaboration",
                    "Senior leaders have agreed a standing quarterly item on trauma-informed practice.",
                ),
                Mark(
                    "most decisions about posts and budgets are made on the mainland, and we usually hear late",
                    B,
                    "2 8 trust",
                    "Decisions on posts and budgets are made on the mainland and reach the team late.",
                ),
            ),
        ),
        Note(
            "design-recent-changes",
            "We moved to a new electronic record last autumn. It gives us better figures for the ADP, but nobody "
            "has asked people who use the service what they think of us since the last survey in 2023.",
            (
                Mark(
                    "It gives us better figures for the ADP",
                    F,
                    "6 collaboration",
                    "The new electronic record gives better figures for reporting to the ADP.",
                ),
                Mark(
                    "nobody has asked people who use the service what they think of us since the last survey in 2023",
                    B,
                    "6 4 empowerment collaboration",
                    "Nothing regular has been heard from people who use the service since 2023.",
                ),
            ),
        ),
        Note(
            "barriers-what-helps",
            "The MAT standards work gives us a reason and some money. Standard 10 asks for trauma-informed care, "
            "so this is not an extra; it is what we are already being asked to show. I can protect a half day for "
            "the lens event and backfill the clinic.",
            (
                Mark(
                    "The MAT standards work gives us a reason and some money.",
                    F,
                    "8 2 empowerment m10",
                    "Funding tied to the MAT standards gives the work a reason and some money.",
                ),
                Mark(
                    "Standard 10 asks for trauma-informed care, so this is not an extra; it is what we are already "
                    "being asked to show.",
                    F,
                    "2 7 empowerment m10",
                    "The MAT standards, standard 10 above all, make this part of what the service already has to do.",
                ),
                Mark(
                    "I can protect a half day for the lens event and backfill the clinic.",
                    F,
                    "2 3 safety",
                    "The manager will protect a half day for the lens event and cover the clinic.",
                ),
            ),
        ),
        Note(
            "",
            "Money for involvement: there is no budget line for paying people with lived experience for their "
            "time, and vouchers need sign-off from finance on the mainland, which takes weeks.",
            (
                Mark(
                    "there is no budget line for paying people with lived experience for their time, and vouchers "
                    "need sign-off from finance on the mainland, which takes weeks",
                    B,
                    "8 4 empowerment m8",
                    "There is no budget for paying people with lived experience, and vouchers take weeks to approve.",
                ),
            ),
        ),
    ),
)

RECEPTION = Conversation(
    8,
    "Admin and reception",
    "group",
    "in person",
    (("Admin or reception", SERVICE, 3),),
    (
        Note(
            "culture-talk-about-people",
            "Most of the team talk about people kindly. Now and then you hear someone called 'a DNA' or 'chaotic' "
            "at the desk, usually when the day has been hard. Nobody means harm but people waiting can hear it.",
            (
                Mark(
                    "Most of the team talk about people kindly.",
                    F,
                    "1 trust",
                    "Most of the team speak about the people they support with kindness.",
                ),
                Mark(
                    "Now and then you hear someone called 'a DNA' or 'chaotic' at the desk",
                    B,
                    "1 5 trust safety",
                    "Labels such as 'a DNA' or 'chaotic' are sometimes used where people waiting can hear.",
                ),
            ),
        ),
        Note(
            "perspectives-already-happening",
            "We phone people the day before to remind them, and if someone is anxious we let them wait in the side "
            "room instead of the main waiting area. We didn't call it trauma-informed, it just seemed decent.",
            (
                Mark(
                    "We phone people the day before to remind them",
                    F,
                    "9 trust m5",
                    "Reception phones people the day before their appointment.",
                ),
                Mark(
                    "if someone is anxious we let them wait in the side room instead of the main waiting area",
                    F,
                    "9 safety choice",
                    "Anyone who is anxious is offered the side room to wait in.",
                ),
                Mark(
                    "We didn't call it trauma-informed, it just seemed decent.",
                    F,
                    "5 1 trust",
                    "Some trauma-informed practice already happens without being named as such.",
                    quote=True,
                ),
            ),
        ),
        Note(
            "perspectives-training",
            "None of us on the desk have had any training on trauma. We are the first people someone meets, and we "
            "deal with people who are upset or angry, but training is always aimed at clinical staff.",
            (
                Mark(
                    "We are the first people someone meets, and we deal with people who are upset or angry, but "
                    "training is always aimed at clinical staff.",
                    B,
                    "5 3 safety",
                    "Reception staff meet people first but have had no training on trauma.",
                    quote=True,
                ),
            ),
        ),
    ),
)

SOCIAL_WORK = Conversation(
    30,
    "Social work",
    "individual",
    "in person",
    (("Social workers", SERVICE, 1),),
    (
        Note(
            "design-documents",
            "The policies we work to are written for the whole board area and assume a mainland service. The "
            "did-not-attend policy in particular doesn't fit island life. The lone working policy hasn't been "
            "looked at in years, and home visits on Skerry are often done alone.",
            (
                Mark(
                    "The policies we work to are written for the whole board area and assume a mainland service.",
                    B,
                    "7 choice",
                    "Board-wide policies assume a mainland service and do not fit island life.",
                ),
                Mark(
                    "The lone working policy hasn't been looked at in years, and home visits on Skerry are often done "
                    "alone.",
                    B,
                    "7 3 safety",
                    "The lone working policy is out of date, while visits on Skerry are often made alone.",
                ),
            ),
        ),
        Note(
            "relationships-within-team",
            "People are generous with their time and knowledge. When I started, the nurses spent hours explaining "
            "how the pathway really works, not just how it's written.",
            (
                Mark(
                    "People are generous with their time and knowledge.",
                    F,
                    "1 collaboration",
                    "Colleagues share their knowledge generously with newer staff.",
                ),
            ),
        ),
        Note(
            "closing-who-else",
            "Women's Aid outreach, the hospital ward and the ADP co-ordinator. It would also be worth hearing from "
            "the visiting psychiatrist.",
        ),
        Note(
            "",
            "Funding: the ADP funds the peer co-ordinator post year by year, so every spring there is worry about "
            "whether it continues.",
            (
                Mark(
                    "the ADP funds the peer co-ordinator post year by year",
                    B,
                    "8 4 trust",
                    "The peer co-ordinator post is funded a year at a time.",
                ),
            ),
        ),
    ),
)

STAFF = (NURSES, RECOVERY, MANAGER, RECEPTION, SOCIAL_WORK)
