"""A shared part is kept once for everyone; what it holds of one member ({% member_part %},
{% csrf_token %}) is rendered for each request, for the members its condition names only."""

from django.contrib.auth.models import AnonymousUser, Permission
from django.template import Context, Template

PART = Template(
    "{% load shared %}{% shared 'part' %}<p>Shared</p>"
    '{% member_part "includes/comment_own_links.html" only_author=author comment_pk=7 %}'
    '{% member_part "includes/comment_moderation_link.html" only_perm="reviews.change_comment" '
    "comment_pk=7 hidden=False %}{% endshared %}"
)


def render(user, author):
    return PART.render(Context({"user": user, "author": author}))


def test_a_members_own_links_are_never_kept_for_the_next_visitor(make_user):
    author, other = make_user(), make_user()

    for_author = render(author, author.pk)  # builds and keeps the part
    for_other = render(other, author.pk)
    for_visitor = render(AnonymousUser(), author.pk)

    assert 'href="/comments/7/edit/"' in for_author
    assert for_other == for_visitor == "<p>Shared</p>"


def test_a_part_for_a_permission_shows_to_staff_who_have_it(make_user):
    moderator, member = make_user(is_staff=True), make_user()
    moderator.user_permissions.add(Permission.objects.get(codename="change_comment"))

    assert render(member, 0) == "<p>Shared</p>"
    assert render(moderator, 0) == '<p>Shared</p><a href="/comments/7/moderate/">Hide</a>'


def test_a_part_for_the_author_of_nothing_shows_to_nobody(make_user):
    assert render(make_user(), None) == "<p>Shared</p>"
    assert render(AnonymousUser(), None) == "<p>Shared</p>"
