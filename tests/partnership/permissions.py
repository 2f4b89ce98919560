"""Partnership content: communications officers write and submit, partnership admins may publish; case officers
and the public may do none of it. News, its feed and search are public and hold no personal data."""

from partnership.models import NewsIndexPage
from tests.partnership.factories import NewsIndexPageFactory, NewsPageFactory, PlanPageFactory
from tests.permissions import ANYONE, Matrix, Route, World, page_route_key, page_route_url

WRITERS = {"communications officer", "partnership admin"}


def world():
    from core.demo.loader import load_demo_data

    home = load_demo_data()
    plan = PlanPageFactory(parent=home, slug="test-plan")
    news = NewsIndexPageFactory(parent=home, slug="test-news", title="Test news")
    NewsPageFactory(parent=news, title="Street lights fixed on the Grid")
    return World(objects={"plan": plan, "news": news})


def news(name, label):
    return Route(page_route_key(NewsIndexPage, name), label, lambda w: page_route_url(w["news"], name), ANYONE)


MATRIX = Matrix(
    app="partnership",
    world=world,
    routes=[
        Route("partnership:search", "search the site", lambda w: "/search/?q=antisocial+behaviour", ANYONE),
        news("listing", "read the news"),
        news("index_route", "read the news (the page's own address)"),
        news("feed", "subscribe to the news feed"),
        Route("wagtailadmin_pages:add", "create a priority",
              lambda w: f"/admin/pages/add/partnership/prioritypage/{w['plan'].pk}/", WRITERS),
        Route("wagtailsnippets_partnership_yousaidwedid:add", "write a You said, we did answer",
              lambda w: "/admin/snippets/partnership/yousaidwedid/add/", WRITERS),
    ],
)  # fmt: skip
