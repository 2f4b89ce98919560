"""What an analysis shows: the top words and phrases, the themes (with their priorities), by ward and over time.

For the public results page (`public=True`) every count of 1 to 4 is suppressed: such terms and wards are left
out of the table and the cloud, and a theme mentioned by fewer than 5 residents says "fewer than 5".
"""

import datetime
from dataclasses import dataclass, field

from surveys import policies as survey_policies
from surveys.analysis import cloud, policies
from surveys.analysis.models import Theme

TOP = 50


@dataclass
class ThemeRow:
    name: str
    count: int | None  # None: suppressed
    share: float | None
    priority_title: str = ""
    priority_url: str = ""


@dataclass
class Matrix:
    """A table of theme counts: one row per ward or month, one column per theme."""

    columns: list
    rows: list = field(default_factory=list)  # [(label, [count or None, ...])]


@dataclass
class Presented:
    responses: int
    with_terms: int
    top: list
    alt: str
    themes: list
    by_ward: Matrix
    by_month: Matrix
    public: bool


def present(cached, vocab, *, public=False):
    analysis = policies.Analysis.from_dict(cached.result, vocab)
    minimum = survey_policies.SUPPRESSION_THRESHOLD if public else 1
    top = analysis.top(TOP, minimum=minimum)
    theme_objects = {t.name: t for t in Theme.objects.select_related("priority")}
    names = [name for name in theme_objects if analysis.themes.get(name)]
    names += sorted(name for name in analysis.themes if name not in theme_objects)
    rows = []
    for name in sorted(names, key=lambda n: (-analysis.themes[n], n)):
        count = _shown(analysis.themes[name], public)
        theme = theme_objects.get(name)
        priority = theme.priority if theme and theme.priority_id and theme.priority.live else None
        rows.append(
            ThemeRow(
                name=name,
                count=count,
                share=survey_policies.percentage(count, analysis.responses) if count is not None else None,
                priority_title=priority.title if priority else "",
                priority_url=priority.url if priority else "",
            )
        )
    shown_names = [row.name for row in rows]
    by_ward = Matrix(columns=shown_names)
    for ward in sorted(w for w in analysis.wards if w):
        by_ward.rows.append((ward, [_shown(analysis.theme_wards[n].get(ward, 0), public) for n in shown_names]))
    by_month = Matrix(columns=shown_names)
    months = sorted({m for n in shown_names for m in analysis.theme_months.get(n, {})})
    for month in months:
        label = datetime.date.fromisoformat(month + "-01").strftime("%B %Y")
        by_month.rows.append((label, [_shown(analysis.theme_months[n].get(month, 0), public) for n in shown_names]))
    return Presented(
        responses=analysis.responses,
        with_terms=analysis.with_terms,
        top=top,
        alt=cloud.alt_text(top, responses=analysis.responses),
        themes=rows,
        by_ward=by_ward,
        by_month=by_month,
        public=public,
    )


def _shown(count, public):
    return survey_policies.suppress(count) if public else count
