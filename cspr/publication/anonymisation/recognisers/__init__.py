"""Our own Presidio recognisers, for what Presidio lacks or gets wrong in UK safeguarding reports.

Each module offers `recognisers()`, a list of Presidio `EntityRecognizer`s whose entity names are
`IdentifierType` values (for example "school"). `our_recognisers` gathers them for the engine.
"""

from . import addresses, dates, names, numbers, online, places


def our_recognisers() -> list:
    found = []
    for module in (names, dates, addresses, numbers, online, places):
        found.extend(module.recognisers())
    return found
