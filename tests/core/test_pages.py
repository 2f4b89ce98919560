import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from core.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db


class TestPageTree(WagtailPageTestCase):
    def test_home_page_sits_at_the_root_only(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_standard_pages_can_be_created_under_the_home_page(self):
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanCreateAt(StandardPage, StandardPage)


def test_there_is_one_home_page(demo_site):
    assert HomePage.can_create_at(Page.get_first_root_node()) is False


def test_a_call_to_action_needs_exactly_one_destination():
    from wagtail.blocks import StructBlockValidationError

    from core.blocks import CallToActionBlock

    block = CallToActionBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"text": "Book a seat", "page": None, "url": ""}))
    assert block.clean(block.to_python({"text": "Read more", "page": None, "url": "https://example.org"}))
