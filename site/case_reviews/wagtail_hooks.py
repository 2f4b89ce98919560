"""ASB Case Reviews in the Wagtail admin: the cases desk (for case officers and partnership admins only), and the
lists they keep: the relevant bodies told of every application, the letters' words, notes on the statistics and the
PCC areas the statistics are split by."""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from case_reviews.letters import DEFAULT_LETTERS
from case_reviews.models import LetterTemplate, PccArea, RelevantBody, YearNote


class CasesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("case_reviews.see_cases")


@hooks.register("register_admin_menu_item")
def register_cases_desk():
    return CasesMenuItem("ASB case reviews", reverse("case_reviews:cases"), icon_name="warning", name="case-reviews",
                         order=360)  # fmt: skip


class RelevantBodyViewSet(SnippetViewSet):
    model = RelevantBody
    icon = "group"
    menu_label = "Relevant bodies"
    list_display = ["name", "kind", "email", "active"]
    panels = [FieldPanel("name"), FieldPanel("kind"), FieldPanel("email"), FieldPanel("active")]


class LetterTemplateViewSet(SnippetViewSet):
    """The words of each letter. Keys: """ + ", ".join([*DEFAULT_LETTERS, "partner_letter"]) + "."

    model = LetterTemplate
    icon = "mail"
    menu_label = "Letters to applicants"
    list_display = ["key", "subject"]
    panels = [FieldPanel("key"), FieldPanel("subject"), FieldPanel("body")]


class YearNoteViewSet(SnippetViewSet):
    model = YearNote
    icon = "doc-full"
    menu_label = "Notes on the statistics"
    list_display = ["year_starting", "note"]


class PccAreaViewSet(SnippetViewSet):
    """The Police and Crime Commissioner areas the cases fall in, for the statistics split (CT-107)."""

    model = PccArea
    icon = "site"
    menu_label = "PCC areas"
    list_display = ["name"]
    panels = [FieldPanel("name"), FieldPanel("local_authorities")]


class CaseReviewGroup(SnippetViewSetGroup):
    menu_label = "Case review lists"
    menu_icon = "warning"
    menu_order = 361
    items = (RelevantBodyViewSet, LetterTemplateViewSet, YearNoteViewSet, PccAreaViewSet)


register_snippet(CaseReviewGroup)
