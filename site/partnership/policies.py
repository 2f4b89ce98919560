"""Pure rules for the partnership's published work: how a priority's progress follows from its actions."""

from dataclasses import dataclass

PLANNED, IN_PROGRESS, DONE, STOPPED = "planned", "in_progress", "done", "stopped"


@dataclass(frozen=True)
class Progress:
    """How far a priority has got, derived from its actions' statuses (never typed in by an officer)."""

    total: int
    done: int
    in_progress: int
    planned: int
    stopped: int

    @property
    def counted(self):
        """Stopped actions no longer count towards completion: the partnership chose not to do them."""
        return self.total - self.stopped

    @property
    def percent(self):
        """Whole-number share of the counted actions that are done; None when nothing is counted."""
        if self.counted == 0:
            return None
        return round(100 * self.done / self.counted)

    @property
    def label(self):
        if self.total == 0:
            return "No actions yet"
        if self.counted == 0:
            return "All actions stopped"
        if self.done == self.counted:
            return "Complete"
        if self.done or self.in_progress:
            return "In progress"
        return "Not started"

    @property
    def summary(self):
        """The sentence residents read beside the bar, e.g. "3 of 5 actions done (1 stopped)"."""
        if self.total == 0:
            return "No actions have been set yet."
        text = f"{self.done} of {self.counted} action{'s' if self.counted != 1 else ''} done"
        if self.stopped:
            text += f" ({self.stopped} stopped)"
        return text + "."


def derive_progress(statuses):
    """Progress from an iterable of action statuses (planned, in_progress, done, stopped)."""
    statuses = list(statuses)
    unknown = set(statuses) - {PLANNED, IN_PROGRESS, DONE, STOPPED}
    if unknown:
        raise ValueError(f"Unknown action status: {', '.join(sorted(unknown))}")
    return Progress(
        total=len(statuses),
        done=statuses.count(DONE),
        in_progress=statuses.count(IN_PROGRESS),
        planned=statuses.count(PLANNED),
        stopped=statuses.count(STOPPED),
    )


def expand_search_terms(query, synonym_groups):
    """The query plus every synonym of any phrase it contains, so "community trigger" finds the ASB Case Review.

    `synonym_groups` is an iterable of sets of equivalent phrases (lower case). Matching is on whole words.
    Returns a list of distinct phrases, the original query first.

    Double quotes are dropped: the search engines read them as syntax (SQLite's full-text search failed on a
    query holding one), and a resident's quotes add nothing, since the words are matched as typed.
    """
    normalised = _search_words(query)
    padded = f" {normalised} "
    phrases = [normalised] if normalised else []
    for group in synonym_groups:
        terms = {_search_words(term) for term in group} - {""}
        if any(f" {term} " in padded for term in terms):
            phrases.extend(sorted(term for term in terms if term not in phrases))
    return phrases


def _search_words(text):
    return " ".join(text.replace('"', " ").lower().split())
