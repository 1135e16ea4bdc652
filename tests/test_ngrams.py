"""The n-gram counts equal scikit-learn's CountVectorizer: same terms, same columns, same counts."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer

from generator.enrich.ngrams import Tokens, count_ngrams, count_tokens
from generator.enrich.related import DOMAIN_STOP_WORDS, TOKENS
from generator.read.dump import parse_dump
from generator.read.text import decode
from support import SEED

WORDS = ["model", "models", "the", "of", "pre", "training", "Café", "café", "naïve", "x", "GPT", "gpt_4", "T5", "a1",
         "é", "code", "and", "data", "über", "ﬁne", "2024"]
texts = st.lists(st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=8)), max_size=30).map(" ".join),
                 min_size=1, max_size=12)


def reference(texts: list[str], stop_words, min_df: int, max_df: float):
    vectorizer = CountVectorizer(stop_words=sorted(stop_words), token_pattern=TOKENS, strip_accents="unicode",
                                 ngram_range=(1, 2), min_df=min_df, max_df=max_df, dtype=np.float32)
    matrix = vectorizer.fit_transform(texts).tocsr()
    matrix.sort_indices()
    return matrix, vectorizer.get_feature_names_out()


def assert_same(texts: list[str], stop_words=ENGLISH_STOP_WORDS, min_df: int = 1, max_df: float = 1.0):
    try:
        expected, expected_terms = reference(texts, stop_words, min_df, max_df)
    except ValueError:  # scikit-learn raises when no term is left
        matrix, terms = count_ngrams(texts, TOKENS, stop_words, min_df, max_df)
        assert matrix.shape == (len(texts), 0) and len(terms) == 0
        return
    matrix, terms = count_ngrams(texts, TOKENS, stop_words, min_df, max_df)
    assert list(terms) == list(expected_terms)
    assert matrix.shape == expected.shape and matrix.dtype == expected.dtype
    for part in ("indptr", "indices", "data"):
        assert np.array_equal(getattr(matrix, part), getattr(expected, part)), part


def seed_texts() -> list[str]:
    papers = parse_dump(decode(SEED.read_bytes(), str(SEED)), str(SEED)).papers
    return [" . ".join([paper.title, paper.title, paper.abstract]) for paper in papers]


def test_the_seed_counts_equal_scikit_learns():
    assert_same(seed_texts(), max_df=0.5)
    assert_same(seed_texts(), ENGLISH_STOP_WORDS | DOMAIN_STOP_WORDS, min_df=2, max_df=0.5)


@given(texts, st.integers(1, 3), st.sampled_from([0.5, 1.0]))
@settings(max_examples=200, deadline=None)
def test_any_memberscount_as_scikit_learn_counts_them(texts, min_df, max_df):
    assert_same(texts, min_df=min_df, max_df=max_df)


def test_membersof_stop_words_only_give_no_terms():
    matrix, terms = count_ngrams(["It is what it is.", "All of them."], TOKENS, ENGLISH_STOP_WORDS)
    assert matrix.shape == (2, 0) and list(terms) == []


@given(texts, st.integers(1, 3), st.sampled_from([0.5, 1.0]))
@settings(max_examples=100, deadline=None)
def test_memberssplit_once_and_joined_count_as_the_joined_texts(parts, min_df, max_df):
    """Related papers and topics split titles and abstracts once and join them (the title once or twice)."""
    half = len(parts) // 2 or 1
    listed = [[0] * (row % 3) + [row] + [half + row] * (row % 2) for row in range(half)]
    listed = [[text for text in members if text < len(parts)] for members in listed]
    joined = [" . ".join(parts[text] for text in members) for members in listed]
    matrix, terms = count_tokens(Tokens.of(parts, TOKENS).joined(listed), ENGLISH_STOP_WORDS, min_df, max_df)
    expected, expected_terms = count_ngrams(joined, TOKENS, ENGLISH_STOP_WORDS, min_df, max_df)
    assert list(terms) == list(expected_terms)
    for part in ("indptr", "indices", "data"):
        assert np.array_equal(getattr(matrix, part), getattr(expected, part)), part
