from django import forms
from django.contrib import admin, messages
from django.db.models import Count
from django.shortcuts import redirect
from django.urls import path
from django.utils.html import format_html

from core.admin_actions import confirmation_page
from core.admin_inlines import InlineSummaries, SummarisedInline
from core.admin_widgets import AutocompleteAdmin
from films.models import (
    Accolade,
    AlternativeTitle,
    AwardBody,
    CastCredit,
    Ceremony,
    Company,
    Country,
    CrewCredit,
    CriticQuote,
    Film,
    FilmCompany,
    Language,
    ListAppearance,
    Person,
    PersonAlias,
    ReleaseEvent,
)
from films.people import merge_people
from films.wikitext.views import import_wikitext


class AlternativeTitleInline(SummarisedInline, admin.TabularInline):
    model = AlternativeTitle


class CastInline(SummarisedInline, AutocompleteAdmin, admin.TabularInline):
    model = CastCredit
    counted_as = ("person", "people")
    autocomplete_fields = ["person"]
    fields = ["billing", "person", "character", "character_other_names", "note"]


class CrewInline(SummarisedInline, AutocompleteAdmin, admin.TabularInline):
    model = CrewCredit
    autocomplete_fields = ["person"]
    fields = ["role", "order", "person", "note"]


class CompanyInline(SummarisedInline, AutocompleteAdmin, admin.TabularInline):
    model = FilmCompany
    autocomplete_fields = ["company"]


class AccoladeInline(SummarisedInline, AutocompleteAdmin, admin.TabularInline):
    model = Accolade
    autocomplete_fields = ["ceremony", "person"]
    fields = ["ceremony", "order", "category", "person", "result"]


class ReleaseEventInline(SummarisedInline, admin.StackedInline):
    model = ReleaseEvent


class CriticQuoteInline(SummarisedInline, admin.StackedInline):
    model = CriticQuote


class ListAppearanceInline(SummarisedInline, admin.TabularInline):
    model = ListAppearance


def poster_thumbnail(film, height):
    """The card-size poster, scaled to `height` CSS pixels; None when the film has none."""
    if not film.poster_card:
        return None
    return format_html(
        '<img class="poster-thumbnail" src="{}" alt="Poster for {}" width="{}" height="{}">',
        film.poster_card.url,
        film.title,
        height * 2 // 3,
        height,
    )


@admin.register(Film)
class FilmAdmin(InlineSummaries, admin.ModelAdmin):
    list_display = ["thumbnail", "title", "year", "kind", "runtime_minutes", "original_title"]
    list_display_links = ["title"]
    list_filter = ["kind", "year", "countries", "languages"]
    search_fields = [
        "title",
        "original_title",
        "original_title_romanised",
        "alternative_titles__title",
    ]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["countries", "languages"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "genre", "year", "release_date"]}),
        (
            "Original title",
            {"fields": ["original_title", "original_title_lang", "original_title_romanised"]},
        ),
        (
            "Facts",
            {"fields": ["runtime_minutes", "countries", "languages", "poster", "poster_preview"]},
        ),
        ("Text", {"fields": ["synopsis", "plot", "production_notes", "filming_locations"]}),
        (
            "Box office",
            {"fields": ["box_office_amount", "box_office_currency", "box_office_note"]},
        ),
    ]
    inlines = [
        AlternativeTitleInline,
        CastInline,
        CrewInline,
        CompanyInline,
        AccoladeInline,
        ReleaseEventInline,
        CriticQuoteInline,
        ListAppearanceInline,
    ]
    readonly_fields = ["poster_preview"]

    def get_urls(self):
        view = self.admin_site.admin_view(self.import_wikitext_view)
        importer = path("import-wikitext/", view, name="films_film_import_wikitext")
        return [importer, *super().get_urls()]

    def import_wikitext_view(self, request):
        """Add (or complete) a film from its encyclopedia article (films.wikitext)."""
        return import_wikitext(self, request)

    @admin.display(description="poster")
    def thumbnail(self, film):
        return poster_thumbnail(film, 60) or "—"

    @admin.display(description="poster as shown")
    def poster_preview(self, film):
        return poster_thumbnail(film, 180) or "No poster yet: the pages show a placeholder."


class PersonAliasInline(admin.TabularInline):
    model = PersonAlias
    extra = 1


class MergeForm(forms.Form):
    keep = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        widget=forms.RadioSelect,
        label="Keep this person",
        help_text="The others' credits move to this person; their names become other spellings.",
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keep"].queryset = people


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "native_name", "credit_count"]
    search_fields = ["name", "native_name", "aliases__name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PersonAliasInline]
    actions = ["merge_selected"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                credit_total=Count("cast_credits", distinct=True)
                + Count("crew_credits", distinct=True)
            )
            .order_by("name")
        )

    @admin.display(description="credits", ordering="credit_total")
    def credit_count(self, obj):
        return obj.credit_total

    @admin.action(description="Merge selected people into one", permissions=["change"])
    def merge_selected(self, request, queryset):
        people = queryset.order_by("name")
        if people.count() < 2:
            self.message_user(request, "Select at least two people to merge.", messages.WARNING)
            return None
        form = MergeForm(request.POST if "keep" in request.POST else None, people=people)
        if form.is_valid():
            keep = form.cleaned_data["keep"]
            others = [person for person in people if person.pk != keep.pk]
            merge_people(keep=keep, others=others)
            names = ", ".join(person.name for person in others)
            self.message_user(request, f"Merged {names} into {keep.name}.", messages.SUCCESS)
            return redirect("admin:films_person_change", keep.pk)
        return confirmation_page(
            self,
            request,
            "admin/films/person/merge.html",
            title="Merge people",
            form=form,
            people=people,
        )


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(AwardBody)
class AwardBodyAdmin(admin.ModelAdmin):
    search_fields = ["name", "other_names"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Ceremony)
class CeremonyAdmin(AutocompleteAdmin, admin.ModelAdmin):
    list_display = ["__str__", "body", "year", "edition"]
    list_filter = ["body"]
    search_fields = ["body__name", "year"]
    autocomplete_fields = ["body"]


@admin.register(Accolade)
class AccoladeAdmin(AutocompleteAdmin, admin.ModelAdmin):
    list_display = ["film", "ceremony", "category", "person", "result"]
    list_filter = ["result", "ceremony__body", "ceremony__year"]
    search_fields = ["category", "film__title", "person__name"]
    autocomplete_fields = ["film", "ceremony", "person"]
    list_select_related = ["film", "ceremony__body", "person"]


admin.site.register(Country, search_fields=["name", "code"], list_display=["name", "code"])
admin.site.register(Language, search_fields=["name", "code"], list_display=["name", "code"])
