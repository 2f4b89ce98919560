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

import math
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

import simplemma
from nltk.collocations import BigramCollocationFinder, TrigramCollocationFinder
from nltk.metrics import BigramAssocMeasures, TrigramAssocMeasures
from nltk.tokenize import RegexpTokenizer
from wordcloud import STOPWORDS

from surveys.analysis.redaction import MASKS, redact

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

_TOKENISER = RegexpTokenizer(r"[a-z0-9]+(?:'[a-z]+)?|[.!?;:,()\[\]\"/&+]")
_BREAK = frozenset('.!?;:,()[]"/&+')
_DASHES = re.compile(r"[\u2010-\u2015\u2212_]")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
_URL = re.compile(r"https?://\S+|www\.\S+")
_MASK = re.compile("|".join(re.escape(mask) for mask in MASKS))
_HYPHEN = re.compile(r"(?<=[a-z])-(?=[a-z])")

MINIMUM_PHRASE_COUNT = 3
PHRASE_SHARE = 0.002  # a phrase must appear in at least 0.2% of responses (3 at the least)
SIGNIFICANCE = 10.83  # the likelihood ratio's chi-squared value for p < 0.001


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

    def fixed_phrases(self):
        """Multi-word main terms of synonym groups: always phrases, however rare."""
        return {tuple(lemma(w) for w in main) for _variant, main, _written in self.synonyms if len(main) > 1}

    def written(self):
        """{term key: the main term as the officer wrote it}: how a synonym group's term is always shown."""
        return {term_key(tuple(lemma(w) for w in main)): text for _variant, main, text in self.synonyms}


# 1. Normalising and tokenising -------------------------------------------------------------------------------


def normalise(text):
    """Redacted, lower-case text with plain quotes and hyphens, British spellings and no web addresses."""
    text = redact(text or "")
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    text = _MASK.sub(" . ", text)  # a masked detail is a break, never a word
    text = _URL.sub(" . ", text)
    text = _DASHES.sub("-", text).lower()
    text = _HYPHEN.sub(" ", text)  # "anti-social" -> "anti social", "fly-tipping" -> "fly tipping"
    return text


def words(text):
    """The words of a short text (a synonym, a theme term), normalised the same way as responses."""
    return [_spelling(token) for token in _TOKENISER.tokenize(normalise(text)) if token not in _BREAK]


def _spelling(token):
    token = token.replace("'", "")
    return SPELLINGS.get(token, token)


@lru_cache(maxsize=100_000)
def lemma(word):
    """The dictionary form that groups a word's variants ("cars" -> "car", "burglaries" -> "burglary")."""
    if word in LEMMA_EXCEPTIONS:
        return LEMMA_EXCEPTIONS[word]
    if not word.isalpha() or len(word) < 4:
        return word
    return simplemma.lemmatize(word, lang="en").lower()


def _apply_synonyms(tokens, synonyms):
    """Replace each officer-listed variant with its main term's words (longest variant first)."""
    if not synonyms:
        return tokens
    out = []
    i = 0
    n = len(tokens)
    while i < n:
        for variant, main, _written in synonyms:
            size = len(variant)
            if tuple(tokens[i : i + size]) == variant:
                out.extend(main)
                i += size
                break
        else:
            out.append(tokens[i])
            i += 1
    return out


def chunks(text, vocabulary):
    """Runs of content words: [[(lemma, surface), ...], ...], broken at punctuation and stop-words."""
    tokens = [_spelling(token) if token not in _BREAK else token for token in _TOKENISER.tokenize(normalise(text))]
    tokens = _apply_synonyms(tokens, vocabulary.synonyms)
    runs = []
    run = []
    stop = vocabulary.stop_words
    for token in tokens:
        if token in _BREAK or token in stop or token.isdigit() or len(token) < 2:
            if run:
                runs.append(run)
                run = []
            continue
        key = lemma(token)
        if key in stop:
            if run:
                runs.append(run)
                run = []
            continue
        run.append((key, token))
    if run:
        runs.append(run)
    return runs


# 2. Phrases --------------------------------------------------------------------------------------------------


def phrase_threshold(documents):
    """The fewest responses a phrase must appear in: 3, or 0.2% of the responses if that is more."""
    return max(MINIMUM_PHRASE_COUNT, math.ceil(documents * PHRASE_SHARE))


def find_phrases(chunked_documents, *, fixed=frozenset()):
    """Bigrams and trigrams of lemmas that are phrases (collocations), plus the `fixed` ones.

    A pair is a phrase when it appears often enough (`phrase_threshold`) and its likelihood ratio says the words
    come together far more than chance (p < 0.001). A trigram is kept when its own ratio is significant and its
    count is at least half its more common inner pair's, so "anti social behaviour" wins over "anti social".
    """
    documents = [[key for key, _surface in run] for doc in chunked_documents for run in doc]
    total_docs = len(chunked_documents)
    minimum = phrase_threshold(total_docs)
    phrases = set(fixed)
    if not documents:
        return frozenset(phrases)
    bigrams = BigramCollocationFinder.from_documents(documents)
    bigrams.apply_freq_filter(minimum)
    bigrams.apply_word_filter(lambda w: len(w) < 2)
    for pair, score in bigrams.score_ngrams(BigramAssocMeasures.likelihood_ratio):
        if score >= SIGNIFICANCE and pair[0] != pair[1]:
            phrases |= {pair, pair[::-1]}
    trigrams = TrigramCollocationFinder.from_documents(documents)
    trigrams.apply_freq_filter(minimum)
    for triple, score in trigrams.score_ngrams(TrigramAssocMeasures.likelihood_ratio):
        if score < SIGNIFICANCE or len(set(triple)) < 3:
            continue
        count = trigrams.ngram_fd[triple]
        inner = max(bigrams.ngram_fd.get(triple[:2], 0), bigrams.ngram_fd.get(triple[1:], 0))
        if count * 2 >= inner:
            phrases.add(triple)
    return frozenset(phrases)


def term_key(lemmas):
    """A term's counting key. A pair counts the same in either order ("speeding cars", "cars speeding")."""
    if len(lemmas) == 2:
        lemmas = sorted(lemmas)
    return " ".join(lemmas)


def terms(runs, phrases):
    """A response's terms: [(key, surface)], phrases taken greedily (longest first) before single words."""
    found = []
    for run in runs:
        i = 0
        n = len(run)
        while i < n:
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
    return found


def themes_of(runs, themes):
    """The names of the themes whose words or phrases appear in a response's runs."""
    if not themes:
        return []
    grams = set()
    for run in runs:
        keys = [k for k, _s in run]
        for size in (1, 2, 3):
            for i in range(len(keys) - size + 1):
                grams.add(term_key(keys[i : i + size]))
    return [theme.name for theme in themes if any(term_key(term) in grams for term in theme.terms)]


# 3. Counting -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """One piece of free text to analyse: what was written, where (ward name) and when (a date)."""

    text: str
    ward: str = ""
    date: object = None  # datetime.date


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
    surfaces: dict = field(default_factory=lambda: defaultdict(Counter))  # term key -> {surface form: uses}
    themes: Counter = field(default_factory=Counter)  # theme name -> responses
    theme_wards: dict = field(default_factory=lambda: defaultdict(Counter))  # theme -> {ward: responses}
    theme_months: dict = field(default_factory=lambda: defaultdict(Counter))  # theme -> {"2026-05": responses}
    wards: Counter = field(default_factory=Counter)  # ward -> responses

    def __post_init__(self):
        self._written = self.vocabulary.written()

    def add(self, text, ward="", date=None, runs=None):
        """Count one response; return its (terms, themes)."""
        runs = chunks(text, self.vocabulary) if runs is None else runs
        found = terms(runs, self.phrases)
        self.responses += 1
        self.wards[ward or ""] += 1
        if found:
            self.with_terms += 1
        for key, surface in found:
            self.surfaces[key][surface] += 1
        self.counts.update({key for key, _surface in found})
        names = themes_of(runs, self.vocabulary.themes)
        month = f"{date:%Y-%m}" if date else ""
        for name in names:
            self.themes[name] += 1
            self.theme_wards[name][ward or ""] += 1
            if month:
                self.theme_months[name][month] += 1
        return found, names

    def label(self, key):
        """The way residents most often wrote a term (ties: the first seen); a synonym group's as the officer did."""
        written = self._written.get(key)
        if written:
            return written
        forms = self.surfaces.get(key)
        return forms.most_common(1)[0][0] if forms else key

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
            "surfaces": {k: dict(v) for k, v in self.surfaces.items()},
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
        for key, forms in data["surfaces"].items():
            analysis.surfaces[key] = Counter(forms)
        analysis.themes = Counter(data["themes"])
        for name, wards in data["theme_wards"].items():
            analysis.theme_wards[name] = Counter(wards)
        for name, months in data["theme_months"].items():
            analysis.theme_months[name] = Counter(months)
        analysis.wards = Counter(data["wards"])
        return analysis


def analyse(texts, vocabulary, *, progress=None, every=1000):
    """The full analysis of `texts` (an iterable of Text): phrases found first, then every response counted.

    `progress(done, total)` is called every `every` responses, for long runs in the background.
    """
    texts = list(texts)
    chunked = [chunks(t.text, vocabulary) for t in texts]
    phrases = find_phrases(chunked, fixed=vocabulary.fixed_phrases())
    analysis = Analysis(vocabulary=vocabulary, phrases=phrases)
    for done, (text, runs) in enumerate(zip(texts, chunked, strict=True), start=1):
        analysis.add(text.text, text.ward, text.date, runs=runs)
        if progress and done % every == 0:
            progress(done, len(texts))
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
