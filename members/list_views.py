"""Members' lists of films: a member's lists, one list, and making, editing and deleting them.

A private list is its owner's alone: to everyone else it does not exist (404), whatever they
ask of it; a public one others may read but not change (403). MemberList.visible_to states who
sees what, once."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import CreateView, DeleteView, DetailView, ListView, UpdateView

from core.ratelimit import RateLimitMixin, member_post, refuse
from films.models import Film
from members.follows import visible_members
from members.list_forms import AddToListForm, FilmToAddForm, ListEntryFormSet, MemberListForm
from members.models import MemberList, add_to_list, renumber

# Films on one page of a list.
LIST_PAGE_FILMS = 100
# Films the owner's search on their list's page offers to add.
FILMS_TO_ADD = 10


class MemberListsView(ListView):
    """A member's lists: the public ones, and to the member themself their private ones too."""

    template_name = "members/member_lists.html"
    context_object_name = "lists"
    paginate_by = 50

    def get_queryset(self):
        members = visible_members(self.request.user)
        self.member = get_object_or_404(members, username=self.kwargs["handle"])
        lists = MemberList.objects.visible_to(self.request.user).filter(owner=self.member)
        return lists.with_film_counts()

    def get_context_data(self, **kwargs):
        return super().get_context_data(member=self.member, **kwargs)


def visible_lists(user):
    return MemberList.objects.visible_to(user).select_related("owner")


class ListMixin:
    """The list at /members/<handle>/lists/<slug>/, if the member asking may see it."""

    context_object_name = "member_list"

    def get_object(self, queryset=None):
        return get_object_or_404(
            visible_lists(self.request.user),
            owner__username=self.kwargs["handle"],
            slug=self.kwargs["slug"],
        )


class OwnerRequiredMixin(LoginRequiredMixin, RateLimitMixin, ListMixin):
    """Only the owner may change a list: others who can see it get 403, the rest 404."""

    rate_limit = "member-list"

    def get_object(self, queryset=None):
        member_list = super().get_object(queryset)
        if member_list.owner_id != self.request.user.pk:
            raise PermissionDenied
        return member_list


class MemberListDetailView(ListMixin, DetailView):
    template_name = "members/member_list_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entries = self.object.entries.select_related("film").order_by("position", "pk")
        page = Paginator(entries, LIST_PAGE_FILMS).get_page(self.request.GET.get("page"))
        # A list: the share tags read its first film before the page lists them all.
        context.update(page_obj=page, paginator=page.paginator, entries=list(page.object_list))
        if self.object.owner_id == self.request.user.pk:
            context.update(self.films_to_add())
        return context

    def films_to_add(self):
        """The owner's "Add a film": the search box and the films it finds (FILMS_TO_ADD at most,
        best first), with the ids of those already on the list."""
        form = FilmToAddForm(self.request.GET)
        found = list(Film.objects.search(form.query)[:FILMS_TO_ADD]) if form.query else []
        on_list = self.object.entries.filter(film__in=found).values_list("film_id", flat=True)
        return {"add_form": form, "found_films": found, "on_list": set(on_list) if found else set()}


class MemberListCreateView(LoginRequiredMixin, RateLimitMixin, CreateView):
    """A new list; with ?film=<slug> (from a film's page) it starts with that film."""

    form_class = MemberListForm
    rate_limit = "member-list"
    template_name = "members/member_list_form.html"

    def first_film(self):
        slug = self.request.POST.get("film") or self.request.GET.get("film")
        return Film.objects.filter(slug=slug).first() if slug else None

    def get_context_data(self, **kwargs):
        return super().get_context_data(first_film=self.first_film(), **kwargs)

    @transaction.atomic
    def form_valid(self, form):
        form.instance.owner = self.request.user
        response = super().form_valid(form)
        film = self.first_film()
        if film is not None:
            add_to_list(member_list=self.object, film=film)
        messages.success(self.request, f"Your list “{self.object.title}” is made.")
        return response


class MemberListUpdateView(OwnerRequiredMixin, UpdateView):
    """The list's title, description, ranking and privacy, and its films' places and notes
    (removing some), saved together."""

    form_class = MemberListForm
    template_name = "members/member_list_form.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("entries", self.entries_formset())
        return context

    def entries_formset(self):
        entries = self.object.entries.select_related("film").order_by("position", "pk")
        return ListEntryFormSet(self.request.POST or None, queryset=entries, prefix="entries")

    def form_valid(self, form):
        entries = self.entries_formset()
        if not entries.is_valid():
            return self.render_to_response(self.get_context_data(form=form, entries=entries))
        with transaction.atomic():
            self.object = form.save()
            entries.save()
            renumber(self.object)
        messages.success(self.request, f"Your list “{self.object.title}” is saved.")
        return redirect(self.object)


class MemberListDeleteView(OwnerRequiredMixin, DeleteView):
    template_name = "members/member_list_confirm_delete.html"

    def get_success_url(self):
        return reverse("members:lists", args=[self.request.user.username])

    def form_valid(self, form):
        messages.success(self.request, f"Your list “{self.object.title}” is deleted.")
        return super().form_valid(form)


@member_post("member-list")
def add_film(request):
    """The film page's "Add to a list": the film goes at the end of one of the member's lists."""
    form = AddToListForm(request.POST, member=request.user)
    if not form.is_valid():
        refuse(request)
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return back(request, form.cleaned_data.get("film"))
    film, member_list = form.cleaned_data["film"], form.cleaned_data["member_list"]
    try:
        add_to_list(member_list=member_list, film=film, note=form.cleaned_data["note"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"“{film.title}” is on your list “{member_list.title}”.")
    return back(request, film)


def back(request, film):
    """Where the form was, if it says so and it is this site; else the film's page."""
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return redirect(next_url)
    return redirect(film if film is not None else "films:list")
