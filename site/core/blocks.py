"""The content blocks every editor page is written with, each rendered as a GOV.UK Frontend component."""

from django.conf import settings
from django.utils.module_loading import import_string
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    heading_text = blocks.CharBlock(required=True)
    size = blocks.ChoiceBlock(
        choices=[("l", "Large (section)"), ("m", "Medium"), ("s", "Small")],
        default="m",
        help_text="Headings must follow each other in order: large, then medium, then small.",
    )

    class Meta:
        icon = "title"
        template = "components/streamfield/blocks/heading.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(required=True)
    alt_text = blocks.CharBlock(
        required=False,
        help_text="Describe what the picture shows for people who cannot see it. Leave empty only if it is decorative.",
    )
    caption = blocks.CharBlock(required=False)

    class Meta:
        icon = "image"
        template = "components/streamfield/blocks/image.html"


class DetailsBlock(blocks.StructBlock):
    summary = blocks.CharBlock(required=True)
    content = blocks.RichTextBlock(features=["bold", "link", "ol", "ul"])

    class Meta:
        icon = "collapse-down"
        template = "components/streamfield/blocks/details.html"


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(required=True, help_text="Say what happens, e.g. 'Book a seat'.")
    page = blocks.PageChooserBlock(required=False)
    url = blocks.URLBlock(required=False, help_text="Only when the link leaves this site.")

    class Meta:
        icon = "link"
        template = "components/streamfield/blocks/call_to_action.html"

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise blocks.StructBlockValidationError(
                block_errors={"page": ["Choose a page on this site or enter a web address, not both."]}
            )
        return value


def blocks_from_feature_apps():
    """Blocks a feature app offers every page (the surveys app's quick poll), named in `settings.PAGE_EMBED_BLOCKS`.

    The kernel may not import a feature app, yet every page (the home page, a standard page, a priority, a
    consultation) should be able to embed a quick poll. The settings, which know every installed app, say which
    blocks join; the kernel only reads their names.
    """
    return [
        (name, import_string(path)(label=label))
        for name, (path, label) in getattr(settings, "PAGE_EMBED_BLOCKS", {}).items()
    ]


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "document-link", "ol", "ul"],
        icon="pilcrow",
        template="components/streamfield/blocks/paragraph.html",
    )
    image = ImageBlock()
    inset_text = blocks.RichTextBlock(
        features=["bold", "link"], icon="doc-full", template="components/streamfield/blocks/inset_text.html"
    )
    warning_text = blocks.CharBlock(icon="warning", template="components/streamfield/blocks/warning_text.html")
    details = DetailsBlock()
    call_to_action = CallToActionBlock()

    def __init__(self, local_blocks=None, **kwargs):
        super().__init__([*blocks_from_feature_apps(), *(local_blocks or [])], **kwargs)
