"""Benchmark: the concern analysis of 40,000 written answers against `WordCloud().generate()` on the same text.

    .venv/bin/python bench/concerns.py                      # 40,000 answers
    .venv/bin/python bench/concerns.py --responses 5000     # quicker

It generates answers to seed 004's question ("what are the issues in your neighbourhood that cause you
concern?") from a fixed random seed: one to three concerns each, written the many ways residents write them
(plurals, hyphens, "ASB", American spellings, filler words, the odd street address or phone number), so nearly
every answer is different. Then, in one process, interleaved (A B A B) because these machines' speed swings:

  analysis    surveys.analysis.policies.analyse: redaction, tokens, lemmas, stop-words, synonyms, collocation
              phrases, counts per answer, themes by ward and month, and the top 50
  wordcloud   WordCloud().generate(text) on the same answers joined: wordcloud's own tokenising, counting and
              picture layout (what a hand-made cloud in seed 004 would have used)

Each analysis round starts cold, as a run in production does: the vocabulary is built afresh (its caches of
tokens and segments empty) and no lemma is remembered from the last round. The answers' phrases are the demo
survey's (`surveys.demo.CONCERN_PHRASES`, one list for both) plus a few other ways of writing the same concerns.

It prints each one's best time, the ratio (wordcloud / analysis; the target is at least 3), the same in CPU
seconds (steadier on a shared machine: the wall clock also counts waiting for a core), the time to draw our
cloud from the counted frequencies, the time to add one new answer to the counts without a full run, and the
peak Python memory (tracemalloc) of the analysis. `run()` returns the same figures as a dict for bench/all.py.
Run on its own, it sets Django up with the test settings (the demo module imports the surveys app's models).
"""

import argparse
import datetime
import logging
import os
import random
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "site") not in sys.path:
    sys.path[:0] = [str(ROOT / "site"), str(ROOT)]

# The demo survey's concerns (surveys.demo.CONCERN_PHRASES), plus the same concerns written the other ways
# residents write them, so spellings, hyphens and "ASB" are merged by the analysis being measured.
WRITTEN_OTHERWISE = [
    "speeding car outside the shops",
    "anti-social behaviour by groups of youths at night",
    "ASB near the local centre",
    "antisocial behavior at the play park",
]
OPENERS = [""] * 12 + ["Mainly ", "Definitely ", "The main issue is ", "I worry about ", "Too much ", "Constant "]
CLOSERS = [""] * 14 + [" every weekend", " all the time", " since last summer", " it is getting worse", " again"]
PLACES = ["Bletchley", "Wolverton", "Fishermead", "Netherfield", "Conniburrow", "Olney", "Newport Pagnell", "Oakgrove"]
PERSONAL = ["ring me on 07700 900{:03d}", "at {} Saxon Gate", "email me at resident{}@example.org", "van AB{:02d} CDE"]
WARDS = [f"Ward {n}" for n in range(19)]
SYNONYMS = [("anti-social behaviour", ["ASB", "antisocial behaviour", "antisocial behavior"])]
THEMES = [
    ("Anti-social behaviour", ["anti-social behaviour", "graffiti", "youths"]),
    ("Speeding and parking", ["speeding", "speed", "parking"]),
    ("Drugs", ["drug dealing", "drugs", "drug"]),
    ("Burglary", ["burglary"]),
    ("Litter and fly-tipping", ["fly tipping", "litter", "dog fouling"]),
    ("Street lighting", ["street lights", "street lighting"]),
    ("Police visibility", ["police presence", "police officer"]),
    ("Noise", ["noise", "motorbikes"]),
]


def generate(count, seed=2016):
    """`count` answers (pipeline Texts) with wards and dates, nearly all different."""
    from surveys.analysis.policies import Text

    concerns = concern_phrases()
    rng = random.Random(seed)
    start = datetime.date(2026, 5, 1)
    texts = []
    for i in range(count):
        parts = []
        for concern in rng.sample(concerns, rng.randint(1, 3)):
            text = rng.choice(OPENERS) + concern + rng.choice(CLOSERS)
            if rng.random() < 0.3:
                text += f" in {rng.choice(PLACES)}"
            parts.append(text)
        if rng.random() < 0.05:
            parts.append(rng.choice(PERSONAL).format(rng.randint(1, 99)))
        answer = ". ".join(p[0].upper() + p[1:] for p in parts) + "."
        texts.append(Text(answer, ward=rng.choice(WARDS), date=start + datetime.timedelta(days=i % 120)))
    return texts


def concern_phrases():
    """The demo's concern phrases (one list for the demo and this benchmark) and the other ways of writing them."""
    import django
    from django.apps import apps

    if not apps.ready:  # run on its own: the demo module imports the surveys app's models
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
        django.setup()
    from surveys.demo import CONCERN_PHRASES

    return [*CONCERN_PHRASES, *WRITTEN_OTHERWISE]


def timed(work):
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def timed_with_cpu(work):
    """(wall seconds, CPU seconds of this process, result): on a shared machine the wall clock includes time spent
    waiting for a core, the CPU time does not, so it is the steadier of the two."""
    cpu = time.process_time()
    seconds, result = timed(work)
    return seconds, time.process_time() - cpu, result


def run(responses=40_000, rounds=3):
    """Measure and return the figures (seconds, ratio, MiB); see the module's docstring."""
    from wordcloud import WordCloud

    from surveys.analysis import cloud, policies

    texts = generate(responses)
    joined = "\n".join(t.text for t in texts)
    policies.Vocabulary.build(synonyms=SYNONYMS, themes=THEMES)  # simplemma loads its dictionary once a process

    def analysis():
        # Every round starts cold, as a run in production does: a vocabulary built from the lists (with its
        # caches of tokens and segments empty) and no lemma remembered from the last round.
        policies.lemma.cache_clear()
        vocabulary = policies.Vocabulary.build(synonyms=SYNONYMS, themes=THEMES)
        result = policies.analyse(texts, vocabulary)
        result.top(50)
        return result

    analysis_times, wordcloud_times, analysis_cpu, wordcloud_cpu = [], [], [], []
    result = None
    for _ in range(rounds):
        seconds, cpu, result = timed_with_cpu(analysis)
        analysis_times.append(seconds)
        analysis_cpu.append(cpu)
        seconds, cpu, _cloud = timed_with_cpu(lambda: WordCloud().generate(joined))
        wordcloud_times.append(seconds)
        wordcloud_cpu.append(cpu)

    tracemalloc.start()
    analysis()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    draw_seconds, _pictures = timed(lambda: cloud.render(result.frequencies(100)))
    before = result.counts.get("car speed", 0)
    new_answer = "Speeding cars and fly tipping near the school."
    add_seconds, _found = timed(lambda: result.add(new_answer, "Ward 3", datetime.date(2026, 9, 1)))
    assert result.counts["car speed"] == before + 1, "the new answer was not counted"

    best_analysis, best_wordcloud = min(analysis_times), min(wordcloud_times)
    return {
        "responses": responses,
        "analysis_seconds": round(best_analysis, 3),
        "wordcloud_seconds": round(best_wordcloud, 3),
        "ratio": round(best_wordcloud / best_analysis, 2),
        "analysis_cpu_seconds": round(min(analysis_cpu), 3),
        "wordcloud_cpu_seconds": round(min(wordcloud_cpu), 3),
        "cpu_ratio": round(min(wordcloud_cpu) / min(analysis_cpu), 2),
        "draw_seconds": round(draw_seconds, 3),
        "incremental_ms": round(add_seconds * 1000, 3),
        "peak_mib": round(peak / 2**20, 1),
        "top": [(t.label, t.count) for t in result.top(5)],
    }


def main():
    logging.getLogger("fontTools").setLevel(logging.WARNING)  # the SVG's font subsetting talks at debug level
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--responses", type=int, default=40_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    figures = run(args.responses, args.rounds)
    print(f"Concern analysis of {figures['responses']:,} generated answers (best of {args.rounds}, interleaved)")
    print(f"  analysis (pipeline, phrases, themes, top 50)  {figures['analysis_seconds']:8.3f} s")
    print(f"  WordCloud().generate() on the same text       {figures['wordcloud_seconds']:8.3f} s")
    print(f"  ratio wordcloud / analysis                    {figures['ratio']:8.2f} x   (target: at least 3)")
    print(
        f"  the same in CPU seconds: analysis {figures['analysis_cpu_seconds']:.3f} s, "
        f"WordCloud {figures['wordcloud_cpu_seconds']:.3f} s, ratio {figures['cpu_ratio']:.2f} x"
    )
    print(f"  drawing our cloud from the counts (PNG, SVG)  {figures['draw_seconds']:8.3f} s")
    print(f"  one new answer added to the counts            {figures['incremental_ms']:8.3f} ms")
    print(f"  peak Python memory of the analysis            {figures['peak_mib']:8.1f} MiB")
    print("  top terms: " + ", ".join(f"{label} ({count})" for label, count in figures["top"]))


if __name__ == "__main__":
    main()
