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
