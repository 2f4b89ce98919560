from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.timezone import make_aware


class NewsFeed(Feed):
    """The partnership's news as an Atom feed, for residents' feed readers and partners' websites."""

    feed_type = Atom1Feed
    limit = 20

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return self.index_page.title

    def subtitle(self):
        return self.index_page.intro or self.index_page.title

    def link(self):
        return self.index_page.get_url(self.request)

    def feed_url(self):
        return self.index_page.get_url(self.request) + "feed/"

    def items(self):
        return self.index_page.news().prefetch_related("tags")[: self.limit]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return make_aware(datetime.combine(item.date, time(9, 0)))

    def item_updateddate(self, item):
        return item.last_published_at or self.item_pubdate(item)

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]
