"""The screening form's programme note, chosen by typing among the reviews anyone may read
(ReviewQuerySet.public_reviews): never a bare diary line, a rating, a draft or a hidden review.
The programme's films' reviews come first, each labelled by its title, author, film and date, so
that two reviews by one member of one film are told apart. Reviews are found by the screening's
relation (core.managers.related): screenings does not import reviews.

A note set before it could be read (a season's winning pitch, scheduled as a draft to publish
later) stays the screening's choice while staff edit it; the page shows it once it is readable."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import JsonResponse
from django.urls import reverse
from django.utils import timezone

from core.admin_widgets import SafeAutocompleteSelect
from core.managers import related

NOT_READABLE = (
    "Choose a review anyone can read (published, not hidden, with text): this one is not."
)
PER_PAGE = 20


def reviews(screening_model):
    return related(screening_model, "programme_note").objects


def note_choices(screening_model, current=None):
    """What the field accepts: the public reviews, and the note already chosen (`current`'s pk)."""
    choices = reviews(screening_model).public_reviews()
    if current:
        choices = choices | reviews(screening_model).filter(pk=current)
    return choices.select_related("film", "author")


def note_label(review):
    """“Neon and loneliness” by Mei Ling @meiling · Fallen Angels (1995) · 2025-06-30. A note
    chosen before anyone could read it (a winning pitch, a draft) is named by its title, as the
    field's help says it shows once published."""
    if not review.is_public_review:
        return str(review)
    author, published = review.author, timezone.localtime(review.published_at)
    return (
        f"“{review.display_title}” by {author.public_name} @{author.username} · {review.film} "
        f"· {published:%Y-%m-%d}"
    )


class ProgrammeNoteField(forms.ModelChoiceField):
    default_error_messages = {"invalid_choice": NOT_READABLE}

    def label_from_instance(self, obj):
        return note_label(obj)


class ProgrammeNoteSelect(SafeAutocompleteSelect):
    """The admin's autocomplete, asking programme_notes_view (with the screening, if saved)."""

    def __init__(self, field, admin_site, screening_id=None, using=None):
        super().__init__(field, admin_site, using=using)
        self.screening_id = screening_id

    def get_url(self):
        url = reverse(f"{self.admin_site.name}:screenings_screening_programme_notes")
        return f"{url}?screening={self.screening_id}" if self.screening_id else url


def formfield_kwargs(screening_model, admin_site, request, using=None):
    """ScreeningAdmin.formfield_for_foreignkey's arguments for the programme note."""
    field = screening_model._meta.get_field("programme_note")
    object_id = request.resolver_match.kwargs.get("object_id") if request.resolver_match else None
    return {
        "form_class": ProgrammeNoteField,
        "queryset": note_choices(screening_model),
        "widget": ProgrammeNoteSelect(field, admin_site, screening_id=object_id, using=using),
    }


def programme_first(choices, screening_model, screening_id):
    """Reviews of the films on `screening_id`'s programme first, then the rest, newest first."""
    order = ["-published_at", "-pk"]
    if str(screening_id).isdigit():
        items = related(screening_model, "items").objects.filter(
            screening_id=screening_id, film=OuterRef("film")
        )
        choices = choices.annotate(on_programme=Exists(items))
        order.insert(0, "-on_programme")
    return choices.order_by(*order)


def programme_notes_view(model_admin, request):
    """JSON as the admin's autocomplete reads it: the public reviews matching `term` (as the
    reviews' admin searches them), PER_PAGE a page, for staff who may add or change screenings."""
    if not (model_admin.has_add_permission(request) or model_admin.has_change_permission(request)):
        raise PermissionDenied
    screening_model = model_admin.model
    choices = note_choices(screening_model)
    search = model_admin.admin_site.get_model_admin(choices.model)
    choices, distinct = search.get_search_results(request, choices, request.GET.get("term", ""))
    if distinct:
        choices = choices.distinct()
    choices = programme_first(choices, screening_model, request.GET.get("screening", ""))
    page = request.GET.get("page", "1")
    page = int(page) if page.isdigit() and 0 < int(page) < 10_000 else 1
    rows = list(choices[(page - 1) * PER_PAGE : page * PER_PAGE + 1])
    return JsonResponse(
        {
            "results": [{"id": str(row.pk), "text": note_label(row)} for row in rows[:PER_PAGE]],
            "pagination": {"more": len(rows) > PER_PAGE},
        }
    )
