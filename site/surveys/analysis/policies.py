"""The concern analysis, as pure functions: what residents' free text says, in words, phrases and themes.

Seed 004 asked "What (if any) are the issues in your neighbourhood that cause you concern?" and drew a word cloud
of the answers by hand. This module makes that count repeatable and honest (FP-001: the partnership consults
residents on crime and disorder and on its priorities):

1. `normalise`: the text is redacted first (`redaction.redact`), then lower-cased, quotes and dashes made plain,
   American spellings made British ("behavior" -> "behaviour").
2. `chunks`: NLTK's `RegexpTokenizer` (it needs no downloaded data; `nltk.download` fails offline) splits words;
   sentence ends, punctuation and stop-words break the text into runs of content words, so no phrase is ever
   made across "on the" or a full stop.
3. Synonyms officers keep ("ASB" = "anti-social behaviour" = "antisocial behavior") are replaced by their main
   term before anything is counted; a multi-word main term is always counted as one phrase.
4. Lemmas (simplemma, English, offline) group "cars" with "car" and "speeding" with "speed"; what a reader sees
   is the most common way residents wrote it.
5. `find_phrases`: bigrams and trigrams chosen by NLTK's collocation measures (likelihood ratio) with a minimum
   frequency that grows with the corpus, because a fixed threshold invents phrases from any frequent neighbours
   once the corpus is large.
6. `Analysis` counts each term once per response (how many residents mentioned it, which is what small-number
   suppression is about), tags each response with its themes, and counts themes by ward and by month. It adds
   one response at a time, so a new response updates the counts without a full run.

No database, no clock: `Vocabulary` carries the officer-edited lists in, `Analysis` carries the counts out.
"""

import gc
import itertools
import math
import re
import unicodedata
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import chain, groupby
from operator import attrgetter, not_

import simplemma
from nltk.collocations import BigramCollocationFinder, TrigramCollocationFinder
from nltk.metrics import BigramAssocMeasures, TrigramAssocMeasures
from nltk.probability import FreqDist
from nltk.tokenize import SpaceTokenizer
from wordcloud import STOPWORDS

from surveys.analysis.redaction import MASKS, redact_many

# Words that carry no concern of their own: wordcloud's English list plus what people write around a concern.
GENERAL_STOP_WORDS = frozenset(STOPWORDS) | {
    "also", "really", "just", "lot", "lots", "much", "many", "bit", "get", "got", "getting", "etc", "eg", "ie",
    "will", "would", "can", "could", "may", "might", "must", "shall", "still", "even", "always", "often", "quite",
    "seem", "seems", "thing", "things", "way", "well", "one", "two", "three", "none", "nothing", "anything",
    "something", "think", "feel", "know", "see", "seen", "make", "made", "go", "going", "around", "every", "use",
    "used", "lack", "yes", "no", "n't", "dont", "im", "ive", "us", "like", "near", "past", "since", "within",
    "without", "along", "across", "sometimes", "especially", "currently", "recently", "last", "next", "new", "lately",
    "day", "days", "time", "times", "year", "years", "week", "weeks", "month", "months", "people", "due",
    "behind", "outside", "opposite", "round", "towards", "toward", "nearby", "back", "front",
    "amp", "concern", "concerns", "concerned", "issue", "issues", "problem", "problems", "worry", "worried",
}  # fmt: skip

# What the partnership's survey questions already say: every answer would otherwise lead with these. Officers
# edit the list in the admin (StopWord); these are the defaults the demo and a fresh site start with.
DEFAULT_DOMAIN_STOP_WORDS = (
    "area", "areas", "neighbourhood", "neighbourhoods", "milton", "keynes", "mk", "local", "locally", "estate",
    "live", "living", "work", "working", "place", "safe", "safer", "crime", "community",
)  # fmt: skip

# British spellings: residents (and spell checkers) mix them; counts should not split on them.
SPELLINGS = {
    "behavior": "behaviour", "behaviors": "behaviours", "neighbor": "neighbour", "neighbors": "neighbours",
    "neighborhood": "neighbourhood", "neighborhoods": "neighbourhoods", "center": "centre", "centers": "centres",
    "color": "colour", "program": "programme", "programs": "programmes", "vandalized": "vandalised",
    "vandalizing": "vandalising", "organized": "organised", "jewelry": "jewellery", "tire": "tyre", "tires": "tyres",
    "curb": "kerb", "curbs": "kerbs", "license": "licence", "defense": "defence", "offense": "offence",
}  # fmt: skip

# Lemmas simplemma gets wrong for this subject, or that would merge unlike things.
LEMMA_EXCEPTIONS = {
    "police": "police", "parking": "parking", "dealing": "dealing", "dealer": "dealer",
    "dealers": "dealer", "tipping": "tipping", "tippers": "tipper", "news": "news", "glasses": "glass",
    "bus": "bus", "buses": "bus", "youths": "youth", "kids": "kid", "children": "child", "speeding": "speeding",
    "shops": "shop", "shopping": "shopping", "drugs": "drug", "cctv": "cctv", "asb": "asb",
}  # fmt: skip
# "speeding" and "speed" are one concern: both count under "speed", shown as the way residents wrote it most.
LEMMA_EXCEPTIONS["speeding"] = "speed"

# NLTK's SpaceTokenizer (no downloaded data) splits the normalised text, in which exactly one space separates
# tokens. NLTK's RegexpTokenizer would do the normalising and splitting in one, but every NLTK pattern now runs
# through nltk.redos (the `regex` engine under a timeout), which alone took longer than the whole of this pipeline
# on 40,000 answers; the normaliser's few stdlib patterns run over all the answers at once instead.
_TOKENISER = SpaceTokenizer()
_BREAK = "."
_SEPARATOR = "\x00"  # between answers when many are normalised together
# Answers are joined with "\n\x00\n ", which normalises to ".\x00. ": a break either side, so splitting the whole
# batch at "." gives every answer's own segments, with one "\x00" segment between answers. Every answer starts
# with a space, as a segment after a break does, so "speeding cars" first or after a full stop is one segment.
_JOIN = f"\n{_SEPARATOR}\n "
_DOCUMENT_BREAK = f"{_BREAK}{_SEPARATOR}{_BREAK}"
_URL = re.compile(r"https?://\S+|www\.\S+")
_MASK = re.compile("|".join(re.escape(mask) for mask in MASKS))
# After lower-casing and dropping accents, every byte is a letter or digit (kept), punctuation (a break, "."),
# an apostrophe (dropped: "don't" -> "dont") or anything else (a space: "anti-social" -> "anti social").
_BYTES = bytearray(b" " * 256)
for _byte in b"abcdefghijklmnopqrstuvwxyz0123456789\x00":
    _BYTES[_byte] = _byte
for _byte in b'.!?;:,()[]{}"/&+*|<>=~\n\r\t':
    _BYTES[_byte] = ord(".")
_BYTES = bytes(_BYTES)
_QUOTES = str.maketrans(
    {"\u2018": "", "\u2019": "", "'": "", "\u201c": '"', "\u201d": '"', "\u2026": ".", "\u2212": " "}
    | {chr(dash): " " for dash in range(0x2010, 0x2016)}  # hyphens and dashes
)
_SPELLING_KEYS = frozenset(SPELLINGS)

MINIMUM_PHRASE_COUNT = 3
PHRASE_SHARE = 0.002  # a phrase must appear in at least 0.2% of responses (3 at the least)
SIGNIFICANCE = 10.83  # the likelihood ratio's chi-squared value for p < 0.001
BATCH = 5000  # answers normalised together
_NOTHING = frozenset()


def _theme_tag(name):
    """A theme found in a response, counted beside its term keys: a key is only letters, digits and spaces (see
    _BYTES), so a tag with a colon is never mistaken for one. A string, so its hash is computed once."""
    return f"theme:{name}"


_WARD, _DATE = attrgetter("ward"), attrgetter("date")


@dataclass(frozen=True)
class Theme:
    """A concern theme as the pipeline sees it: its name and the lemma sequences of its words and phrases."""

    name: str
    terms: tuple  # of tuples of lemmas


@dataclass(frozen=True)
class Vocabulary:
    """The officer-edited lists the analysis runs with (built from the database by `analysis.vocabulary()`)."""

    stop_words: frozenset = GENERAL_STOP_WORDS | frozenset(DEFAULT_DOMAIN_STOP_WORDS)
    synonyms: tuple = ()  # ((variant words tuple, main words tuple, main term as written), ...), longest first
    themes: tuple = ()

    @classmethod
    def build(cls, *, domain_stop_words=DEFAULT_DOMAIN_STOP_WORDS, synonyms=(), themes=()):
        """From plain lists: `synonyms` is [(main term, [variants])], `themes` is [(name, [words and phrases])]."""
        pairs = []
        for main, variants in synonyms:
            main_words = tuple(words(main))
            if not main_words:
                continue
            for variant in [main, *variants]:
                variant_words = tuple(words(variant))
                if variant_words:
                    pairs.append((variant_words, main_words, main.strip()))
        pairs.sort(key=lambda pair: -len(pair[0]))
        built_themes = tuple(
            Theme(name=name, terms=tuple({tuple(lemma(w) for w in words(t)) for t in terms if words(t)}))
            for name, terms in themes
        )
        stop = GENERAL_STOP_WORDS | {w.strip().lower() for w in domain_stop_words if w.strip()}
        return cls(stop_words=frozenset(stop), synonyms=tuple(pairs), themes=built_themes)

    @cached_property
    def token_keys(self):
        """{token: (lemma, surface) or None}: filled as tokens are first met (a few thousand distinct words)."""
        return _TokenEntries(self.stop_words)

    @cached_property
    def segment_runs(self):
        """{normalised segment: its runs}, filled as segments are first met."""
        return _SegmentRuns(self)

    @cached_property
    def synonyms_by_first(self):
        """{first word of a variant: [(variant words, main words)], longest first}."""
        index = defaultdict(list)
        for variant, main, _written in self.synonyms:
            index[variant[0]].append((variant, main))
        return dict(index)

    @cached_property
    def theme_index(self):
        """({lemma sequence: theme names}, first lemmas): pairs are indexed in both orders, like term_key."""
        index = defaultdict(set)
        for theme in self.themes:
            for term in theme.terms:
                index[term].add(theme.name)
                if len(term) == 2:
                    index[term[::-1]].add(theme.name)
        return dict(index), frozenset(term[0] for term in index)

    def fixed_phrases(self):
        """Multi-word main terms of synonym groups: always phrases, however rare."""
        return {tuple(lemma(w) for w in main) for _variant, main, _written in self.synonyms if len(main) > 1}

    def written(self):
        """{term key: the main term as the officer wrote it}: how a synonym group's term is always shown."""
        return {term_key(tuple(lemma(w) for w in main)): text for _variant, main, text in self.synonyms}


# 1. Normalising and tokenising -------------------------------------------------------------------------------


def _normalised_segments(texts):
    """[[segment, ...] per text]: a segment is the text between two breaks (punctuation, a masked detail)."""
    return [document.split(_BREAK) for document in _normalised_documents(texts)]


def _normalised_documents(texts):
    """[document per text]: each text redacted and normalised (see _normalised_batch)."""
    return _normalised_batch(texts).split(_DOCUMENT_BREAK)


def _normalised_batch(texts):
    """The texts redacted, then all of them normalised together with C-speed string operations (lower case,
    words spaced, "." at each break), joined by _DOCUMENT_BREAK."""
    texts = redact_many(texts)
    joined = " " + _JOIN.join(texts)
    if joined.count(_SEPARATOR) != len(texts) - 1:  # a text holding the separator itself: never split it there
        joined = " " + _JOIN.join(text.replace(_SEPARATOR, " ") for text in texts)
    if "[" in joined:
        joined = _MASK.sub(" . ", joined)  # a masked detail is a break, never a word
    if "www." in joined or "://" in joined:
        joined = _URL.sub(" . ", joined)
    joined = unicodedata.normalize("NFKD", joined.translate(_QUOTES)).lower()
    data = joined.encode("ascii", "ignore").translate(_BYTES).decode("ascii")
    # Blank segments (between two breaks) stay: each maps to no runs, through the same cache as the rest.
    return data


def _segment_tokens(segment):
    """A segment's words, by NLTK's SpaceTokenizer once the spacing is made single."""
    segment = " ".join(segment.split())
    return _TOKENISER.tokenize(segment) if segment else []


def _normalised_tokens(texts):
    """[[token, ...] per text], with "." at each break."""
    documents = []
    for segments in _normalised_segments(texts):
        tokens = []
        for segment in segments:
            tokens += [*_segment_tokens(segment), _BREAK]
        documents.append(tokens[:-1])
    return documents


def normalise(text):
    """A text as the pipeline reads it: redacted, lower-case, one space between words, "." at each break."""
    return " ".join(_normalised_tokens([text])[0])


def words(text):
    """The words of a short text (a synonym, a theme term), normalised the same way as responses."""
    return [SPELLINGS.get(token, token) for token in _normalised_tokens([text])[0] if token != _BREAK]


@lru_cache(maxsize=100_000)
def lemma(word):
    """The dictionary form that groups a word's variants ("cars" -> "car", "burglaries" -> "burglary")."""
    if word in LEMMA_EXCEPTIONS:
        return LEMMA_EXCEPTIONS[word]
    if not word.isalpha() or len(word) < 4:
        return word
    return simplemma.lemmatize(word, lang="en").lower()


def _apply_synonyms(tokens, vocabulary):
    """Replace each officer-listed variant with its main term's words (longest variant first)."""
    by_first = vocabulary.synonyms_by_first
    out = []
    done = 0
    for i in [i for i, token in enumerate(tokens) if token in by_first]:
        if i < done:
            continue  # inside a variant already replaced
        for variant, main in by_first[tokens[i]]:
            if tuple(tokens[i : i + len(variant)]) == variant:
                out += tokens[done:i]
                out += main
                done = i + len(variant)
                break
    return out + tokens[done:] if out else tokens


def chunks_of_many(texts, vocabulary):
    """For each text, its runs of content words: [((lemma, surface), ...), ...], broken at punctuation and
    stop-words (so no phrase is made across "on the" or a full stop)."""
    runs_of = vocabulary.segment_runs
    return [[run for segment in segments for run in runs_of[segment]] for segments in _normalised_segments(texts)]


def _segment_runs(segment, vocabulary):
    """A segment's runs of content words, after spellings and synonyms."""
    tokens = _segment_tokens(segment)
    if not _SPELLING_KEYS.isdisjoint(tokens):
        tokens = [SPELLINGS.get(token, token) for token in tokens]
    if vocabulary.synonyms_by_first and not vocabulary.synonyms_by_first.keys().isdisjoint(tokens):
        tokens = _apply_synonyms(tokens, vocabulary)
    entry_of = vocabulary.token_keys.__getitem__
    # None (a break) is falsy, an entry truthy: groupby keeps the runs between breaks.
    return tuple(tuple(run) for broken, run in groupby(map(entry_of, tokens), not_) if not broken)


class _SegmentRuns(dict):
    """{segment: its runs}: residents write the same short concerns alike, so each is worked out once."""

    def __init__(self, vocabulary):
        super().__init__()
        self.vocabulary = vocabulary

    def __missing__(self, segment):
        runs = self[segment] = _segment_runs(segment, self.vocabulary)
        return runs


def _token_entry(token, stop):
    """(lemma, surface) for a content word; None for a break, a stop-word or a number."""
    if token == _BREAK or token in stop or token.isdigit() or len(token) < 2:
        return None
    key = lemma(token)
    return None if key in stop else (key, token)


class _TokenEntries(dict):
    """{token: (lemma, surface) or None}, each worked out the first time the token is met."""

    def __init__(self, stop_words):
        super().__init__()
        self.stop_words = stop_words

    def __missing__(self, token):
        entry = self[token] = _token_entry(token, self.stop_words)
        return entry


def chunks(text, vocabulary):
    """One text's runs of content words (see chunks_of_many)."""
    return chunks_of_many([text], vocabulary)[0]


# 2. Phrases --------------------------------------------------------------------------------------------------


def phrase_threshold(documents):
    """The fewest responses a phrase must appear in: 3, or 0.2% of the responses if that is more."""
    return max(MINIMUM_PHRASE_COUNT, math.ceil(documents * PHRASE_SHARE))


def find_phrases(chunked_documents, *, fixed=frozenset(), weighted_runs=None, documents=None):
    """Bigrams and trigrams of lemmas that are phrases (collocations), plus the `fixed` ones.

    A pair is a phrase when it appears often enough (`phrase_threshold`) and NLTK's likelihood ratio says the
    words come together far more than chance (p < 0.001). A trigram is kept when its own ratio is significant and
    its count is at least half its more common inner pair's, so "anti social behaviour" wins over "anti social".
    `weighted_runs` ([(run, how many times it occurs)]) counts repeated runs once each, for large corpora.
    """
    if weighted_runs is None:
        weighted_runs = [(run, 1) for doc in chunked_documents for run in doc]
    minimum = phrase_threshold(len(chunked_documents) if documents is None else documents)
    phrases = set(fixed)
    words_fd, pairs_fd, triples_fd, gaps_fd = Counter(), Counter(), Counter(), Counter()
    for run, weight in weighted_runs:
        keys = [key for key, _surface in run]
        for key in keys:
            words_fd[key] += weight
        for pair in itertools.pairwise(keys):
            pairs_fd[pair] += weight
        for triple in zip(keys, keys[1:], keys[2:], strict=False):
            triples_fd[triple] += weight
        for gap in zip(keys, keys[2:], strict=False):
            gaps_fd[gap] += weight
    if not words_fd:
        return frozenset(phrases)
    word_fd, bigram_fd = FreqDist(words_fd), FreqDist(pairs_fd)
    bigrams = BigramCollocationFinder(word_fd, bigram_fd)
    bigrams.apply_freq_filter(minimum)
    for pair, score in bigrams.score_ngrams(BigramAssocMeasures.likelihood_ratio):
        if score >= SIGNIFICANCE and pair[0] != pair[1] and min(map(len, pair)) > 1:
            phrases |= {pair, pair[::-1]}
    trigrams = TrigramCollocationFinder(word_fd, FreqDist(pairs_fd), FreqDist(gaps_fd), FreqDist(triples_fd))
    trigrams.apply_freq_filter(minimum)
    for triple, score in trigrams.score_ngrams(TrigramAssocMeasures.likelihood_ratio):
        if score < SIGNIFICANCE or len(set(triple)) < 3:
            continue
        inner = max(pairs_fd.get(triple[:2], 0), pairs_fd.get(triple[1:], 0))
        if triples_fd[triple] * 2 >= inner:
            phrases.add(triple)
    return frozenset(phrases)


def term_key(lemmas):
    """A term's counting key. A pair counts the same in either order ("speeding cars", "cars speeding")."""
    if len(lemmas) == 2:
        lemmas = sorted(lemmas)
    return " ".join(lemmas)


def terms(runs, phrases, starts=None):
    """A response's terms: [(key, surface)], phrases taken greedily (longest first) before single words."""
    starts = {p[0] for p in phrases} if starts is None else starts
    found = []
    for run in runs:
        i = 0
        n = len(run)
        while i < n:
            if run[i][0] in starts:
                for size in (3, 2):
                    if i + size <= n:
                        key = tuple(k for k, _s in run[i : i + size])
                        if key in phrases:
                            found.append((term_key(key), " ".join(s for _k, s in run[i : i + size])))
                            i += size
                            break
                else:
                    found.append(run[i])
                    i += 1
            else:
                found.append(run[i])
                i += 1
    return found


def themes_of(runs, themes_or_vocabulary):
    """The names of the themes whose words or phrases appear in a response's runs (in the themes' order)."""
    vocabulary = (
        themes_or_vocabulary
        if isinstance(themes_or_vocabulary, Vocabulary)
        else Vocabulary(themes=tuple(themes_or_vocabulary))
    )
    if not vocabulary.themes:
        return []
    index, firsts = vocabulary.theme_index
    found = set()
    for run in runs:
        keys = [k for k, _s in run]
        n = len(keys)
        for i, key in enumerate(keys):
            if key in firsts:
                for size in (1, 2, 3):
                    if i + size <= n:
                        names = index.get(tuple(keys[i : i + size]))
                        if names:
                            found.update(names)
    return [theme.name for theme in vocabulary.themes if theme.name in found]


# 3. Counting -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """One piece of free text to analyse: what was written, where (ward name) and when (a date)."""

    text: str
    ward: str = ""
    date: object = None  # datetime.date
    ref: object = None  # where it came from (a survey response's id), for the caller; the analysis ignores it


@dataclass
class Term:
    key: str
    label: str
    count: int
    is_phrase: bool


@dataclass
class Analysis:
    """The counts of one analysis run; `add` takes one more response without recounting the rest."""

    vocabulary: Vocabulary
    phrases: frozenset
    responses: int = 0
    with_terms: int = 0
    counts: Counter = field(default_factory=Counter)  # term key -> responses mentioning it
    surfaces: Counter = field(default_factory=Counter)  # (term key, surface form) -> uses
    themes: Counter = field(default_factory=Counter)  # theme name -> responses
    theme_wards: dict = field(default_factory=lambda: defaultdict(Counter))  # theme -> {ward: responses}
    theme_months: dict = field(default_factory=lambda: defaultdict(Counter))  # theme -> {"2026-05": responses}
    wards: Counter = field(default_factory=Counter)  # ward -> responses

    def __post_init__(self):
        self._written = self.vocabulary.written()
        self._starts = {phrase[0] for phrase in self.phrases}
        self._runs = {}
        self._segments = {}
        self._labels = None

    def add(self, text, ward="", date=None, runs=None):
        """Count one response; return its (terms, themes)."""
        runs = chunks(text, self.vocabulary) if runs is None else runs
        found = []
        keys = set()
        hit = set()
        for run in runs:
            result = self._runs.get(run)
            if result is None:
                result = self._runs[run] = self._run_result(run)
            found += result[0]
            keys |= result[1]
            hit |= result[2]
        self.responses += 1
        self.wards[ward or ""] += 1
        if found:
            self.with_terms += 1
        self.surfaces.update(found)
        self.counts.update(keys)
        self._labels = None
        names = [theme.name for theme in self.vocabulary.themes if theme.name in hit] if hit else []
        month = f"{date:%Y-%m}" if date and names else ""
        for name in names:
            self.themes[name] += 1
            self.theme_wards[name][ward or ""] += 1
            if month:
                self.theme_months[name][month] += 1
        return found, names

    def add_many(self, texts, documents, occurrences):
        """Count many responses at once, with the same counts as `add` on each of them.

        `texts` gives each response's ward and date, `documents` its normalised text (`_normalised_documents`),
        and `occurrences` is Counter(every segment of every response). Each distinct
        segment is worked out once, each distinct document combined once (residents write the same answers
        alike), and what is per response is counted by Counter at C speed.
        """
        results = self._segments
        for segment in occurrences.keys() - results.keys():
            results[segment] = self._segment_result(segment)
        # Every use of a surface form counts towards its label: a segment's uses times its occurrences. Segments
        # come in the order they were first met, so a tie still goes to the form seen first.
        surfaces = self.surfaces
        for segment, times in occurrences.items():
            for term in results[segment][0]:
                surfaces[term] += times
        # A term or theme counts once per response: a document's set is the union over its segments of their
        # term keys and theme tags, so one union gives both. A theme is only ever found in
        # a run of words, which always gives terms, so a set is empty exactly when the response has no terms.
        tagged = {}
        for segment in occurrences:
            _found, keys, hit = results[segment]
            tagged[segment] = keys.union(map(_theme_tag, hit)) if hit else keys
        # Kept as tuples (a fifth of a frozenset's memory); the few distinct sets of themes are shared.
        found_in = {
            document: tuple(_NOTHING.union(*map(tagged.__getitem__, document.split(_BREAK))))
            for document in dict.fromkeys(documents)
        }
        answer_found = list(map(found_in.__getitem__, documents))
        wards = ["" if ward is None else ward for ward in map(_WARD, texts)]
        dates = list(map(_DATE, texts))
        months = list(map({date: f"{date:%Y-%m}" if date else "" for date in set(dates)}.__getitem__, dates))
        self.responses += len(documents)
        self.wards.update(wards)
        self.with_terms += len(documents) - answer_found.count(())
        # Counted by ward and month (a few hundred groups at most), so the same pass gives the terms and the
        # themes of each ward and month.
        by_place = defaultdict(list)
        for found, place in zip(answer_found, zip(wards, months, strict=True), strict=True):
            by_place[place].append(found)
        tag_of = {_theme_tag(theme.name): theme.name for theme in self.vocabulary.themes}
        for (ward, month), founds in by_place.items():
            counted = Counter(chain.from_iterable(founds))
            for tag, name in tag_of.items():
                times = counted.pop(tag, 0)
                if times:
                    self.themes[name] += times
                    self.theme_wards[name][ward] += times
                    if month:
                        self.theme_months[name][month] += times
            self.counts.update(counted)
        self._labels = None

    def _segment_result(self, segment):
        found, keys, hit = [], set(), set()
        for run in self.vocabulary.segment_runs[segment]:
            result = self._runs.get(run)
            if result is None:
                result = self._runs[run] = self._run_result(run)
            run_found, run_keys, run_hit = result
            found += run_found
            keys |= run_keys
            hit |= run_hit
        return tuple(found), frozenset(keys), frozenset(hit)

    def _run_result(self, run):
        """A run's terms and themes: the same run of words (residents write "speeding cars" alike) is worked out
        once per analysis."""
        found = tuple(terms([run], self.phrases, self._starts))
        return found, frozenset(key for key, _surface in found), frozenset(themes_of([run], self.vocabulary))

    def label(self, key):
        """The way residents most often wrote a term (ties: the first seen); a synonym group's as the officer did."""
        written = self._written.get(key)
        if written:
            return written
        if self._labels is None:
            best = {}
            for (term, surface), uses in self.surfaces.items():  # first seen wins a tie
                if uses > best.get(term, ("", 0))[1]:
                    best[term] = (surface, uses)
            self._labels = {term: surface for term, (surface, _uses) in best.items()}
        return self._labels.get(key, key)

    def top(self, n=50, *, minimum=1):
        """The n most mentioned terms (most responses first, then alphabetically), each at least `minimum`."""
        ranked = sorted(
            ((key, count) for key, count in self.counts.items() if count >= minimum), key=lambda kc: (-kc[1], kc[0])
        )
        return [Term(key=k, label=self.label(k), count=c, is_phrase=" " in k) for k, c in ranked[:n]]

    def frequencies(self, n=150, *, minimum=1):
        """{label: count} for the word cloud."""
        return {term.label: term.count for term in self.top(n, minimum=minimum)}

    def to_dict(self):
        """Plain data for the cache (JSON): enough to show the results and to add responses later."""
        return {
            "responses": self.responses,
            "with_terms": self.with_terms,
            "phrases": sorted(" ".join(p) for p in self.phrases),
            "counts": dict(self.counts),
            "surfaces": [[key, surface, uses] for (key, surface), uses in self.surfaces.items()],
            "themes": dict(self.themes),
            "theme_wards": {k: dict(v) for k, v in self.theme_wards.items()},
            "theme_months": {k: dict(v) for k, v in self.theme_months.items()},
            "wards": dict(self.wards),
        }

    @classmethod
    def from_dict(cls, data, vocabulary):
        analysis = cls(vocabulary=vocabulary, phrases=frozenset(tuple(p.split(" ")) for p in data["phrases"]))
        analysis.responses = data["responses"]
        analysis.with_terms = data["with_terms"]
        analysis.counts = Counter(data["counts"])
        analysis.surfaces = Counter({(key, surface): uses for key, surface, uses in data["surfaces"]})
        analysis.themes = Counter(data["themes"])
        for name, wards in data["theme_wards"].items():
            analysis.theme_wards[name] = Counter(wards)
        for name, months in data["theme_months"].items():
            analysis.theme_months[name] = Counter(months)
        analysis.wards = Counter(data["wards"])
        return analysis


def analyse(texts, vocabulary, *, progress=None, every=1000):
    """The full analysis of `texts` (an iterable of Text): phrases found first, then every response counted.

    Answers are redacted and normalised in batches and split into segments (between punctuation); each distinct
    segment is tokenised, lemmatised and tagged once, phrase statistics count each distinct run with its
    frequency, and the counts are aggregated per distinct segment (`Analysis.add_many`).
    `progress(done, total)` is called as responses are counted, for long runs in the background.
    """
    with _cycle_collector_paused():
        return _analyse(list(texts), vocabulary, progress, every)


@contextmanager
def _cycle_collector_paused():
    """An analysis makes hundreds of thousands of small tuples, sets and lists and never a reference cycle. The
    cycle collector, which runs every 700 such allocations and walks every long-lived object each time, would
    spend a third of a large run finding nothing; it is paused for the run and carries on as before after it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _analyse(texts, vocabulary, progress, every):
    documents = []
    occurrences = Counter()  # of every segment of every answer
    for start in range(0, len(texts), BATCH):
        batch = _normalised_batch([t.text for t in texts[start : start + BATCH]])
        documents += batch.split(_DOCUMENT_BREAK)
        occurrences.update(batch.split(_BREAK))
    occurrences.pop(_SEPARATOR, None)
    runs_of = vocabulary.segment_runs
    weighted = Counter()
    for segment, times in occurrences.items():
        for run in runs_of[segment]:
            weighted[run] += times
    phrases = find_phrases((), fixed=vocabulary.fixed_phrases(), weighted_runs=weighted.items(), documents=len(texts))
    analysis = Analysis(vocabulary=vocabulary, phrases=phrases)
    if not progress:
        analysis.add_many(texts, documents, occurrences)
        return analysis
    step = max(every, 1)
    for start in range(0, len(texts), step):
        part = documents[start : start + step]
        analysis.add_many(
            texts[start : start + step], part, Counter(chain.from_iterable(d.split(_BREAK) for d in part))
        )
        progress(start + len(part), len(texts))
    return analysis


# 4. Comparing two rounds -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    name: str
    before: int
    before_share: float
    after: int
    after_share: float

    @property
    def points(self):
        """The change in percentage points of responses mentioning it."""
        return round(self.after_share - self.before_share, 1)

    @property
    def direction(self):
        if self.points > 0:
            return "rose"
        if self.points < 0:
            return "fell"
        return "no change"


def compare(before, before_total, after, after_total):
    """Each theme's share of responses in two survey rounds, biggest rise first, biggest fall last.

    Shares, not counts: a second round with twice the responses would otherwise show everything rising.
    """
    changes = []
    for name in sorted(set(before) | set(after)):
        b, a = before.get(name, 0), after.get(name, 0)
        changes.append(
            Change(
                name=name,
                before=b,
                before_share=round(100 * b / before_total, 1) if before_total else 0.0,
                after=a,
                after_share=round(100 * a / after_total, 1) if after_total else 0.0,
            )
        )
    return sorted(changes, key=lambda change: (-change.points, change.name))
