from django.views.generic import TemplateView

from films.models import Film
from reviews.models import Review


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["films"] = Film.objects.for_cards()[:6]
        context["reviews"] = Review.objects.published().for_list()[:3]
        return context
