import datetime
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from core.baked import MANY_AT_MOST, NOT_BAKEABLE
from reviews.discussions import comments_among
from reviews.models import Comment, Review
from reviews.tests.forms import entry_data, review_data

# Writing reviews


def test_write_review_publishes_it_with_markdown(client, make_user, make_film):
    author = make_user(display_name="Odessa")
    film = make_film(title="Comrades")
    client.force_login(author)

    response = client.post(
        reverse("reviews:create"),
        review_data(film, rating="7", contains_spoilers="on", how_i_saw_it="On VCD"),
        follow=True,
    )

    review = Review.objects.get()
    assert (review.slug, review.status, review.rating, review.author) == (
        "almost",
        "published",
        7,
        author,
    )
    assert review.published_at <= timezone.now()
    assert response.context["review"] == review
    assert "<p>The <em>almost</em> matters.</p>" in response.text
    assert "Your review is published." in response.text
    assert "3½ stars" in response.text
    assert "Spoiler warning" in response.text


def test_preview_shows_the_rendered_review_and_saves_nothing(client, make_user, make_film):
    client.force_login(make_user())
    film = make_film()

    response = client.post(reverse("reviews:create"), review_data(film, action="preview"))

    assert response.status_code == 200
    assert "Preview: not saved yet" in response.text
    assert "<p>The <em>almost</em> matters.</p>" in response.text
    assert Review.objects.count() == 0


def test_a_preview_that_broke_the_old_renderer_leaves_later_reviews_rendered(
    client, make_user, make_film
):
    """Python-Markdown raised RecursionError on this preview and kept a broken converter: every
    review saved by the worker afterwards was stored as raw Markdown."""
    client.force_login(make_user())
    film = make_film()

    preview = client.post(
        reverse("reviews:create"), review_data(film, body="1. " * 500, action="preview")
    )
    client.post(reverse("reviews:create"), review_data(film))

    assert preview.status_code == 200
    assert "Preview: not saved yet" in preview.text
    assert Review.objects.get().body_html == "<p>The <em>almost</em> matters.</p>"


def test_save_as_draft_is_seen_by_its_author_alone(client, make_user, make_film):
    client.force_login(make_user())

    response = client.post(
        reverse("reviews:create"), review_data(make_film(), action="draft"), follow=True
    )

    review = Review.objects.get()
    assert (review.status, review.published_at) == ("draft", None)
    assert "Draft: only you can see it." in response.text
    assert list(Review.objects.published()) == []


def test_create_form_preselects_the_film(client, make_user, make_film):
    client.force_login(make_user())
    film = make_film()

    response = client.get(reverse("reviews:create"), {"film": film.slug})

    assert response.context["form"].initial["film"] == film


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"body": ""}, "title", "A title goes with a review: write the review too."),
        ({"film": ""}, "film", "Choose the film you are logging."),
        (
            {"watched_on": "31/05/2024"},
            "watched_on",
            "Give the date as year-month-day, e.g. 2024-05-31.",
        ),
        (
            {"watched_on": "2999-01-01"},
            "watched_on",
            "That date has not come yet: when did you see it?",
        ),
        (
            {"film": "999999"},
            "film",
            "Select a valid choice. That choice is not one of the available choices.",
        ),
        (
            {"rating": "11"},
            "rating",
            "Select a valid choice. 11 is not one of the available choices.",
        ),
        (
            {"rating": "0"},
            "rating",
            "Select a valid choice. 0 is not one of the available choices.",
        ),
        (
            {"title": "x" * 201},
            "title",
            "Ensure this value has at most 200 characters (it has 201).",
        ),
        (
            {"body": "x" * 50_001},
            "body",
            "Keep your review under 50,000 characters (it has 50,001).",
        ),
        (
            {"how_i_saw_it": "x" * 301},
            "how_i_saw_it",
            "Ensure this value has at most 300 characters (it has 301).",
        ),
    ],
)
def test_review_form_errors(client, make_user, make_film, overrides, field, message):
    client.force_login(make_user())

    response = client.post(reverse("reviews:create"), review_data(make_film(), **overrides))

    assert response.status_code == 200
    assert response.context["form"].errors == {field: [message]}
    assert Review.objects.count() == 0


def test_title_that_is_a_fixed_address_gets_another_slug(make_review):
    assert make_review(title="New").slug == "new-2"
    assert make_review(title="New").slug == "new-3"
    assert make_review(title="Feed").slug == "feed-2"


def test_republishing_keeps_the_first_publication_date(client, make_review):
    published = timezone.now() - timedelta(days=30)
    review = make_review(published_at=published)
    client.force_login(review.author)

    client.post(
        reverse("reviews:update", args=[review.slug]), review_data(review.film, title="Edited")
    )

    review.refresh_from_db()
    assert (review.title, review.published_at) == ("Edited", published)


def test_unpublishing_takes_it_off_the_list(client, make_review):
    review = make_review()
    client.force_login(review.author)

    client.post(
        reverse("reviews:update", args=[review.slug]), review_data(review.film, action="draft")
    )

    assert list(client.get(reverse("reviews:list")).context["reviews"]) == []


def test_a_future_publication_date_is_not_public_yet(client, make_review):
    make_review(published_at=timezone.now() + timedelta(days=1))

    response = client.get(reverse("reviews:list"))

    assert list(response.context["reviews"]) == []


# Lists and pages


def test_review_list_newest_first_with_comment_counts(client, make_review, make_comment):
    old = make_review(title="Old", published_at=timezone.now() - timedelta(days=2))
    new = make_review(title="New one", published_at=timezone.now() - timedelta(days=1))
    make_review(title="Draft", status=Review.Status.DRAFT)
    make_review(title="Hidden", is_hidden=True, hidden_reason="Spam")
    make_comment(old)
    make_comment(old)
    make_comment(old, is_hidden=True, hidden_reason="Rude")

    response = client.get(reverse("reviews:list"))

    assert [r.title for r in response.context["reviews"]] == ["New one", "Old"]
    assert [r.comment_count for r in response.context["reviews"]] == [0, 2]
    assert new.get_absolute_url() in response.text


def test_review_list_hides_the_excerpt_of_a_spoiler(client, make_review):
    make_review(body="Xiaojun marries Xiaoting.", contains_spoilers=True)

    response = client.get(reverse("reviews:list"))

    assert "Xiaojun marries" not in response.text
    assert "Contains spoilers." in response.text


def test_review_list_paginates(client, make_review):
    for _ in range(12):
        make_review()

    response = client.get(reverse("reviews:list"), {"page": "2"})

    assert len(response.context["reviews"]) == 2


@pytest.mark.parametrize("count", [1, 3])
def test_review_list_query_count_is_constant(client, make_review, count, django_assert_num_queries):
    for _ in range(count):
        make_review()

    # the published reviews (remembered after), the scheduled ones, the page's reviews with
    # film, author and comment count, their authors' check-ins ("I was there")
    with django_assert_num_queries(4):
        response = client.get(reverse("reviews:list"))

    assert len(response.context["reviews"]) == count


def test_review_list_counts_neither_scheduled_nor_hidden_reviews(client, make_review):
    for _ in range(10):  # one full page
        make_review()
    make_review(published_at=timezone.now() + timedelta(days=1))  # scheduled for tomorrow
    make_review().hide("Spam")
    one_page = client.get(reverse("reviews:list")).text
    make_review()
    two_pages = client.get(reverse("reviews:list")).text

    assert "Page 1 of" not in one_page
    assert "Page 1 of 2" in two_pages


def test_film_page_shows_reviews_average_and_histogram(client, make_film, make_review):
    film = make_film(title="Comrades")
    for rating in [10, 9, 9, None]:
        make_review(film=film, rating=rating)
    make_review(film=film, rating=1, status=Review.Status.DRAFT)
    make_review(rating=2)

    response = client.get(film.get_absolute_url())

    summary = response.context["rating_summary"]
    assert len(response.context["reviews"]) == 4
    assert (summary.rated, summary.average_label, summary.counts) == (
        3,
        "4½",
        [0, 0, 0, 0, 0, 0, 0, 0, 2, 1],
    )
    assert "Average <strong>4½</strong> out of 5" in response.text
    assert response.text.count('<rect class="bar"') == 10
    assert '<rect class="bar" x="162" y="0" width="16" height="80">' in response.text
    assert '<rect class="bar" x="182" y="40" width="16" height="40">' in response.text
    assert f'href="{reverse("reviews:create")}?film={film.slug}"' in response.text


def test_film_page_without_reviews_invites_one(client, make_film):
    response = client.get(make_film().get_absolute_url())

    assert "No member has reviewed this film yet." in response.text
    assert response.context["rating_summary"].average is None


@pytest.mark.parametrize("count", [1, 3])
def test_film_page_query_count_with_reviews_is_constant(
    client, make_film, make_review, make_comment, count, django_assert_num_queries
):
    film = make_film()
    for number in range(count):
        make_comment(make_review(film=film, rating=number + 1))

    # 4 for the film, 2 for its reviews (the latest, the most liked among them) and rating
    # summary, 1 for how many want to see it, 1 for its screenings (none: none is next either),
    # 2 for its seasons' suggestions and audience score
    with django_assert_num_queries(12):
        response = client.get(film.get_absolute_url())

    assert len(response.context["reviews"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_home_query_count_with_reviews_is_constant(
    client, make_review, count, django_assert_num_queries
):
    for _ in range(count):
        make_review()

    # films, their directors, next screening, called-off screenings, recent screenings (none),
    # the latest reviews, their authors' check-ins
    with django_assert_num_queries(7):
        response = client.get("/")

    assert len(response.context["reviews"]) == count
    assert "Latest reviews" in response.text


# Comments and threads


def test_comment_and_reply_nest_and_mark_the_review_author(client, make_review, make_user):
    review = make_review()
    reader = make_user(username="julie")
    client.force_login(reader)
    client.post(reverse("reviews:comment", args=[review.slug]), {"body": "Sounds good"})
    first = Comment.objects.get()
    client.force_login(review.author)

    response = client.post(
        reverse("reviews:comment", args=[review.slug]),
        {"body": "julie, no worries", "parent": first.pk},
        follow=True,
    )

    reply = Comment.objects.get(parent=first)
    assert [(c.pk, [child.pk for child in c.children]) for c in response.context["comments"]] == [
        (first.pk, [reply.pk])
    ]
    assert response.context["comment_total"] == 2
    html = response.text
    first_item = html.split(f'<li id="comment-{first.pk}" class="comment">')[1]
    own_text, replies = first_item.split('<ol class="comment-replies">')
    assert "Sounds good" in own_text
    assert '<span class="badge">review author</span>' not in own_text
    assert replies.startswith(
        f'\n      <li id="comment-{reply.pk}" class="comment comment-by-author">'
    )
    assert '<span class="badge">review author</span>' in replies


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "Write something before posting."),
        ("   \n ", "Write something before posting."),
        ("x" * 5001, "Keep your comment under 5,000 characters (it has 5,001)."),
        ("x" * 20_000, "Keep your comment under 5,000 characters (it has 20,000)."),
    ],
)
def test_comment_form_errors_keep_the_text(client, make_review, make_user, body, message):
    review = make_review()
    client.force_login(make_user())

    response = client.post(reverse("reviews:comment", args=[review.slug]), {"body": body})

    assert response.status_code == 200
    assert response.context["form"].errors == {"body": [message]}
    assert Comment.objects.count() == 0


def test_reply_to_a_comment_of_another_review_is_refused(
    client, make_review, make_comment, make_user
):
    elsewhere = make_comment(make_review())
    review = make_review()
    client.force_login(make_user())

    response = client.post(
        reverse("reviews:comment", args=[review.slug]), {"body": "Hi", "parent": elsewhere.pk}
    )

    assert response.context["form"].errors == {
        "parent": ["That comment can no longer be replied to."]
    }
    assert review.comments.count() == 0


def test_reply_to_a_deleted_comment_is_refused(client, make_review, make_comment, make_user):
    review = make_review()
    gone = make_comment(review, is_deleted=True, body="")
    client.force_login(make_user())

    response = client.post(
        reverse("reviews:comment", args=[review.slug]), {"body": "Hi", "parent": gone.pk}
    )

    assert response.context["form"].errors == {
        "parent": ["That comment can no longer be replied to."]
    }


def test_comment_posting_is_rate_limited_per_member(client, make_review, make_user, settings):
    settings.FILMCLUB_RATE_LIMITS = {**settings.FILMCLUB_RATE_LIMITS, "comment-post": "2/m"}
    review = make_review()
    first, second = make_user(), make_user()
    client.force_login(first)
    url = reverse("reviews:comment", args=[review.slug])
    for number in range(2):
        assert client.post(url, {"body": f"Comment {number}"}).status_code == 302

    refused = client.post(url, {"body": "One too many"})
    client.force_login(second)
    other_member = client.post(url, {"body": "Someone else"})

    assert refused.status_code == 429
    assert refused.context["form"].non_field_errors() == [
        "You are commenting faster than the club allows. Wait a minute, then post again; "
        "your text is still here."
    ]
    assert "One too many</textarea>" in refused.text
    assert other_member.status_code == 302
    assert list(review.comments.values_list("body", flat=True)) == [
        "Comment 0",
        "Comment 1",
        "Someone else",
    ]


def test_edit_comment_marks_it_edited(client, make_review, make_comment):
    comment = make_comment(make_review(), body="Typo")
    client.force_login(comment.author)

    response = client.post(
        reverse("reviews:comment-update", args=[comment.pk]), {"body": "Fixed"}, follow=True
    )

    comment.refresh_from_db()
    assert comment.body == "Fixed"
    assert comment.edited_at is not None
    assert '<span class="note">(edited)</span>' in response.text


def test_edit_comment_to_empty_is_a_form_error(client, make_review, make_comment):
    comment = make_comment(make_review(), body="Keep me")
    client.force_login(comment.author)

    response = client.post(reverse("reviews:comment-update", args=[comment.pk]), {"body": ""})

    comment.refresh_from_db()
    assert response.context["form"].errors == {"body": ["Write something before posting."]}
    assert comment.body == "Keep me"


def test_deleted_comment_with_replies_leaves_a_placeholder(client, make_review, make_comment):
    review = make_review()
    parent = make_comment(review, body="Original words")
    reply = make_comment(review, parent=parent, body="A reply")
    client.force_login(parent.author)

    response = client.post(reverse("reviews:comment-delete", args=[parent.pk]), follow=True)

    parent.refresh_from_db()
    assert (parent.is_deleted, parent.body) == (True, "")
    assert "This comment was deleted." in response.text
    assert "Original words" not in response.text
    assert [c.children for c in response.context["comments"]] == [[reply]]


def test_deleted_comment_without_replies_is_gone(client, make_review, make_comment):
    comment = make_comment(make_review())
    client.force_login(comment.author)

    response = client.post(reverse("reviews:comment-delete", args=[comment.pk]), follow=True)

    assert Comment.objects.count() == 0
    assert response.context["comments"] == []
    assert "This comment was deleted." not in response.text


def test_hidden_comment_with_replies_shows_a_placeholder_to_others(
    client, make_review, make_comment
):
    review = make_review()
    parent = make_comment(review, body="Rude words", is_hidden=True, hidden_reason="Rude")
    make_comment(review, parent=parent, body="Calm reply")

    response = client.get(review.get_absolute_url())

    assert "This comment was hidden by the moderators." in response.text
    assert "Rude words" not in response.text
    assert "Calm reply" in response.text


def test_hidden_comment_shows_the_reason_to_its_author(client, make_review, make_comment):
    comment = make_comment(make_review(), body="Rude words", is_hidden=True, hidden_reason="Rude")
    client.force_login(comment.author)

    response = client.get(comment.review.get_absolute_url())

    assert "Hidden by staff: Rude. Only its author and staff can see it." in response.text


def test_staff_hide_a_comment_needs_a_reason(client, make_review, make_comment, make_user):
    comment = make_comment(make_review())
    client.force_login(make_user(is_staff=True, is_superuser=True))

    response = client.post(
        reverse("reviews:comment-moderate", args=[comment.pk]), {"action": "hide", "reason": " "}
    )

    comment.refresh_from_db()
    assert response.context["form"].errors == {
        "reason": ["Give a reason for hiding it; the author will see it."]
    }
    assert comment.is_hidden is False


def test_staff_see_moderation_links_on_the_page(client, make_review, make_comment, make_user):
    comment = make_comment(make_review())
    client.force_login(make_user(is_staff=True, is_superuser=True))

    response = client.get(comment.review.get_absolute_url())

    assert f'href="{reverse("reviews:comment-moderate", args=[comment.pk])}">Hide</a>' in (
        response.text
    )
    assert "Hide this review</a>" in response.text


def make_thread(review, make_comment, depth):
    parent = None
    for _ in range(depth):
        parent = make_comment(review, parent=parent)


@pytest.mark.parametrize("count", [1, 3])
def test_review_page_query_count_is_constant_in_comments(
    client, make_review, make_comment, count, django_assert_num_queries
):
    review = make_review()
    for _ in range(count):
        make_comment(review)

    # the review with film and author, the discussion's outline, the page's comments with authors,
    # the author's check-in, its likes counted
    with django_assert_num_queries(5):
        response = client.get(review.get_absolute_url())

    assert response.context["comment_total"] == count


@pytest.mark.parametrize("depth", [1, 3])
def test_review_page_query_count_is_constant_in_thread_depth(
    client, make_review, make_comment, make_user, depth, django_assert_num_queries
):
    review = make_review()
    make_thread(review, make_comment, depth)
    client.force_login(make_user())

    # session, user, the review, the outline, the page's comments, the author's check-ins
    with django_assert_num_queries(7):
        response = client.get(review.get_absolute_url())

    node, depths = response.context["comments"][0], []
    while node:
        depths.append(node.depth)
        node = node.children[0] if node.children else None
    assert depths == list(range(depth))
    assert response.text.count('<ol class="comment-replies">') == depth - 1


def test_a_long_discussion_is_read_a_page_of_threads_at_a_time(
    client, make_review, make_comment, django_assert_num_queries
):
    review = make_review()
    roots = [make_comment(review, body=f"Thread {number}") for number in range(25)]
    reply = make_comment(review, parent=roots[22], body="A reply on the second page")

    first = client.get(review.get_absolute_url())
    # the second page's comments (the review and the outline are remembered from the first page)
    with django_assert_num_queries(1):
        second = client.get(review.get_absolute_url(), {"page": 2})

    assert first.context["comment_total"] == second.context["comment_total"] == 26
    assert "Thread 19" in first.text
    assert "Thread 20" not in first.text
    assert "Thread 20" in second.text
    assert "A reply on the second page" in second.text
    assert 'href="?page=2#comments"' in first.text
    assert "Page 2 of 2" in second.text
    # a comment's permalink finds its page
    response = client.get(reply.get_absolute_url())
    assert response.url == f"{review.get_absolute_url()}?page=2#comment-{reply.pk}"
    response = client.get(roots[0].get_absolute_url())
    assert response.url == f"{review.get_absolute_url()}#comment-{roots[0].pk}"


def test_a_page_of_comments_is_read_by_kept_sql_or_afresh_when_longer_than_it_keeps(
    client, make_review, make_comment, monkeypatch
):
    """reviews.discussions.comments_among: SQL kept for each number of comments up to
    core.baked.MANY_AT_MOST; a page with more (one thread of 51) is read all the same."""
    monkeypatch.setattr(comments_among, "_compiled", {})  # nothing kept by earlier tests
    short, long = make_review(), make_review()
    make_comment(short, body="The only comment")
    root = make_comment(long, body="A long thread")
    for number in range(MANY_AT_MOST):
        make_comment(long, parent=root, body=f"Reply {number}")

    short_page = client.get(short.get_absolute_url()).text
    long_page = client.get(long.get_absolute_url()).text

    assert short_page.count('<li id="comment-') == 1
    assert "The only comment" in short_page
    assert long_page.count('<li id="comment-') == MANY_AT_MOST + 1
    assert f"Reply {MANY_AT_MOST - 1}" in long_page
    kinds = [kinds for _alias, kinds in comments_among._compiled]
    assert (int, (int, 1)) in kinds
    assert NOT_BAKEABLE not in comments_among._compiled.values()


@pytest.mark.parametrize("page", ["3", "0", "x", "1" * 30])
def test_a_page_of_comments_that_does_not_exist_is_not_found(client, make_review, page):
    review = make_review()

    assert client.get(review.get_absolute_url(), {"page": page}).status_code == 404


def test_a_reply_on_a_later_page_redirects_there(client, make_review, make_comment, make_user):
    review = make_review()
    roots = [make_comment(review) for _ in range(21)]
    client.force_login(make_user())

    data = {"body": "Late reply", "parent": roots[20].pk}
    response = client.post(reverse("reviews:comment", args=[review.slug]), data)

    posted = Comment.objects.get(body="Late reply")
    assert response.url == f"{review.get_absolute_url()}?page=2#comment-{posted.pk}"


def test_the_permalink_of_a_comment_on_a_draft_is_not_found(client, make_review, make_comment):
    comment = make_comment(make_review(status=Review.Status.DRAFT, published_at=None))

    assert client.get(comment.get_absolute_url()).status_code == 404


def test_film_page_links_to_all_its_reviews_when_it_shows_only_the_latest(
    client, make_film, make_review
):
    film = make_film(title="Popular")
    reviews = [make_review(film=film, title=f"Take {number:02}") for number in range(12)]

    film_page = client.get(film.get_absolute_url())
    all_reviews = client.get(reverse("reviews:film-list", args=[film.slug]))
    second_page = client.get(reverse("reviews:film-list", args=[film.slug]), {"page": 2})

    assert len(film_page.context["reviews"]) == 10
    assert f'<a href="/films/{film.slug}/reviews/">All 12 reviews</a>' in film_page.text
    assert "<h1>Members’ reviews of Popular</h1>" in all_reviews.text
    shown = [*all_reviews.context["reviews"], *second_page.context["reviews"]]
    assert sorted(review.pk for review in shown) == sorted(review.pk for review in reviews)


@pytest.mark.parametrize("count", [1, 3])
def test_film_review_list_query_count_is_constant(
    client, make_film, make_review, count, django_assert_num_queries
):
    film = make_film()
    for _ in range(count):
        make_review(film=film)

    # film, count, reviews, their authors' check-ins
    with django_assert_num_queries(4):
        response = client.get(reverse("reviews:film-list", args=[film.slug]))

    assert len(response.context["reviews"]) == count


def test_film_review_list_of_unknown_film_is_404(client, db):
    assert client.get("/films/nothing/reviews/").status_code == 404


def test_a_review_published_shows_at_once_on_the_pages_visitors_have_cached(
    client, signed_in, make_user, make_film
):
    film = make_film(title="Comrades")
    pages = [reverse("home"), reverse("reviews:list"), film.get_absolute_url()]
    for page in pages:
        client.get(page)
    assert all(client.get(page)["X-Page-Cache"] == "hit" for page in pages)

    signed_in(make_user()).post(reverse("reviews:create"), review_data(film, title="Fresh take"))

    for page in pages:
        response = client.get(page)
        assert response["X-Page-Cache"] == "miss", page
        assert "Fresh take" in response.text, page


# Deleting a review: it is a log with text, so its rating and diary entry go with it


def words(response):
    """The page's text as a member reads it: no markup, its runs of spaces as one space."""
    return " ".join(strip_tags(response.text).split())


def test_deleting_a_review_says_its_rating_and_diary_entry_go_with_it(client, make_review):
    review = make_review(title="Neon and noodles", rating=8, watched_on=datetime.date(2024, 5, 3))
    client.force_login(review.author)

    response = client.get(reverse("reviews:delete", args=[review.slug]))

    page = words(response)
    assert "“Neon and noodles” and its comments will be gone for good." in page
    assert "Its log goes with it: your ★★★★ rating and your diary entry of 3 May 2024." in page
    assert "To keep the rating and the diary entry, remove the text instead" in page
    edit = reverse("reviews:update", args=[review.slug])
    assert f'<a href="{edit}">remove the text instead</a>' in response.text


def test_removing_a_reviews_text_keeps_its_rating_and_diary_entry(client, make_review):
    """The alternative the delete page offers works as it says."""
    review = make_review(rating=8, watched_on=datetime.date(2024, 5, 3))
    client.force_login(review.author)

    client.post(
        reverse("reviews:update", args=[review.slug]),
        entry_data(review.film, rating="8", watched_on="2024-05-03"),
    )

    review.refresh_from_db()
    assert (review.has_text, review.rating, review.watched_on) == (
        False,
        8,
        datetime.date(2024, 5, 3),
    )


def test_deleting_a_draft_says_its_rating_goes_and_offers_no_publishing(client, make_review):
    """Removing a draft's text would publish its log: not offered as a way to keep it."""
    review = make_review(status=Review.Status.DRAFT, rating=3)
    client.force_login(review.author)

    page = words(client.get(reverse("reviews:delete", args=[review.slug])))

    assert "Its log goes with it: your ★½ rating." in page
    assert "remove the text instead" not in page


def test_deleting_an_unrated_undated_review_says_nothing_more(client, make_review):
    review = make_review(title="Neon and noodles")
    client.force_login(review.author)

    page = words(client.get(reverse("reviews:delete", args=[review.slug])))

    assert "“Neon and noodles” and its comments will be gone for good." in page
    assert "Its log goes with it" not in page


def test_deleting_a_log_without_text_says_what_goes(client, make_review, make_film):
    film = make_film(title="Comrades")
    log = make_review(film=film, title="", body="", rating=7, watched_on=datetime.date(2024, 5, 31))
    client.force_login(log.author)

    page = words(client.get(reverse("reviews:delete", args=[log.slug])))

    assert "Delete this log?" in page
    assert (
        "will be gone for good, with your ★★★½ rating and your diary entry of 31 May 2024." in page
    )
    assert "its comments" not in page


def test_the_rating_is_explained_in_stars_not_in_its_stored_numbers(client, make_user):
    client.force_login(make_user())

    response = client.get(reverse("reviews:create"))

    assert response.context["form"]["rating"].help_text == "From ½ star to 5 stars; optional."
    assert "10 is 5 stars" not in response.text


def test_a_deleted_comment_opened_from_a_mail_says_what_is_missing(
    client, make_review, make_comment
):
    comment = make_comment(make_review())
    url = reverse("reviews:comment-link", args=[comment.pk])
    comment.delete()

    response = client.get(url)

    assert response.status_code == 404
    assert (
        "There is no comment at this address: it may have been deleted, or the review it was on "
        "is no longer shown."
    ) in response.text


def test_a_deleted_review_says_what_is_missing(client, make_review):
    review = make_review()
    url = review.get_absolute_url()
    review.delete()

    response = client.get(url)

    assert response.status_code == 404
    assert "There is no review at this address: it may have been deleted." in response.text


def test_saving_an_edit_of_a_review_deleted_meanwhile_keeps_the_typed_text(client, make_review):
    review = make_review()
    client.force_login(review.author)
    url = reverse("reviews:update", args=[review.slug])
    data = review_data(review.film, title="Second thoughts", body="Typed at length")
    review.delete()

    response = client.post(url, data)

    assert response.status_code == 404
    assert [str(message) for message in response.context["messages"]] == [
        "This review was deleted (in another tab or window, perhaps), so your changes could not "
        "be saved. What you typed is below: publish it or save it as a draft to keep it as a new "
        "review."
    ]
    assert "Typed at length</textarea>" in response.text
    assert 'value="Second thoughts"' in response.text
    assert f'action="{reverse("reviews:create")}"' in response.text
    assert not Review.objects.exists()


@pytest.mark.parametrize(
    ("release_date", "watched_on", "message"),
    [
        (None, "1890-01-01", "Fallen Angels came out in 1995: when did you see it?"),
        (None, "1994-12-31", "Fallen Angels came out in 1995: when did you see it?"),
        (
            datetime.date(1995, 9, 6),
            "1995-09-05",
            "Fallen Angels came out on 6 September 1995: when did you see it?",
        ),
    ],
)
def test_a_log_dated_before_the_film_came_out_is_refused(
    client, make_user, make_film, release_date, watched_on, message
):
    film = make_film(title="Fallen Angels", year=1995, release_date=release_date)
    client.force_login(make_user())

    response = client.post(reverse("reviews:create"), review_data(film, watched_on=watched_on))

    assert response.status_code == 200
    assert response.context["form"].errors == {"watched_on": [message]}
    assert not Review.objects.exists()


@pytest.mark.parametrize(
    ("release_date", "watched_on"), [(None, "1995-01-01"), ("1995-09-06", "1995-09-06")]
)
def test_a_log_dated_once_the_film_was_out_is_saved(
    client, make_user, make_film, release_date, watched_on
):
    film = make_film(title="Fallen Angels", year=1995, release_date=release_date)
    client.force_login(make_user())

    client.post(reverse("reviews:create"), review_data(film, watched_on=watched_on))

    assert str(Review.objects.get().watched_on) == watched_on


def test_a_page_of_reviews_out_of_range_says_how_many_there_are(client, make_review):
    make_review()

    response = client.get(reverse("reviews:list"), {"page": "999"})

    assert response.status_code == 404
    assert "There is no page “999” of this list: it has one page." in response.text
