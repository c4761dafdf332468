"""What the site's search finds, group by group: films, people, reviews, venues and screenings,
members. Each group is a few rows (GROUP_SIZE), best first, read in a fixed number of queries,
and each reuses its app's own rules: the catalogue's search (films.search), public reviews
(Review.objects.published), the members' list (members.index.public_member_ids)."""

from functools import cached_property, reduce
from operator import and_

from django.db.models import Q
from django.db.models.functions import Lower

from films.models import Film, Person
from films.search import query_words
from members.index import members
from reviews.models import Review
from screenings.models import ProgrammeItem, Screening, Venue

GROUP_SIZE = 5
# Members whose name matches are read in handle order up to this many, and the public ones among
# them shown (Results.members).
MEMBER_CANDIDATES = 100


def each_word(words, *fields):
    """Every word in one of `fields`, in any order (case folded)."""
    return reduce(
        and_,
        (reduce(lambda q, f: q | Q(**{f"{f}__icontains": word}), fields, Q()) for word in words),
        Q(),
    )


class Results:
    """The groups for `query`, each read only when the page shows it."""

    def __init__(self, query):
        self.query = query
        self.words = query_words(query)

    @cached_property
    def found_anything(self):
        groups = ("films", "people", "reviews", "venues", "screenings", "members")
        return bool(self.words) and any(getattr(self, group) for group in groups)

    @cached_property
    def suggestion(self):
        """When nothing is found: the query as it was likely meant ("Irma Vepp": "Irma Vep"),
        read only then (a search that finds something never pays for it), or None."""
        if self.found_anything or not self.words:
            return None
        return Film.objects.suggestion(self.query)

    @cached_property
    def matching_films(self):
        return Film.objects.search(self.query)

    @cached_property
    def films(self):
        return list(
            self.matching_films.only(
                "title", "slug", "year", "original_title", "original_title_lang", "kind"
            )[:GROUP_SIZE]
        )

    @cached_property
    def people(self):
        return list(
            Person.objects.search(self.query).only(
                "name", "slug", "native_name", "native_name_lang"
            )[:GROUP_SIZE]
        )

    @cached_property
    def reviews(self):
        """Public reviews of the films found, or whose title has every word."""
        films = self.matching_films.values("pk")
        return list(
            Review.objects.published()
            .with_text()
            .filter(Q(film__in=films) | each_word(self.words, "title"))
            .select_related("film", "author")
            .order_by("-published_at", "-pk")[:GROUP_SIZE]
        )

    @cached_property
    def venue_matches(self):
        return Venue.objects.filter(each_word(self.words, "name", "neighbourhood", "city"))

    @cached_property
    def venues(self):
        return list(self.venue_matches.order_by("name", "pk")[:GROUP_SIZE])

    @cached_property
    def screenings(self):
        """Screenings of the films found, or at the venues found, newest first."""
        programmes = ProgrammeItem.objects.filter(film__in=self.matching_films.values("pk"))
        return list(
            Screening.objects.filter(
                Q(pk__in=programmes.values("screening"))
                | Q(venue__in=self.venue_matches.values("pk"))
            )
            .for_list()
            .order_by("-starts_at", "-pk")[:GROUP_SIZE]
        )

    @cached_property
    def members(self):
        """Public members (the members' list's rule) whose handle or display name has every
        word, in handle order. The first MEMBER_CANDIDATES whose name matches are read, then
        who among them is public is asked of them alone, by their keys: PostgreSQL then looks
        each one's reviews and comments up by index. (Asked in the same query as the name, it
        guessed thousands of matching names and read all 100,000 reviews instead: 130 ms for
        "love".) A name that matches more members than that may leave some public ones out."""
        candidates = list(
            members()
            .filter(each_word(self.words, "username", "display_name"), is_active=True)
            .order_by(Lower("username"), "pk")
            .values_list("pk", flat=True)[:MEMBER_CANDIDATES]
        )
        if not candidates:
            return []
        return list(
            members()
            .filter(pk__in=candidates)
            .public(few=True)
            .only("username", "display_name", "avatar")
            .order_by(Lower("username"), "pk")[:GROUP_SIZE]
        )
