from core.forms import SearchBoxForm


class SiteSearchForm(SearchBoxForm):
    """The site's search box (the header's, and the results page's)."""

    label = "Films, people, reviews, places, members"
    placeholder = "A film, a person, a place… (Li Ming, 甜蜜蜜)"
