from functools import wraps

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.views.generic import ListView

from core.pagecache import depends_on
from core.ratelimit import limited, member_post, over_limit, refuse
from films.models import Film
from seasons import counting, models
from seasons.forms import BallotForm, SuggestionForm
from seasons.models import (
    Season,
    Second,
    Suggestion,
    cast_ballot,
    has_voted,
    ranking_of,
)

# How many catalogue films the suggestion page's search lists.
SEARCH_RESULTS = 20


def public_season(slug):
    return get_object_or_404(Season.objects.public(), slug=slug)


def while_season(is_open, closed):
    """For a view of one stage of a season (suggesting, voting): the view is given the public
    season of the URL's slug, and while `is_open` (a Season attribute) is false, the visitor goes
    back to the season's page told `closed` (formatted with the season)."""

    def decorate(view):
        @wraps(view)
        def season_view(request, slug, **kwargs):
            season = public_season(slug)
            if not getattr(season, is_open):
                messages.error(request, closed.format(season=season))
                return redirect(season)
            return view(request, season, **kwargs)

        return season_view

    return decorate


taking_suggestions = while_season("takes_suggestions", "{season} is not taking suggestions.")
# Withdrawing a suggestion or taking back a second, once the season has moved on.
still_taking_suggestions = while_season(
    "takes_suggestions",
    "{season} is no longer taking suggestions: suggestions and seconds stand as they are.",
)


class SeasonListView(ListView):
    template_name = "seasons/season_list.html"
    context_object_name = "seasons"
    paginate_by = 20
    extra_context = {
        "share_description": "The members choose the club’s seasons: suggest, second, vote."
    }

    def get_queryset(self):
        depends_on("seasons")
        depends_on("screenings")  # the venues' names
        return Season.objects.public().prefetch_related("venues").order_by("-starts_on", "pk")


def season_detail(request, slug):
    season = get_object_or_404(Season.objects.public().prefetch_related("venues"), slug=slug)
    depends_on("seasons", "screenings", "catalogue")  # venues' and films' names too
    suggestions = list(season.suggestions.for_page())
    user = request.user
    seconded, withdrawable = set(), set()
    if user.is_authenticated and season.takes_suggestions:
        seconded = set(
            Second.objects.filter(suggestion__season=season, user=user).values_list(
                "suggestion_id", flat=True
            )
        )
        withdrawable = {s.pk for s in suggestions if not s.withdrawal_refused(user)}
    table = list(season.suggestions.season_table()) if season.is_closed else []
    depends_on(*(f"screening:{row.screening_id}" for row in table))  # their grades
    return render(
        request,
        "seasons/season_detail.html",
        {
            "season": season,
            "suggestions": suggestions,
            "shortlist": [s for s in suggestions if s.is_shortlisted],
            "not_shortlisted": [s for s in suggestions if not s.is_shortlisted],
            "seconded": seconded,
            "withdrawable": withdrawable,
            "has_voted": season.takes_votes and has_voted(season, user),
            "table": table,
        },
    )


@login_required
@limited("season-suggest", shows_form=True)
@taking_suggestions
def suggest(request, season):
    form = SuggestionForm(request.POST or None, initial={"film": request.GET.get("film")})
    if request.method == "POST" and not over_limit(request, form) and form.is_valid():
        data = form.cleaned_data
        suggestion = Suggestion(
            season=season,
            suggested_by=request.user,
            film=data["film"],
            title=data["title"].strip(),
            year=data["year"],
            pitch=data["pitch"],
        )
        try:
            suggestion.full_clean()
            with transaction.atomic():
                suggestion.save()
        except ValidationError as error:
            form.add_error(None, " ".join(error.messages))
        except IntegrityError:  # the same film, suggested by someone else a moment ago
            form.add_error(None, "This film has just been suggested: second it instead.")
        else:
            messages.success(request, f"You suggested {suggestion} for {season}.")
            return redirect(season)
    if request.method == "POST":  # shown again with its errors: not a suggestion made
        refuse(request)
    query = request.GET.get("q", "").strip()[:200]
    chosen = form["film"].value()
    if chosen:  # a catalogue film: no title or year to give
        for name in ("title", "year"):
            form.fields[name].widget = forms.HiddenInput()
    return render(
        request,
        "seasons/suggest.html",
        {
            "season": season,
            "form": form,
            "query": query,
            "films": list(Film.objects.search(query).order_by("title")[:SEARCH_RESULTS])
            if query
            else [],
            "chosen": Film.objects.filter(slug=chosen).first() if chosen else None,
        },
    )


@member_post("season-second")
@taking_suggestions
def second(request, season, pk):
    suggestion = get_object_or_404(Suggestion, season=season, pk=pk)
    if suggestion.suggested_by_id == request.user.pk:
        messages.error(request, "You suggested it: others second it.")
    else:
        try:
            _second, created = Second.objects.get_or_create(
                suggestion=suggestion, user=request.user
            )
        except IntegrityError:  # withdrawn by its suggester a moment ago
            messages.error(request, f"{suggestion} has just been withdrawn.")
        else:
            if created:
                messages.success(request, f"You seconded {suggestion}.")
            else:
                messages.info(request, f"You had already seconded {suggestion}.")
    return redirect(season)


def undoing(action, done):
    """The view of a member undoing their own part in a season's suggestion by `action` (a
    function of the suggestion and the user raising ValidationError), while the season takes
    suggestions: POST only, counted against seconding's limit (the same few clicks); `done`
    (formatted with the suggestion and the season), or why not, on the season's page."""

    @member_post("season-second")
    @still_taking_suggestions
    def undo(request, season, pk):
        suggestion = get_object_or_404(
            Suggestion.objects.select_related("film"), season=season, pk=pk
        )
        try:
            action(suggestion=suggestion, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, done.format(suggestion=suggestion, season=season))
        return redirect(season)

    return undo


take_back_second = undoing(models.take_back_second, "You took back your second of {suggestion}.")
withdraw = undoing(models.withdraw_suggestion, "You withdrew {suggestion} from {season}.")


@login_required
@limited("season-vote", shows_form=True)
@while_season("takes_votes", "Voting for {season} is not open.")
def vote(request, season):
    shortlist = list(season.shortlist())
    form = BallotForm(
        request.POST or None, shortlist=shortlist, ranking=ranking_of(season, request.user)
    )
    if request.method == "POST" and not over_limit(request, form) and form.is_valid():
        try:
            cast_ballot(season=season, user=request.user, ranking=form.cleaned_data["ranking"])
        except ValidationError as error:
            form.add_error(None, " ".join(error.messages))
        else:
            messages.success(
                request, "Your ballot is saved. You may change it until voting closes."
            )
            return redirect("seasons:vote", slug=season.slug)
    if request.method == "POST":  # shown again with its errors: no ballot cast
        refuse(request)
    return render(
        request,
        "seasons/ballot.html",
        {"season": season, "form": form, "has_voted": has_voted(season, request.user)},
    )


@while_season("has_results", "The results of {season} appear here when voting closes.")
def results(request, season):
    depends_on("seasons", "screenings", "catalogue")
    suggestions = {
        s.pk: s
        for s in season.suggestions.filter(is_shortlisted=True).select_related(
            "film", "suggested_by", "screening"
        )
    }
    return render(
        request,
        "seasons/results.html",
        {
            "season": season,
            "rounds": readable_rounds(season.results, suggestions),
            "winners": [suggestions[pk] for pk in season.results["elected"] if pk in suggestions],
            "data": season.results,
        },
    )


# The results page's sentence for each tie rule of the count (seasons.counting).
TIE_SENTENCES = {
    counting.TIE_EARLIER_ROUND: "There was a tie for fewest votes: of those tied, the film with "
    "fewer votes in an earlier round went out.",
    counting.TIE_SUGGESTED_LATER: "There was a tie for fewest votes: of those tied, the film "
    "suggested later went out.",
    counting.TIE_LOT: "There was a tie for fewest votes that neither an earlier round nor the "
    "order of suggestion broke: it was decided by lot, drawn from the season’s name.",
    counting.TIE_ELECTED_TOGETHER: "Films chosen together with equal votes are listed in the order "
    "the tie rules give.",
}


def readable_rounds(data, suggestions):
    """The stored rounds with each candidate's suggestion, for the results page."""
    rounds = []
    for r in data["rounds"]:
        rows = sorted(r["votes"], key=lambda row: -row[1])
        rounds.append(
            {
                "number": r["number"],
                "threshold": r["threshold"],
                "filled": filled_places(r, data["seats"]),
                "exhausted": r["exhausted"],
                "tie": TIE_SENTENCES.get(r["tie"], r["tie"]),
                "rows": [
                    {
                        "suggestion": suggestions.get(pk),
                        "votes": votes,
                        "elected": pk in r["elected"],
                        "eliminated": pk in r["eliminated"],
                    }
                    for pk, votes in rows
                ],
                "elected": [suggestions.get(pk) for pk in r["elected"]],
                "eliminated": [suggestions.get(pk) for pk in r["eliminated"]],
                "transfers": [
                    (suggestions.get(pk) if pk is not None else None, amount)
                    for pk, amount in r["transfers"]
                ],
            }
        )
    return rounds


def filled_places(stored_round, seats):
    """Whether the films of `stored_round` were chosen without reaching its threshold: no more
    were left than places (seasons.counting), so the results say so rather than "a film needs 2
    to be chosen" beside a film chosen with 1."""
    votes = dict(stored_round["votes"])
    threshold = stored_round["threshold"]
    short = [
        votes[pk] <= threshold if seats == 1 else votes[pk] < threshold
        for pk in stored_round["elected"]
    ]
    return bool(short) and all(short)
