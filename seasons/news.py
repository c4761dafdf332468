"""What the members hear of a season: whose suggestion its count chose (told through
core.signals, which the notifications package hears; seasons do not know it)."""

from django.urls import reverse

from core.signals import news_for_members

# The notifications Kind of this news (notifications.models.Kind.SUGGESTION_CHOSEN).
CHOSEN = "chosen"


def tell_suggesters_of_winners(season):
    """(Inside the transaction that closes `season`) tell each member whose suggestion the
    count chose: once per suggestion, with the film, the season and a link to the results."""
    winners = (
        season.suggestions.filter(won_place__isnull=False, suggested_by__isnull=False)
        .select_related("film")
        .order_by("won_place")
    )
    results = reverse("seasons:results", kwargs={"slug": season.slug})
    for suggestion in winners:
        film = suggestion.film_title
        among = f", one of the {season.slots} films it chose" if season.slots > 1 else ""
        news_for_members.send(
            sender=type(suggestion),
            kind=CHOSEN,
            target=suggestion,
            members=[suggestion.suggested_by_id],
            subject=f"The members chose your suggestion: {film}",
            text=(
                f"The votes for {season.name} are counted, and the members chose {film}, "
                f"your suggestion{among}.\n\n"
                "The results, round by round, are on the season’s page. Staff schedule the "
                "chosen films next: the screening will be announced."
            ),
            url=results,
            key=[],
        )
