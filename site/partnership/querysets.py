from functools import reduce
from operator import or_

from django.db import models
from django.db.models import Prefetch, Q
from django.utils import timezone
from wagtail.query import PageQuerySet


class PriorityPageQuerySet(PageQuerySet):
    def with_progress(self):
        """Bring each priority's action statuses in one extra query, so `.progress` costs nothing per page."""
        from partnership.models import PriorityAction

        return self.prefetch_related(
            Prefetch("actions", queryset=PriorityAction.objects.only("id", "page_id", "status", "sort_order"))
        )

    def current(self, today=None):
        """Live, public priorities of every plan whose period includes today, in the language being shown."""
        from core.locales import active_locale
        from partnership.models import PlanPage

        today = today or timezone.localdate()
        locale = active_locale()
        plans = (
            PlanPage.objects.live().public().filter(period_start__lte=today, period_end__gte=today, locale_id=locale.pk)
        )
        paths = list(plans.values_list("path", "depth"))
        if not paths:
            return self.none()
        under_a_plan = reduce(or_, (Q(path__startswith=path, depth=depth + 1) for path, depth in paths))
        return self.live().public().filter(under_a_plan).order_by("path")


class YouSaidWeDidQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)

    def for_listing(self):
        return self.select_related("priority", "source_page").prefetch_related("wards").order_by("-date", "-pk")

    def for_embedding(self):
        """What an answer embedded in a page shows (partnership/components/you_said_we_did_item.html): its words,
        status, date and source, and the title and address of its source page and priority, nothing more."""
        shown = ("you_said", "we_did", "status", "date", "source", "source_reference")
        pages = ("priority__title", "priority__url_path", "source_page__title", "source_page__url_path")
        return self.select_related("priority", "source_page").only(*shown, *pages).order_by("-date", "-pk")

    def filter_by(self, *, priority=None, ward=None):
        items = self
        if priority:
            items = items.filter(priority=priority)
        if ward:
            items = items.filter(wards=ward)
        return items

    def for_page(self, page):
        """Items about a priority page, or whose source is the given page (a consultation, a meeting)."""
        return self.filter(Q(priority_id=page.pk) | Q(source_page_id=page.pk))
