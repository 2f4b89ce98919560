from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from core.blocks import BaseStreamBlock


class YouSaidWeDidBlock(blocks.StructBlock):
    """ "You said, we did" answers embedded in a page: chosen ones, or those about the page itself."""

    heading = blocks.CharBlock(default="You said, we did")
    items = blocks.ListBlock(
        SnippetChooserBlock("partnership.YouSaidWeDid"),
        required=False,
        help_text="Choose answers, or leave empty to show those about this page (its priority or its source).",
    )
    limit = blocks.IntegerBlock(default=5, min_value=1, max_value=20)

    class Meta:
        icon = "openquote"
        template = "partnership/blocks/you_said_we_did.html"

    def get_context(self, value, parent_context=None):
        from partnership.models import YouSaidWeDid

        context = super().get_context(value, parent_context=parent_context)
        chosen = [item for item in value["items"] if item is not None and item.is_public]
        if chosen:
            context["answers"] = chosen[: value["limit"]]
        else:
            page = (parent_context or {}).get("page")
            answers = YouSaidWeDid.objects.public().for_embedding()
            context["answers"] = list(answers.for_page(page)[: value["limit"]]) if page else []
        return context


class PartnershipStreamBlock(BaseStreamBlock):
    you_said_we_did = YouSaidWeDidBlock()
