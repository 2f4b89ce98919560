"""Where things are: local authorities, their wards, and the postcodes residents type."""

from django.db import models

from core.querysets import PostcodeQuerySet


class LocalAuthority(models.Model):
    """A district or unitary council area, by its ONS (GSS) code, e.g. E06000042 Milton Keynes."""

    code = models.CharField(max_length=9, unique=True)
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "local authorities"

    def __str__(self):
        return self.name


class Ward(models.Model):
    """An electoral ward: the area residents recognise and partners report by (priorities, meetings, schemes)."""

    code = models.CharField(max_length=9, unique=True, help_text="ONS code, e.g. E05009401.")
    name = models.CharField(max_length=100)
    local_authority = models.ForeignKey(LocalAuthority, on_delete=models.PROTECT, related_name="wards")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Postcode(models.Model):
    """A postcode's ward and centre point, imported from the ONS Postcode Directory.

    It lets a resident type a postcode instead of choosing a ward, and find what is near them.
    """

    # Reference data behind postcode searches, never rendered on a kept page (core.caching): importing the ONS
    # directory does not empty the page cache.
    shown_on_public_pages = False

    postcode = models.CharField(max_length=8, unique=True, help_text="Normalised, e.g. MK9 3EJ.")
    ward = models.ForeignKey(Ward, null=True, blank=True, on_delete=models.SET_NULL, related_name="postcodes")
    latitude = models.DecimalField(max_digits=9, decimal_places=6)
    longitude = models.DecimalField(max_digits=9, decimal_places=6)

    objects = PostcodeQuerySet.as_manager()

    class Meta:
        ordering = ["postcode"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__gte=49, latitude__lte=61, longitude__gte=-9, longitude__lte=2),
                name="postcode_in_uk",
            )
        ]

    def __str__(self):
        return self.postcode
