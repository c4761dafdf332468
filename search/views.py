from django.views.generic import TemplateView

from core.pagecache import depends_on
from search.forms import SiteSearchForm
from search.groups import Results


class SearchView(TemplateView):
    """Everything the site's search finds, grouped: films, people, reviews, venues and
    screenings, members. Kept in the page cache for visitors, until one of the collections it
    shows changes."""

    template_name = "search/results.html"

    def get_context_data(self, **kwargs):
        form = SiteSearchForm(self.request.GET or None)
        depends_on("catalogue", "reviews", "screenings", "members", "users")
        results = Results(form.query)
        return super().get_context_data(form=form, results=results, **kwargs)
