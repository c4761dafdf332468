"""What every template may read."""

from django.http import QueryDict

from core.pagecache import page_query


def page_links(request):
    """`page_query`: the parameters the page reads (PAGE_PARAMETERS), its page number left out,
    tracking and made-up ones never: the base of the pagination's links ({% querystring %}), so
    that a page kept in the cache never links on with the parameters of whoever filled it."""
    return {"page_query": QueryDict(page_query(request, leave_out={"page"}))}
