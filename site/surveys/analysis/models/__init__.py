from surveys.analysis.models.records import CachedAnalysis, ConcernPublication, ImportedText, TextSet
from surveys.analysis.models.snippets import StopWord, SynonymGroup, Theme

__all__ = [
    "CachedAnalysis",
    "ConcernPublication",
    "ImportedText",
    "StopWord",
    "SynonymGroup",
    "TextSet",
    "Theme",
]
