"""Forms for the dashboard: the overview's GET filters and the review POST."""

from django import forms

from statements.models import Actor, Contradiction, Topic
from statements.selectors.search import MAX_QUERY_CHARS, clean_query


class ContradictionFilterForm(forms.Form):
    topic = forms.ModelChoiceField(
        queryset=Topic.objects.none(), required=False, empty_label="Any topic"
    )
    actor = forms.ModelChoiceField(
        queryset=Actor.objects.none(),
        required=False,
        empty_label="Any actor",
        help_text="Either side of the contradiction.",
    )
    date_from = forms.DateField(
        required=False,
        label="Said from",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = forms.DateField(
        required=False,
        label="Said to",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    status = forms.ChoiceField(
        choices=[("", "Any status"), *Contradiction.Status.choices], required=False
    )

    def __init__(self, *args, topics=None, actors=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The caller passes the option querysets so that reads stay in the selectors.
        if topics is not None:
            self.fields["topic"].queryset = topics
        if actors is not None:
            self.fields["actor"].queryset = actors
        for name in ("topic", "actor"):
            self.fields[name].error_messages["invalid_choice"] = (
                f"Unknown {name}: choose one from the list."
            )
        for name in ("date_from", "date_to"):
            self.fields[name].error_messages["invalid"] = "Enter a date as YYYY-MM-DD."

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "The end date is before the start date.")
        return cleaned

    def valid_filters(self) -> dict:
        """The filters that parsed, so one bad value does not discard the others."""
        self.is_valid()
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in self.errors and value not in (None, "")
        }


class ReviewForm(forms.Form):
    status = forms.ChoiceField(
        choices=[
            (Contradiction.Status.CONFIRMED, "Confirm"),
            (Contradiction.Status.DISMISSED, "Dismiss"),
        ]
    )
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Search",
        max_length=MAX_QUERY_CHARS,
        error_messages={
            "required": "Type a few words to search for.",
            "max_length": (
                f"That search is too long: keep it under {MAX_QUERY_CHARS} characters "
                "(it has %(show_value)d)."
            ),
        },
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": "Words said, or a name", "autofocus": True}
        ),
    )

    def clean_q(self):
        q = clean_query(self.cleaned_data["q"])
        if not q:
            raise forms.ValidationError("Type a few words to search for.")
        return q
