from .records import ACCESSIBILITY_FEATURES, HoursException, Venue, VenueConcern
from .site_settings import SafePlacesSettings
from .snippets import VenueType

__all__ = ["ACCESSIBILITY_FEATURES", "HoursException", "SafePlacesSettings", "Venue", "VenueConcern", "VenueType"]
