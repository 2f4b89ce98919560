"""Word cloud pictures (PNG and SVG) from the analysis's counts, and the words that describe them.

`wordcloud` draws from the frequencies the pipeline counted (never `generate()`, which would re-tokenise the
text its own way and invent phrases); it uses the font bundled with the package, so nothing is downloaded, and
the SVG carries that font inside it so every browser draws the same picture. Colours are dark enough to reach
4.5:1 against the white background (WCAG 2.2 AA 1.4.3, even for the smallest words), and never the only way
to read a count: the alt text names the top terms and the table beside the picture lists every count.
"""

import io
import random
from html import escape

from wordcloud import WordCloud

# Each at least 4.5:1 on white: GOV.UK black, dark blue, green, purple, brown and dark pink.
PALETTE = ("#0b0c0c", "#1d70b8", "#00703c", "#4c2c92", "#6f3612", "#a71d5d")
WIDTH = 900
HEIGHT = 480


def _colour(word, font_size, position, orientation, random_state=None, **kwargs):
    """A colour from the palette, chosen by the word itself, so a word keeps its colour between renders."""
    return PALETTE[sum(map(ord, word)) % len(PALETTE)]


def _cloud(frequencies):
    cloud = WordCloud(
        width=WIDTH,
        height=HEIGHT,
        background_color="white",
        color_func=_colour,
        prefer_horizontal=1.0,  # words on their side are hard to read
        max_words=len(frequencies) or 1,
        min_font_size=12,
        random_state=random.Random(2016),
        collocations=False,
        normalize_plurals=False,
    )
    return cloud.generate_from_frequencies(frequencies or {"no answers yet": 1})


def render(frequencies, *, title=""):
    """(PNG bytes, SVG text with the font embedded) for {label: count}; `title` names the SVG for screen readers."""
    cloud = _cloud(frequencies)
    buffer = io.BytesIO()
    cloud.to_image().save(buffer, format="PNG", optimize=True)
    svg = cloud.to_svg(embed_font=True)
    if title:
        opening = svg.index(">") + 1
        svg = svg[: opening - 1] + ' role="img">' + f"<title>{escape(title)}</title>" + svg[opening:]
    return buffer.getvalue(), svg


def alt_text(top_terms, *, responses, limit=5):
    """The picture in words: how many responses and the most mentioned terms with their counts."""
    if not top_terms:
        return "Word cloud: no words to show yet."
    named = [f"{term.label} ({term.count})" for term in top_terms[:limit]]
    listed = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
    return (
        f"Word cloud of the words and phrases residents used most in {responses} "
        f"{'answer' if responses == 1 else 'answers'}. Largest: {listed}. The table lists every count."
    )
