from django import forms


class SearchBoxForm(forms.Form):
    """A search box (q, labelled `label`); an invalid value is a field error, never a 500."""

    label = "Search"
    placeholder = ""

    q = forms.CharField(required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].label = self.label
        self.fields["q"].widget.attrs.update({"placeholder": self.placeholder, "type": "search"})

    @property
    def query(self):
        """The text searched for: empty when there is none or it is not valid."""
        return self.cleaned_data.get("q", "").strip() if self.is_valid() else ""


class CountedMessage(str):
    """An error message whose numbers are written as the site writes numbers, with thousands
    separators ("it has 20,000"): Django fills a validator's %(…)s from its params, which are
    plain integers ("%(show_value)d" gives "20000")."""

    def __mod__(self, params):
        return str.__mod__(
            self,
            {
                key: f"{value:,}" if isinstance(value, int) else value
                for key, value in params.items()
            },
        )


def too_long(what, limit):
    """The error of a text over `limit` characters: "Keep your comment under 5,000 characters
    (it has 20,000)."."""
    return CountedMessage(f"Keep your {what} under {limit:,} characters (it has %(show_value)s).")
