"""The tagger against the held-out half of the labelled evaluation set (tests/data/library_tagging/test,
written blind to the tagger; the rules were tuned on dev/ only). The floors are what the rules scored when
written, less a small margin: a change that makes the tagger worse on reports it was not tuned on fails."""

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[3] / "bench" / "library_tagging.py"
# Measured on the test split when the rules were written: macro-F1 0.830, age band 1.00, harm 0.72.
MACRO_F1_FLOOR = 0.80
AGE_BAND_FLOOR = 0.90
HARM_FLOOR = 0.65


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("library_tagging_bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_text_is_labelled_and_both_splits_are_there(bench):
    labels = bench.load_labels()
    assert sum(name.startswith("dev/") for name in labels) >= 32
    assert sum(name.startswith("test/") for name in labels) >= 32


def test_held_out_split_stays_above_its_floors(bench):
    scores = bench.evaluate("test")
    assert scores.texts >= 32
    assert scores.macro_f1() >= MACRO_F1_FLOOR
    assert scores.age_accuracy() >= AGE_BAND_FLOOR
    assert scores.harm_accuracy() >= HARM_FLOOR


def test_tagging_is_fast_enough_for_the_import_bench(bench):
    scores = bench.evaluate("dev")
    # Import must reach 50 pages a second (about 400 words each) including everything else.
    assert scores.words / scores.seconds > 20 * 400
