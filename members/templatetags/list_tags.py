"""Members' lists on a film's page: the public lists it is on, and the member's "Add to a list"
(the catalogue does not know members' lists)."""

from django import template
from django.db.models import Exists, OuterRef

from core.baked import baked
from members.models import ListEntry, MemberList

register = template.Library()

# How many of the lists a film is on its page names.
FILM_PAGE_LISTS = 10


@register.inclusion_tag("members/includes/film_member_lists.html", takes_context=True)
def film_member_lists(context, film):
    """The public lists `film` is on, most recently changed first, with their owners. Part of
    the film page everyone shares ({% shared %}): the member's own form is a member_part, given
    the visitor (an inclusion tag's template sees only what it is given)."""
    lists = list(public_lists_with(film.pk))
    return {
        "film": film,
        "lists": lists[:FILM_PAGE_LISTS],
        "more": len(lists) > FILM_PAGE_LISTS,
        **visitor(context),
    }


@register.inclusion_tag("members/includes/add_to_list.html", takes_context=True)
def add_to_list_form(context, film):
    """A signed-in member's form to put `film` on one of their lists (or start one with it)."""
    user, choices = context.get("user"), []
    if user is not None and user.is_authenticated:
        choices = list(own_lists_marking(user.pk, film.pk))
    on_all = bool(choices) and all(has_film for _pk, _title, has_film in choices)
    return {"film": film, "choices": choices, "on_all": on_all, **visitor(context)}


@baked
def public_lists_with(film_id):
    """The public lists the film is on (one more than the page names, to know there are more)."""
    lists = MemberList.objects.public().filter(entries__film=film_id).select_related("owner")
    return lists.order_by("-updated_at", "-pk")[: FILM_PAGE_LISTS + 1]


@baked
def own_lists_marking(member_id, film_id):
    """(pk, title, has the film) of each of the member's lists, most recently changed first."""
    on_it = ListEntry.objects.filter(member_list=OuterRef("pk"), film=film_id)
    choices = MemberList.objects.filter(owner=member_id).annotate(has_film=Exists(on_it))
    return choices.order_by("-updated_at", "-pk").values_list("pk", "title", "has_film")


def visitor(context):
    return {key: context.get(key) for key in ("user", "request", "csrf_token")}
