"""The concern analysis in the Wagtail admin: a "Concerns" menu item for officers who read survey results, and
the lists they keep (themes, stop-words, synonyms) as snippets in one menu group."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from surveys.analysis import urls
from surveys.analysis.models import StopWord, SynonymGroup, Theme


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = "Themes"
    list_display = ["name", "priority"]
    search_fields = ["name", "terms"]


class StopWordViewSet(SnippetViewSet):
    model = StopWord
    icon = "cross"
    menu_label = "Stop-words"
    list_display = ["word"]
    search_fields = ["word"]


class SynonymGroupViewSet(SnippetViewSet):
    model = SynonymGroup
    icon = "link"
    menu_label = "Synonyms"
    list_display = ["term", "variants"]
    search_fields = ["term", "variants"]


class ConcernListsGroup(SnippetViewSetGroup):
    items = (ThemeViewSet, StopWordViewSet, SynonymGroupViewSet)
    menu_icon = "tag"
    menu_label = "Concern themes"
    menu_name = "concern-themes"
    menu_order = 302


register_snippet(ConcernListsGroup)


class ConcernsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("concern_analysis.see_concerns")


@hooks.register("register_admin_urls")
def concern_admin_urls():
    return [path("concerns/", include(urls, namespace="concern_analysis"))]


@hooks.register("register_admin_menu_item")
def concerns_menu_item():
    return ConcernsMenuItem(
        "Concerns", reverse("concern_analysis:concerns"), icon_name="doc-full", order=301, name="concerns"
    )
