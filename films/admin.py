from django import forms
from django.contrib import admin, messages
from django.db.models import Count
from django.shortcuts import redirect

from core.admin_actions import confirmation_page
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


class AlternativeTitleInline(admin.TabularInline):
    model = AlternativeTitle
    extra = 0


class CastInline(AutocompleteAdmin, admin.TabularInline):
    model = CastCredit
    extra = 0
    autocomplete_fields = ["person"]
    fields = ["billing", "person", "character", "character_other_names", "note"]


class CrewInline(AutocompleteAdmin, admin.TabularInline):
    model = CrewCredit
    extra = 0
    autocomplete_fields = ["person"]
    fields = ["role", "order", "person", "note"]


class CompanyInline(AutocompleteAdmin, admin.TabularInline):
    model = FilmCompany
    extra = 0
    autocomplete_fields = ["company"]


class AccoladeInline(AutocompleteAdmin, admin.TabularInline):
    model = Accolade
    extra = 0
    autocomplete_fields = ["ceremony", "person"]
    fields = ["ceremony", "order", "category", "person", "result"]


class ReleaseEventInline(admin.StackedInline):
    model = ReleaseEvent
    extra = 0


class CriticQuoteInline(admin.StackedInline):
    model = CriticQuote
    extra = 0


class ListAppearanceInline(admin.TabularInline):
    model = ListAppearance
    extra = 0


@admin.register(Film)
class FilmAdmin(admin.ModelAdmin):
    list_display = ["title", "year", "kind", "runtime_minutes", "original_title"]
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
        ("Facts", {"fields": ["runtime_minutes", "countries", "languages", "poster"]}),
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
