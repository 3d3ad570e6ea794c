"""Does a referral look like a case the partnership already holds?

Two agencies often refer the same child (the police and the hospital after the same admission), and a
second referral must join the first incident rather than start a second statutory clock. The rules are
plain functions over `ChildFacts` and `CaseFacts`, so they can be tested without a database:

- the same name and the same date of birth: the same child, whenever the incidents happened (a child
  harmed twice is still worth linking);
- the same name, incidents within `WINDOW_DAYS` of each other, unless both dates of birth are known
  and differ (two children who share a common name);
- the same date of birth, incidents within `WINDOW_DAYS` (the same baby with the name misspelt, or twins
  in one household, which belong together too);
- the same pseudonym the partnership chose ("Baby Eva"), whenever: the generic "Child A" style that
  cspr assigns by default is ignored, because every incident has a "Child A".

Names compare case-, accent-form-, punctuation- and whitespace-insensitively ("mary-jane  SMITH" is
"Mary Jane Smith"). The Django part at the end finds the candidates in one partnership; it never
decides who may see them: views show the matches only through `visible_to(user)`.
"""

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from django.db.models import Q

from .models import Incident

WINDOW_DAYS = 14

SAME_NAME_AND_BIRTH = "Same child's name and date of birth"
SAME_NAME = f"Same child's name, incidents within {WINDOW_DAYS} days"
SAME_BIRTH = f"Same date of birth, incidents within {WINDOW_DAYS} days"
SAME_PSEUDONYM = "Same pseudonym"

_GENERIC_PSEUDONYM = re.compile(r"^child [a-z]{1,2}$")


@dataclass(frozen=True)
class ChildFacts:
    name: str = ""
    date_of_birth: dt.date | None = None
    pseudonym: str = ""


@dataclass(frozen=True)
class CaseFacts:
    incident_on: dt.date
    children: tuple[ChildFacts, ...] = ()


@dataclass(frozen=True)
class PossibleDuplicate:
    incident: Incident
    reasons: tuple[str, ...]


def normalise_name(name: str) -> str:
    """A name reduced to lower-case words: punctuation and repeated spaces do not tell children apart."""
    text = unicodedata.normalize("NFKC", name or "").casefold()
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def is_generic_pseudonym(pseudonym: str) -> bool:
    """True for the pseudonyms cspr assigns by default ("Child A"), which say nothing about the child."""
    return not pseudonym.strip() or bool(_GENERIC_PSEUDONYM.match(normalise_name(pseudonym)))


def close_in_time(first: dt.date, second: dt.date, days: int = WINDOW_DAYS) -> bool:
    return abs((first - second).days) <= days


def child_match_reasons(new: ChildFacts, known: ChildFacts, *, close: bool) -> list[str]:
    """Why these two children may be the same child; `close` says the incidents are within the window."""
    reasons = []
    new_name, known_name = normalise_name(new.name), normalise_name(known.name)
    same_name = bool(new_name) and new_name == known_name
    both_born = new.date_of_birth is not None and known.date_of_birth is not None
    same_birth = both_born and new.date_of_birth == known.date_of_birth
    if same_name and same_birth:
        reasons.append(SAME_NAME_AND_BIRTH)
    elif same_name and close and not both_born:
        reasons.append(SAME_NAME)
    elif same_birth and close:
        reasons.append(SAME_BIRTH)
    same_pseudonym = normalise_name(new.pseudonym) == normalise_name(known.pseudonym)
    if same_pseudonym and not is_generic_pseudonym(new.pseudonym):
        reasons.append(SAME_PSEUDONYM)
    return reasons


def match_reasons(new: CaseFacts, known: CaseFacts) -> tuple[str, ...]:
    """Every reason, once each, in the order of the rules, why `known` may be the same case as `new`."""
    close = close_in_time(new.incident_on, known.incident_on)
    found = {
        reason
        for new_child in new.children
        for known_child in known.children
        for reason in child_match_reasons(new_child, known_child, close=close)
    }
    return tuple(
        reason for reason in (SAME_NAME_AND_BIRTH, SAME_NAME, SAME_BIRTH, SAME_PSEUDONYM) if reason in found
    )


# The database side: which incidents of one partnership to compare.


def facts_of(incident: Incident) -> CaseFacts:
    children = tuple(
        ChildFacts(name=child.name, date_of_birth=child.date_of_birth, pseudonym=child.pseudonym)
        for child in incident.children.all()
    )
    return CaseFacts(incident_on=incident.incident_on, children=children)


def find_duplicates(partnership, case: CaseFacts, *, exclude=()) -> list[PossibleDuplicate]:
    """Incidents of `partnership` that may be `case`, most recent incident first.

    Deliberately unscoped (an agency lead's referral is checked against the whole partnership): callers
    show the result only to people who may see those incidents.
    """
    window = dt.timedelta(days=WINDOW_DAYS)
    dates = {child.date_of_birth for child in case.children if child.date_of_birth}
    could_match = Q(incident_on__range=(case.incident_on - window, case.incident_on + window))
    if dates:
        could_match |= Q(children__date_of_birth__in=dates)
    for child in case.children:
        if not is_generic_pseudonym(child.pseudonym):
            could_match |= Q(children__pseudonym__iexact=child.pseudonym.strip())
    candidates = (
        Incident.objects.filter(partnership=partnership)
        .filter(could_match)
        .exclude(pk__in=[getattr(item, "pk", item) for item in exclude])
        .distinct()
        .prefetch_related("children")
        .order_by("-incident_on", "-pk")
    )
    found = []
    for candidate in candidates:
        reasons = match_reasons(case, facts_of(candidate))
        if reasons:
            found.append(PossibleDuplicate(candidate, reasons))
    return found


def possible_duplicates(incident: Incident) -> list[PossibleDuplicate]:
    """Other incidents that may be this one, for the business manager on the incident page.

    Incidents already linked to this one are left out: linking them is how the business manager says
    they have looked and the two belong together (or are otherwise related) but are not one incident.
    """
    linked = [other for other, _kind in incident.linked_incidents()]
    return find_duplicates(incident.partnership, facts_of(incident), exclude=[incident, *linked])
