from watch_schemes.models.records import (
    CoordinatorChange,
    Member,
    SchemeCoordinator,
    SchemeMessage,
    SchemeStatus,
    SchemeType,
    Verification,
    WatchScheme,
)

__all__ = [
    "CoordinatorChange",
    "Member",
    "SchemeCoordinator",
    "SchemeMessage",
    "SchemeStatus",
    "SchemeType",
    "Verification",
    "WatchScheme",
]
