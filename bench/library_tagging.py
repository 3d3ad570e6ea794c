"""Bench: the library tagger and guesses against the labelled evaluation set (tests/data/library_tagging).

The set was written by a different engineer, blind to the tagger, as short learning briefings each labelled
with its themes, the child's age band and the harm (`labels.json`). It is split in two: the rules were
tuned on `dev/` only; `test/` is held out and read only through this bench's aggregate scores, so the
test figures say how the rules do on wording they were not written for.

For each split: per-theme precision, recall and F1 (a theme that is neither labelled nor suggested in the
split has no score and is left out of the macro average), macro-F1 (mean of the per-theme F1s), micro-F1
(over all theme decisions), and the accuracy of the age band and harm guesses (a text labelled "none" counts
as right only when nothing is guessed). Also the tagging speed over the whole set.

Run: .venv/bin/python bench/library_tagging.py [--split dev|test|all] [--details]
(`--details` lists each dev text's misses and false alarms; it refuses to show test texts.)
"""

import argparse
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cspr.library.guessing import guess_age_band, guess_harm  # noqa: E402
from cspr.library.tagging import default_rules, suggest_themes  # noqa: E402

DATA = ROOT / "tests" / "data" / "library_tagging"
TARGET_MACRO_F1 = 0.8


@dataclass
class Scores:
    """Counts per theme and the derived figures for one split."""

    split: str
    texts: int = 0
    true_positives: dict = field(default_factory=dict)
    false_positives: dict = field(default_factory=dict)
    false_negatives: dict = field(default_factory=dict)
    age_right: int = 0
    harm_right: int = 0
    seconds: float = 0.0
    words: int = 0

    def add(self, truth: set, predicted: set):
        for label in truth & predicted:
            self.true_positives[label] = self.true_positives.get(label, 0) + 1
        for label in predicted - truth:
            self.false_positives[label] = self.false_positives.get(label, 0) + 1
        for label in truth - predicted:
            self.false_negatives[label] = self.false_negatives.get(label, 0) + 1

    def labels(self) -> list[str]:
        return sorted(set(self.true_positives) | set(self.false_positives) | set(self.false_negatives))

    def per_theme(self, label: str) -> tuple[float, float, float]:
        tp = self.true_positives.get(label, 0)
        fp = self.false_positives.get(label, 0)
        fn = self.false_negatives.get(label, 0)
        return _prf(tp, fp, fn)

    def macro_f1(self) -> float:
        labels = self.labels()
        return sum(self.per_theme(label)[2] for label in labels) / len(labels) if labels else 0.0

    def micro_f1(self) -> float:
        return _prf(
            sum(self.true_positives.values()),
            sum(self.false_positives.values()),
            sum(self.false_negatives.values()),
        )[2]

    def age_accuracy(self) -> float:
        return self.age_right / self.texts if self.texts else 0.0

    def harm_accuracy(self) -> float:
        return self.harm_right / self.texts if self.texts else 0.0


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def load_labels() -> dict:
    return json.loads((DATA / "labels.json").read_text(encoding="utf-8"))


def evaluate(split: str, *, rules=None, on_text=None) -> Scores:
    """Tag every text of the split and count; `on_text(name, truth, predicted, guesses)` sees each one."""
    rules = rules if rules is not None else default_rules()
    scores = Scores(split)
    suggest_themes("", rules)  # compile the patterns before timing
    for name, label in sorted(load_labels().items()):
        if not name.startswith(f"{split}/"):
            continue
        text = (DATA / name).read_text(encoding="utf-8")
        started = time.perf_counter()
        predicted = set(suggest_themes(text, rules))
        age, harm = guess_age_band(text), guess_harm(text)
        scores.seconds += time.perf_counter() - started
        scores.words += len(text.split())
        truth = set(label["themes"])
        scores.texts += 1
        scores.add(truth, predicted)
        scores.age_right += (age.value if age else None) == label.get("age_band")
        scores.harm_right += (harm.value if harm else None) == label.get("harm")
        if on_text is not None:
            on_text(name, truth, predicted, {"age_band": age, "harm": harm, "label": label})
    return scores


def report(scores: Scores, out=sys.stdout):
    out.write(f"\n{scores.split}: {scores.texts} texts\n")
    out.write(f"{'theme':<38} {'P':>5} {'R':>5} {'F1':>5}  tp fp fn\n")
    for label in scores.labels():
        precision, recall, f1 = scores.per_theme(label)
        counts = (
            scores.true_positives.get(label, 0),
            scores.false_positives.get(label, 0),
            scores.false_negatives.get(label, 0),
        )
        out.write(
            f"{label:<38} {precision:5.2f} {recall:5.2f} {f1:5.2f}  "
            f"{counts[0]:2} {counts[1]:2} {counts[2]:2}\n"
        )
    macro = scores.macro_f1()
    verdict = "PASS" if macro >= TARGET_MACRO_F1 else "FAIL"
    out.write(
        f"macro-F1 {macro:.3f} ({verdict}, target {TARGET_MACRO_F1})   micro-F1 {scores.micro_f1():.3f}\n"
    )
    out.write(f"age band accuracy {scores.age_accuracy():.2f}   harm accuracy {scores.harm_accuracy():.2f}\n")
    if scores.seconds:
        out.write(
            f"speed {scores.words / scores.seconds:,.0f} words/s ({scores.seconds * 1000:.1f} ms in all)\n"
        )


def _show_dev_text(name, truth, predicted, guesses):
    label = guesses["label"]
    age = guesses["age_band"].value if guesses["age_band"] else None
    harm = guesses["harm"].value if guesses["harm"] else None
    problems = []
    if truth - predicted:
        problems.append(f"missed {sorted(truth - predicted)}")
    if predicted - truth:
        problems.append(f"extra {sorted(predicted - truth)}")
    if age != label.get("age_band"):
        problems.append(f"age {age} not {label.get('age_band')}")
    if harm != label.get("harm"):
        problems.append(f"harm {harm} not {label.get('harm')}")
    if problems:
        sys.stdout.write(f"{name}: {'; '.join(problems)}\n")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["dev", "test", "all"], default="all")
    parser.add_argument("--details", action="store_true", help="list each dev text's errors (dev only)")
    options = parser.parse_args(argv)
    if options.details and options.split != "dev":
        parser.error("--details is for the dev split only: the test split is read through its scores")
    splits = ["dev", "test"] if options.split == "all" else [options.split]
    failed = False
    for split in splits:
        scores = evaluate(split, on_text=_show_dev_text if options.details else None)
        report(scores)
        failed |= split == "test" and scores.macro_f1() < TARGET_MACRO_F1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
