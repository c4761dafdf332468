from functools import cached_property, partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import InvalidPage, Paginator
from django.db import transaction
from django.db.models import F
from django.forms.models import model_to_dict
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.views.decorators.http import require_POST
from django.views.generic import CreateView, DeleteView, DetailView, ListView, UpdateView

from core.fragments import fragment_response, wants_fragment
from core.lazyrows import RowsWhenShown
from core.links import back_to, site_url
from core.pagecache import cached, depends_on
from core.paginators import PageNotFoundMixin
from core.ratelimit import (
    RateLimitMixin,
    allow,
    limited,
    member_post,
    refuse,
    refused_for_now,
    too_many,
)
from core.refusals import NotFound, Unconfirmed
from films.models import Film
from reviews.discussions import Discussion, DiscussionShape
from reviews.forms import CommentForm, LogForm, ModerationForm, RatingForm
from reviews.jsonld import schema_org_review, share_description
from reviews.likes import like_state, toggle_like
from reviews.logs import MARK_FIELDS, bare_mark, has_viewing, rate
from reviews.models import Comment, Review
from reviews.moderation import can_moderate
from reviews.ratings import half_stars
from reviews.signals import film_logging

UNCONFIRMED_MESSAGE = (
    "Confirm your email address first: what you write is shown once you follow the link we "
    "sent you (“Email and password” in your menu sends it again)."
)
UNCONFIRMED_LOG_MESSAGE = (
    "Confirm your email address first: your logs and ratings count once you follow the link we "
    "sent you (“Email and password” in your menu sends it again). A review can be saved as a "
    "draft meanwhile."
)
# What the 404 page says where a review or a comment is not (or no longer) there.
REVIEW_NOT_FOUND = "There is no review at this address: it may have been deleted."
COMMENT_NOT_FOUND = (
    "There is no comment at this address: it may have been deleted, or the review it was on "
    "is no longer shown."
)
REVIEW_GONE_TEXT_KEPT = (
    "This review was deleted (in another tab or window, perhaps), so your changes could not be "
    "saved. What you typed is below: publish it or save it as a draft to keep it as a new review."
)
RATE_LIMIT_MESSAGE = (
    "You are commenting faster than the club allows. Wait {wait}, then post again; "
    "your text is still here."
)


class AuthorRequiredMixin(LoginRequiredMixin):
    """Only the author may change it: others who can see it get 403, the rest 404 (saying
    `not_found`)."""

    not_found = ""

    def get_object(self, queryset=None):
        try:
            obj = super().get_object(queryset)
        except Http404:
            raise NotFound(self.not_found) from None
        if obj.author_id != self.request.user.pk:
            raise PermissionDenied
        return obj


class PublishedReviewsPaginator(Paginator):
    """Pages of every published review, counted without a scan of them all: the shown ones
    are counted once until a review changes, those scheduled for later (found by index) each
    time and taken off."""

    @cached_property
    def count(self):
        reviews = Review.objects.with_text()
        shown = cached("reviews:shown-count", reviews.shown().count, tags=["reviews"])
        return shown - reviews.scheduled().count()


class ReviewListView(PageNotFoundMixin, ListView):
    template_name = "reviews/review_list.html"
    context_object_name = "reviews"
    paginate_by = 10
    paginator_class = PublishedReviewsPaginator
    extra_context = {
        "share_description": "Members’ reviews of the films in the club’s catalogue, newest "
        "first, with the discussion each one started."
    }

    def get_queryset(self):
        return Review.objects.published().with_text().for_list()


class FilmReviewListView(ReviewListView):
    """Every published review of one film, newest first (its page shows only the latest)."""

    template_name = "reviews/film_review_list.html"
    paginator_class = Paginator  # one film's reviews: counted by index, quickly

    def get_queryset(self):
        self.film = get_object_or_404(Film, slug=self.kwargs["slug"])
        return Review.objects.published().with_text().for_film(self.film).for_list()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(film=self.film, **kwargs)
        context["share_description"] = (
            f"Every review of {self.film} the club’s members have published, newest first."
        )
        return context


class ReviewDetailView(DetailView):
    template_name = "reviews/review_detail.html"
    context_object_name = "review"

    def get_object(self, queryset=None):
        review, self.shape = review_at(self.kwargs["slug"])
        if review is None or not review.is_visible_to(self.request.user):
            raise NotFound(REVIEW_NOT_FOUND)
        return review

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        discussion = Discussion(self.object, self.request.user, self.shape)
        context["can_moderate"] = can_moderate(self.request.user, Review)
        context["share_description"] = share_description(self.object)
        context["structured_data"] = schema_org_review(self.object, site_url)

        if self.object.is_public_review:  # hearts only where they may be given (likeable)
            context["like_count"], context["liked"] = like_state(self.object, self.request.user)
        try:
            context.update(comments_context(discussion, self.request.GET.get("page") or 1))
        except InvalidPage:
            raise Http404("No such page of comments.") from None
        return context


def review_at(slug):
    """(the review at `slug` or None, its discussion's DiscussionShape), kept together for
    everyone until the review or a comment on it changes: one round trip to the cache. Whoever
    shows the review asks `is_visible_to` each time, so a draft or hidden review still reaches
    only those who may read it, and a scheduled one appears on time."""

    def fetch():
        review = Review.objects.at_slug(slug)
        if review is None:
            depends_on("reviews")  # until a review takes the slug
            return None, None
        depends_on(f"review:{review.pk}", f"user:{review.author_id}", f"film:{review.film_id}")
        return review, DiscussionShape.of(review)

    return cached(f"review:{slug}", fetch)


def discussion_of(review, user):
    """`review`'s Discussion for `user`, its shape kept with the review (review_at)."""
    return Discussion(review, user, review_at(review.slug)[1])


def comments_context(discussion, page_number):
    """What the comments section (reviews/includes/comments.html) shows, with `review`."""
    page = discussion.page(page_number)
    review, user = discussion.review, discussion.user
    return {
        "review": review,
        # Fetched only when shown: never when the thread's kept shared part is served.
        "comments": RowsWhenShown(partial(discussion.comments_on, page)),
        "comment_page": page,
        "comment_total": discussion.total,
        "comment_viewer": discussion.viewer,
        # The class: a template calls it, so the empty form is made only when the thread's
        # shared part is built.
        "comment_form": CommentForm,
        "can_comment": review.is_public and user.is_authenticated,
    }


class ReviewFormMixin(RateLimitMixin):
    """The log form (LogForm). A log with text (a review) may be saved as a draft, published,
    or previewed without saving (the button pressed decides); a log without text is published
    at once: it is a line of the member's diary, never a draft."""

    form_class = LogForm
    template_name = "reviews/review_form.html"

    def get_rate_limit(self):
        if self.request.POST.get("action") == "preview":
            return "review-preview"
        return "review-save"

    def form_valid(self, form):
        review = form.instance
        action = self.request.POST.get("action")
        if action == "preview":
            review.render_body()
            return self.render_to_response(self.get_context_data(form=form, preview=review))
        if not review.has_text:
            return self.save_log(form)
        waits = action == "publish" and not self.request.user.is_public
        if action == "publish" and not waits:
            review.publish()
        else:
            review.status = Review.Status.DRAFT
        response, news = self.save(form)
        if review.status == Review.Status.PUBLISHED:
            messages.success(self.request, told("Your review is published.", news))
        elif waits:
            messages.warning(self.request, told(f"Saved as a draft. {UNCONFIRMED_MESSAGE}", news))
        else:
            messages.success(self.request, told("Saved as a draft: only you can see it.", news))
        return response

    def save(self, form):
        """Save the log and go to it (ModelFormMixin.form_valid). Returns (the response, what
        else a new log changed for the member: logging_news, in the same transaction)."""
        if form.instance.pk is not None:
            return super().form_valid(form), []
        with transaction.atomic():
            news = logging_news(self.request.user, form.instance.film)
            return super().form_valid(form), news

    def save_log(self, form):
        """A log without text: published at once, from a member who may leave a public trace."""
        if not self.request.user.is_public:
            form.add_error(None, UNCONFIRMED_LOG_MESSAGE)
            return self.form_invalid(form)
        form.instance.publish()
        response, news = self.save(form)
        if form.instance.watched_on:
            messages.success(self.request, told("Logged: it is in your diary.", news))
        else:
            messages.success(
                self.request,
                told("Saved: marked as seen (no date, so not in your diary).", news),
            )
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        earlier = context["earlier_logs"] = self.earlier_logs()
        context["earlier_review"] = next((log for log in earlier if log.has_text), None)
        context["mark"] = self.mark
        return context

    @cached_property
    def mark(self):
        """The member's bare mark of the film being logged, which saving turns into this log
        (logs.bare_mark), or None."""
        film = self.chosen_film()
        return None if film is None else bare_mark(self.request.user, film)

    def earlier_logs(self):
        """The member's other logs of the film being logged (the form offers "add a rewatch"
        or "edit your review"), latest first: not the bare mark this log takes the place of."""
        film = self.chosen_film()
        if film is None:
            return []
        logs = Review.objects.filter(author=self.request.user, film=film).order_by(
            F("watched_on").desc(nulls_last=True), "-pk"
        )
        if getattr(self, "object", None) is not None and self.object.pk:
            logs = logs.exclude(pk=self.object.pk)
        if self.mark is not None:
            logs = logs.exclude(pk=self.mark.pk)
        return list(logs.only("pk", "slug", "title", "body", "watched_on", "film_id")[:5])

    def chosen_film(self):
        if getattr(self, "object", None) is not None and self.object.pk:
            return None  # editing a log: nothing to offer
        slug = self.request.POST.get("film") if self.request.method == "POST" else None
        if slug:
            return Film.objects.filter(pk=slug).first() if slug.isdigit() else None
        return Film.objects.filter(slug=self.request.GET.get("film", "")).first()


class ReviewCreateView(LoginRequiredMixin, ReviewFormMixin, CreateView):
    def get_initial(self):
        initial = super().get_initial()
        film = self.chosen_film()
        if film:
            initial["film"] = film
            if self.mark is not None:  # the log starts from the mark it takes the place of
                initial.update(model_to_dict(self.mark, fields=MARK_FIELDS))
            if has_viewing(self.request.user, film):
                initial["is_rewatch"] = True
        return initial

    def form_valid(self, form):
        form.instance.author = self.request.user
        return super().form_valid(form)


class ReviewUpdateView(AuthorRequiredMixin, ReviewFormMixin, UpdateView):
    not_found = REVIEW_NOT_FOUND

    def get_queryset(self):
        return Review.objects.visible_to(self.request.user)

    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except NotFound:
            return text_kept(request)


def text_kept(request):
    """An edit of a review deleted meanwhile: not saved, but what the member typed is shown
    back in the form of a new review (not found, so a 404)."""
    messages.error(request, REVIEW_GONE_TEXT_KEPT)
    context = {"form": LogForm(request.POST), "form_action": reverse("reviews:create")}
    return render(request, "reviews/review_form.html", context, status=404)


class ReviewDeleteView(AuthorRequiredMixin, RateLimitMixin, DeleteView):
    not_found = REVIEW_NOT_FOUND
    template_name = "reviews/review_confirm_delete.html"
    context_object_name = "review"
    rate_limit = "review-save"
    success_url = reverse_lazy("reviews:list")

    def get_queryset(self):
        return Review.objects.visible_to(self.request.user)

    def form_valid(self, form):
        if self.object.has_text:
            messages.success(self.request, f"Your review “{self.object.display_title}” is deleted.")
        else:
            messages.success(self.request, f"Your log of {self.object.film.title} is deleted.")
        return super().form_valid(form)


def moderate(request, item, *, label):
    """The moderators' hide/unhide form for a review or a comment (the caller checks
    can_moderate)."""
    form = ModerationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.apply(item)
        state = "hidden" if item.is_hidden else "visible again"
        messages.success(request, f"The {label} is {state}.")
        return redirect(item)
    if request.method == "POST":
        refuse(request)
    return render(request, "reviews/moderate.html", {"form": form, "item": item, "label": label})


@login_required
@limited("moderate")
def moderate_review(request, slug):
    if not can_moderate(request.user, Review):
        raise PermissionDenied
    review = get_object_or_404(Review.objects.visible_to(request.user), slug=slug)
    return moderate(request, review, label="review")


@login_required
@limited("moderate")
def moderate_comment(request, pk):
    if not can_moderate(request.user, Comment):
        raise PermissionDenied
    comment = get_object_or_404(
        Comment.objects.filter(
            is_deleted=False, review__in=Review.objects.visible_to(request.user)
        ).select_related("review"),
        pk=pk,
    )
    return moderate(request, comment, label="comment")


@login_required
@require_POST
def post_comment(request, slug):
    review = get_object_or_404(Review.objects.published(), slug=slug)
    form = CommentForm(request.POST, review=review)
    if form.is_valid():
        if not request.user.is_public:
            form.add_error(None, UNCONFIRMED_MESSAGE)
            return comment_form_page(request, form, review, status=403)
        if not (hit := allow(request, "comment-post")):
            if wants_fragment(request):  # site.js says so in place; the text stays in the form
                return too_many(request, hit, RATE_LIMIT_MESSAGE)
            form.add_error(None, hit.saying(RATE_LIMIT_MESSAGE))
            return refused_for_now(comment_form_page(request, form, review), hit)
        comment = form.save(commit=False)
        comment.review = review
        comment.author = request.user
        comment.full_clean()
        comment.save()
        discussion = discussion_of(review, request.user)
        if wants_fragment(request):
            return fragment_response(
                request,
                "reviews/includes/comments.html",
                comments_context(discussion, discussion.page_number_of(comment)),
                message="Your comment is posted.",
                focus=f"comment-{comment.pk}",
            )
        messages.success(request, "Your comment is posted.")
        return redirect(discussion.url_of(comment))
    return comment_form_page(request, form, review)


def comment_form_page(request, form, review, status=200):
    """The comment form on a page of its own, with what keeps it from posting."""
    return render(
        request, "reviews/comment_form.html", {"form": form, "review": review}, status=status
    )


def comment_link(request, pk):
    """A comment's permalink: its review's page of comments that holds it."""
    comments = Comment.objects.filter(review__in=Review.objects.visible_to(request.user))
    comment = comments.select_related("review").filter(pk=pk).first()
    if comment is None:
        raise NotFound(COMMENT_NOT_FOUND)
    return redirect(discussion_of(comment.review, request.user).url_of(comment))


class CommentQuerysetMixin:
    def get_queryset(self):
        return Comment.objects.filter(
            is_deleted=False, review__in=Review.objects.visible_to(self.request.user)
        ).select_related("review", "author")


class CommentUpdateView(AuthorRequiredMixin, RateLimitMixin, CommentQuerysetMixin, UpdateView):
    not_found = COMMENT_NOT_FOUND
    form_class = CommentForm
    rate_limit = "comment-change"
    template_name = "reviews/comment_form.html"
    context_object_name = "comment"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["review"] = self.object.review
        return context

    def form_valid(self, form):
        form.instance.edited_at = timezone.now()
        messages.success(self.request, "Your comment is updated.")
        return super().form_valid(form)


class CommentDeleteView(AuthorRequiredMixin, RateLimitMixin, CommentQuerysetMixin, DeleteView):
    not_found = COMMENT_NOT_FOUND
    template_name = "reviews/comment_confirm_delete.html"
    rate_limit = "comment-change"
    context_object_name = "comment"

    def form_valid(self, form):
        review = self.object.review
        self.object.delete_by_author()
        messages.success(self.request, "Your comment is deleted.")
        return redirect(f"{review.get_absolute_url()}#comments")


@member_post("review-save")
def rate_film(request, slug):
    """The film page's quick "Rate": the member's current rating of the film (logs.rate)."""
    film = get_object_or_404(Film, slug=slug)
    form = RatingForm(request.POST)
    if not form.is_valid():
        refuse(request)
        messages.error(request, form.errors["rating"][0])
        return redirect(film)
    rating = form.cleaned_data["rating"]
    if rating and not request.user.is_public:
        messages.error(request, UNCONFIRMED_LOG_MESSAGE)
        return redirect(film)
    news = []  # what a first rating, a new log, changes besides (logging_news)
    drafts = []  # how many of the member's drafts of the film took the rating too
    rate(
        member=request.user,
        film=film,
        rating=rating,
        before_new_log=lambda: news.extend(logging_news(request.user, film)),
        drafts_rated=drafts.append,
    )
    if rating:
        rated = f"Rated {half_stars(rating)} out of 5."
        messages.success(request, told(rated, [*drafts_note(sum(drafts), True), *news]))
    else:
        messages.success(request, told("Your rating is cleared.", drafts_note(sum(drafts), False)))
    return redirect(film)


def drafts_note(count, rated):
    """The quick rating's word on the member's drafts of the film, `count` of which took the
    rating too (logs.rate: so that publishing one keeps it); none when none did."""
    if not count:
        return []
    drafts = "your draft review has" if count == 1 else "your draft reviews have"
    if rated:
        return [f"It shows on the film as your rating now, and {drafts} it too."]
    return [f"{drafts.capitalize()} no rating now either."]


def logging_news(member, film):
    """What `member`'s new log of `film` changes for them besides, a sentence each, from
    film_logging's receivers (the film is off their watchlist): sent just before the log is
    written, in its transaction."""
    replies = film_logging.send(sender=Review, member=member, film=film)
    return [reply for _receiver, reply in replies if reply]


def told(message, news):
    """The view's `message`, then the news of what else changed."""
    return " ".join([message, *news])


@member_post("review-like")
def like_review(request, slug):
    """Put a heart on a review, or take it back (POST toggles): only on a review anyone may read
    (Review.objects.likeable: a draft or hidden one is not found), never on one's own."""
    review = get_object_or_404(Review.objects.likeable().select_related("author"), slug=slug)
    if review.author_id == request.user.pk:
        raise PermissionDenied("You cannot like your own review.")
    if not request.user.is_public:
        raise Unconfirmed(UNCONFIRMED_MESSAGE)
    if toggle_like(review=review, member=request.user):
        messages.success(request, "You like this review.")
    else:
        messages.success(request, "You no longer like this review.")
    return redirect(back_to(request, review.get_absolute_url()))
