"""Lists the partnership keeps in the admin: the kinds of venue that can be a Safe Place."""

from django.db import models


class VenueType(models.Model):
    """A kind of Safe Place (shop, café, library, pharmacy, council office ...), as residents see it in the finder."""

    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name
