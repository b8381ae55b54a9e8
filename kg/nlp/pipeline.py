"""make_nlp(): a blank Chinese spaCy pipeline segmented by jieba, plus our components in
a fixed order. No model is loaded: everything the components know comes from the
reference data in ontology/reference/.
"""

from __future__ import annotations

import logging
from functools import lru_cache

import jieba
import spacy
from spacy.language import Language

from kg.nlp.subjects import keep_plain_dictionary
from kg.nlp.tokens import JiebaTokenizer
from kg.reference import reference

# Importing the component modules registers their factories with spaCy.
from kg.nlp import events, gazetteer, quantities, titles  # noqa: F401

COMPONENTS = ("ep_gazetteer", "ep_titles", "ep_events", "ep_quantities")


def teach_jieba() -> None:
    """Add every gazetteer phrase to jieba's dictionary.

    jieba is module-global: adding words here changes every pipeline in the process, so
    this is the one function that does it, and it runs before any worker is forked.
    Without it jieba splits or glues names (生态环境部在京 → 生态环境 | 部在京).
    """
    jieba.setLogLevel(logging.WARNING)
    keep_plain_dictionary()
    ref = reference()
    for table in (ref.agency_surfaces, ref.campaign_surfaces, ref.indicator_surfaces):
        for phrase in table:
            jieba.add_word(phrase, freq=None)


@lru_cache(maxsize=1)
def make_nlp() -> Language:
    teach_jieba()
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.tokenizer = JiebaTokenizer(nlp.vocab)  # the same tokens, aligned in one pass
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp
