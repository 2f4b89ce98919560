from django.core.paginator import Paginator
from django.shortcuts import render
from wagtail.models import Site

from partnership.forms import SearchForm
from partnership.search import search_public_pages


def search(request):
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    page_obj = None
    if query:
        results = search_public_pages(query, site=Site.find_for_request(request))
        page_obj = Paginator(results, 10).get_page(request.GET.get("page"))
        page_obj.object_list = [result.specific for result in page_obj.object_list]
    return render(request, "partnership/search.html", {"form": form, "query": query, "page_obj": page_obj})
