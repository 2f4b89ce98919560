from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from partnership.models import AdviceTopic, PartnerAgency, SearchSynonym, YouSaidWeDid


class PartnerAgencyViewSet(SnippetViewSet):
    model = PartnerAgency
    icon = "group"
    list_display = ["name", "short_name", "kind", "statutory"]
    list_filter = ["kind", "statutory"]
    search_fields = ["name", "short_name"]


class AdviceTopicViewSet(SnippetViewSet):
    model = AdviceTopic
    icon = "tag"
    list_display = ["name", "slug", "sort_order"]


class SearchSynonymViewSet(SnippetViewSet):
    model = SearchSynonym
    icon = "search"
    menu_label = "Search synonyms"


class YouSaidWeDidViewSet(SnippetViewSet):
    model = YouSaidWeDid
    icon = "openquote"
    menu_label = "You said, we did"
    list_display = ["__str__", "status", "source", "priority", "date", "is_public"]
    list_filter = ["status", "source", "is_public"]
    search_fields = ["you_said"]


class PartnershipGroup(SnippetViewSetGroup):
    menu_label = "Partnership"
    menu_icon = "group"
    menu_order = 300
    items = (YouSaidWeDidViewSet, PartnerAgencyViewSet, AdviceTopicViewSet, SearchSynonymViewSet)


register_snippet(PartnershipGroup)
