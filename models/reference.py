"""Reference data a workspace admin can edit; the defaults a new workspace starts with.

Nothing here is a local authority's policy: every list is a default to change.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, field_validator

from models.base import DEFAULT_TIME_ZONE, Record
from models.disciplines import Discipline
from models.family_copy import FamilyDocument
from models.identifiers import DEFAULT_KINDS, IdentifierKind
from models.text import LongText, ShortText


class CseIndicatorDefinition(Record):
    domain: ShortText
    indicator: ShortText


class GlossaryTerm(Record):
    """A word of the professionals, in plain words for a parent."""

    term: ShortText
    meaning: LongText


class ReferenceData(Record):
    agencies: list[ShortText] = Field(
        default_factory=lambda: [
            "Children's social care",
            "Police",
            "Health",
            "Education",
            "Youth justice",
            "Housing",
            "Probation",
            "Voluntary sector",
        ]
    )
    agency_disciplines: dict[ShortText, Discipline] = Field(
        default_factory=lambda: {
            "Children's social care": Discipline.SOCIAL_WORK,
            "Police": Discipline.POLICE,
            "Health": Discipline.HEALTH,
            "Education": Discipline.EDUCATION,
        },
        title="Discipline of each agency",
        description="Which of the four child protection disciplines (education, social work, "
        "health, police) an agency's attendees count as.",
    )
    attendance_roles: list[ShortText] = Field(
        default_factory=lambda: [
            "Chair",
            "Minute taker",
            "Lead practitioner",
            "Lead child protection practitioner",
            "Social worker",
            "Team manager",
            "Police officer",
            "Designated safeguarding lead",
            "School nurse",
            "Health visitor",
            "GP",
            "Named nurse",
            "Referrer",
            "Early help practitioner",
            "Parent",
            "Carer",
            "Advocate",
        ],
        title="Roles at a meeting",
    )
    referral_kinds: list[ShortText] = Field(
        default_factory=lambda: [
            "National Referral Mechanism (NRM)",
            "Channel (Prevent)",
            "Early help",
            "Child and adolescent mental health services (CAMHS)",
            "Sexual assault referral centre (SARC)",
            "Youth justice",
            "MARAC",
        ],
        title="Referrals a strategy discussion may make",
    )
    meeting_types: list[ShortText] = Field(
        default_factory=lambda: [
            "MASH strategy discussion",
            "Strategy meeting",
            "Initial child protection conference",
            "Review child protection conference",
            "Core group",
            "Exploitation (CSE) panel",
            "MARAC",
        ]
    )
    lawful_bases: list[ShortText] = Field(
        default_factory=lambda: [
            "UK GDPR Art. 6(1)(a) consent",
            "UK GDPR Art. 6(1)(c) legal obligation",
            "UK GDPR Art. 6(1)(d) vital interests",
            "UK GDPR Art. 6(1)(e) public task",
            "DPA 2018 Sch. 1 para 18: safeguarding of children and individuals at risk",
            "Children Act 1989 s47",
            "Children Act 2004 s11",
            "Crime and Disorder Act 1998 s115",
        ]
    )
    identifier_kinds: list[IdentifierKind] = Field(
        default_factory=lambda: list(DEFAULT_KINDS),
        max_length=50,
        title="Kinds of a child's consistent identifier",
        description="The NHS number is the expected interim identifier (Children Act 2004 "
        "s16LC); add the kind regulations set.",
    )
    rag_hours: dict[str, int] = Field(default_factory=lambda: {"red": 4, "amber": 24, "green": 72})
    cse_indicators: list[CseIndicatorDefinition] = Field(
        default_factory=lambda: [
            CseIndicatorDefinition(domain=d, indicator=i)
            for d, i in [
                ("Missing", "Missing episodes from home or care"),
                ("Relationships", "Older boyfriend, girlfriend or associate"),
                ("Relationships", "Gifts, money or phone without explanation"),
                ("Health", "Substance misuse"),
                ("Places", "Going to known hotspots"),
                ("Online", "Online contact with unknown adults"),
                ("Education", "School absence or exclusion"),
                ("Health", "Sexual health concerns"),
                ("Health", "Self-harm"),
            ]
        ]
    )
    protective_marking: ShortText = "OFFICIAL-SENSITIVE"
    retention_years_after_youngest_birth: int = Field(default=25, ge=1, le=120)
    cse_review_months: int = Field(default=3, ge=1, le=24)
    initial_conference_working_days: int = Field(default=15, ge=1, le=60)
    bank_holidays: list[str] = Field(default_factory=list, description="ISO dates")
    idle_lock_minutes: int = Field(default=5, ge=1, le=120)
    time_zone: ShortText = Field(
        default=DEFAULT_TIME_ZONE,
        title="Time zone",
        description="Times on screen and in the minutes are shown in this zone (an IANA name, "
        "e.g. Europe/London).",
    )
    strategy_family_document: FamilyDocument = Field(
        default=FamilyDocument.MINUTES,
        title="What the family receives after a strategy meeting",
        description="The family copy of the minutes, or an outcome letter only.",
    )
    family_glossary: list[GlossaryTerm] = Field(
        default_factory=lambda: [
            GlossaryTerm(term=t, meaning=m)
            for t, m in [
                (
                    "Strategy meeting",
                    "A meeting of the services that work with children (such as social care, "
                    "police and health) to decide whether a child is at risk of serious harm "
                    "and what to do next.",
                ),
                (
                    "Section 47 enquiry (s47)",
                    "Enquiries children's social care must make when a child may be at risk "
                    "of serious harm (Children Act 1989, section 47).",
                ),
                (
                    "ICPC",
                    "Initial child protection conference: a meeting with the family and the "
                    "services to decide whether the child needs a child protection plan.",
                ),
                (
                    "RCPC",
                    "Review child protection conference: a later meeting that checks how the "
                    "child protection plan is working.",
                ),
                (
                    "Child protection plan",
                    "A plan agreed at a conference, saying what everyone will do to keep the "
                    "child safe.",
                ),
                (
                    "RAG (red, amber, green)",
                    "How urgent the services judge the situation to be: red is the most urgent.",
                ),
                (
                    "DSL",
                    "Designated safeguarding lead: the person at a school responsible for "
                    "keeping children safe.",
                ),
                (
                    "CSE",
                    "Child sexual exploitation: when someone uses a child for sexual "
                    "activity, often in exchange for something the child needs or wants.",
                ),
                (
                    "Lawful basis",
                    "The part of the law that allows a service to share information. "
                    "'UK GDPR' and 'DPA 2018' are data protection law; 'Children Act' "
                    "sections are duties to keep children safe.",
                ),
                (
                    "Signs of Safety",
                    "A way of talking about what everyone is worried about, what is working "
                    "well and what needs to happen.",
                ),
                (
                    "Scaling",
                    "Each service's score from 0 to 10: 0 means the child will certainly be "
                    "harmed, 10 means the child is safe enough for the services to step back.",
                ),
                (
                    "MASH",
                    "Multi-agency safeguarding hub: where social care, police, health and "
                    "education work together to look at worries about a child.",
                ),
                (
                    "Threshold",
                    "The level of need or risk at which a service must step in. Your council "
                    "publishes how it decides.",
                ),
                (
                    "Danger statement",
                    "A plain statement of what everyone is worried could happen to the child "
                    "if nothing changes.",
                ),
                (
                    "Dissent",
                    "When a service disagrees with a decision of the meeting. Its view and its "
                    "reasons are written down.",
                ),
                (
                    "Return home interview",
                    "A talk offered to a child after they have been missing, with someone "
                    "independent, to understand why they went and how to keep them safe.",
                ),
                (
                    "Joint investigation",
                    "Children's social care and the police look into what happened together, "
                    "each doing its own part, so the child is asked about it only once.",
                ),
                (
                    "Child protection medical",
                    "An examination by a children's doctor to check and record any injury and "
                    "to look after the child's health.",
                ),
                (
                    "Lead child protection practitioner",
                    "The social worker who leads the enquiries about the child and keeps the "
                    "family informed.",
                ),
                (
                    "Lead practitioner",
                    "The worker who brings together the help a child and family receive, and "
                    "is their main contact.",
                ),
                (
                    "NRM",
                    "National Referral Mechanism: how a child or adult who may be a victim of "
                    "trafficking or modern slavery is identified and given support.",
                ),
                (
                    "OFFICIAL-SENSITIVE",
                    "A marking on the record: it holds personal information, so keep it safe "
                    "and do not pass it on.",
                ),
            ]
        ]
    )
    family_next_steps: LongText = Field(
        default="The services will do the actions agreed at the meeting. Your contact (named "
        "below) will keep you informed and will tell you about the next meeting.",
        title="What happens next (family copy)",
    )
    family_advocacy: LongText = Field(
        default="You can bring a friend, relative or advocate to meetings. Children and young "
        "people can have an independent advocate: ask your contact to arrange one. If you "
        "would like this record explained or translated into your language, ask your contact: "
        "an interpreter can be arranged, free of charge.",
        title="Support and advocacy (family copy)",
    )
    family_complaints: LongText = Field(
        default="If you are unhappy with how you have been treated, or think something in this "
        "record is wrong, tell your contact. You can also make a complaint to the council's "
        "children's services complaints team.",
        title="How to complain (family copy)",
    )

    def identifier_context(self) -> dict[str, object]:
        """What validation is given so a record's identifier kind is checked against these."""
        return {"identifier_kinds": self.identifier_kinds}

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"{value!r} is not a known time zone (e.g. Europe/London)") from None
        return value
