"""The held-out set for the anonymisation benchmark: hand-written documents nobody tuned a recogniser on.

The generated corpus (`anonymisation_corpus.build_corpus`) fills templates the recogniser authors saw
while writing their rules, so its figures are optimistic. The documents in bench/anonymisation_heldout/
were written independently, in the styles a review file holds (rapid review summaries, chronologies,
minutes, letters, agency returns, police and health notes, school reports), with the identifying details
a careless draft leaves in. Reading them gives the same `Document`/`Label` structures as the generated
corpus, so bench/anonymisation.py scores them with the same code.

File format (plain UTF-8 .txt):

- an optional first line `# declared: Child K; Sibling 1; Dr Anne Reviewer` lists what the review
  declares. An entry that starts with a family-role or label word ("Child K", "Baby Eva", "Mother",
  "Sibling 1", "Adult B") is a pseudonym; any other entry (the reviewer's name, an agency) is an allowed
  name. A further `# allowed: ...` line, if present, adds allowed names;
- every identifier is marked inline as `[[type|text]]`, type an `IdentifierType` value. The markers are
  removed and each becomes a `Label` over `text` in the document's text. Markers do not nest.

A document without markers is a clean document: anything found in it is a false positive.
"""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from anonymisation_corpus import Document, Label  # noqa: E402

from cspr.publication.anonymisation.findings import IdentifierType  # noqa: E402

HELDOUT = Path(__file__).resolve().parent / "anonymisation_heldout"
MARKER = re.compile(r"\[\[(\w+)\|([^\[\]|]+)\]\]")
HEADER = re.compile(r"#\s*(declared|allowed)\s*:(.*)", re.IGNORECASE)
PSEUDONYM_WORDS = frozenset(
    {
        "child",
        "baby",
        "infant",
        "sibling",
        "adult",
        "young",
        "mother",
        "father",
        "stepfather",
        "stepmother",
        "maternal",
        "paternal",
        "parent",
        "carer",
    }
)
TYPES = frozenset(kind.value for kind in IdentifierType)


class HeldOutError(ValueError):
    """A held-out file is malformed: an unknown type, a marker left half-open, an empty label."""


def load_heldout(folder: Path = HELDOUT) -> list[Document]:
    """Every .txt document in `folder`, in file-name order."""
    return [parse(path.stem, path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.txt"))]


def parse(name: str, raw: str) -> Document:
    """One held-out document: its header lines read for declared names, its markers turned into labels."""
    lines = raw.splitlines()
    pseudonyms: list[str] = []
    allowed: list[str] = []
    while lines and HEADER.fullmatch(lines[0].strip()):
        kind, entries = HEADER.fullmatch(lines.pop(0).strip()).groups()
        for entry in (part.strip() for part in entries.split(";")):
            if not entry:
                continue
            if kind.lower() == "declared" and entry.split()[0].lower() in PSEUDONYM_WORDS:
                pseudonyms.append(entry)
            else:
                allowed.append(entry)
    text, labels = _unmark(name, "\n".join(lines).strip() + "\n")
    return Document(name=name, text=text, labels=labels, pseudonyms=tuple(pseudonyms), allowed=tuple(allowed))


def _unmark(name: str, marked: str) -> tuple[str, list[Label]]:
    parts: list[str] = []
    labels: list[Label] = []
    length = 0
    position = 0
    for match in MARKER.finditer(marked):
        kind, value = match.groups()
        if kind not in TYPES:
            raise HeldOutError(f"{name}: unknown identifier type {kind!r}")
        if value != value.strip() or not value:
            raise HeldOutError(f"{name}: label {value!r} has spaces at its ends")
        before = marked[position : match.start()]
        parts.append(before)
        length += len(before)
        labels.append(Label(type=kind, start=length, end=length + len(value), text=value))
        parts.append(value)
        length += len(value)
        position = match.end()
    parts.append(marked[position:])
    text = "".join(parts)
    if "[[" in text or "]]" in text:
        raise HeldOutError(f"{name}: a marker is malformed near {text[text.find('[[') :][:40]!r}")
    return text, labels
