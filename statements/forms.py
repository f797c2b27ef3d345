"""Forms for the dashboard: the overview's GET filters and the review POST."""

from django import forms
from django.conf import settings
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from sources.models import IngestJob, Outlet
from sources.parsing import IngestInputError, decode_bytes
from statements.models import Actor, Contradiction, Topic
from statements.selectors.search import MAX_QUERY_CHARS, clean_query


class ListSelect(forms.Select):
    """A select rendered in one pass.

    Django renders each option through its own template; for a few hundred topics
    or outlets that alone cost tens of milliseconds per overview page.
    """

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        chosen = "" if value is None else str(value)
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((v, SELECTED if str(v) == chosen else "", label) for v, label in self.choices),
        )
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(final), options)


SELECTED = mark_safe(" selected")  # noqa: S308 (a constant)


class ContradictionFilterForm(forms.Form):
    topic = forms.ModelChoiceField(
        queryset=Topic.objects.none(), required=False, empty_label="Any topic", widget=ListSelect
    )
    # Actors run to thousands: a select that long is slow to render and to use, so
    # they are named by slug (the part of an actor page's URL after /actors/).
    actor = forms.ModelChoiceField(
        queryset=Actor.objects.none(),
        to_field_name="slug",
        required=False,
        help_text="Either side of the contradiction (actor slug, e.g. jens-stoltenberg).",
        widget=forms.TextInput(attrs={"placeholder": "actor slug", "spellcheck": "false"}),
    )
    affiliation = forms.ModelChoiceField(
        queryset=Actor.objects.none(),
        to_field_name="slug",
        required=False,
        label="Affiliation",
        help_text="An organisation: its own claims and its members'.",
        widget=forms.TextInput(attrs={"placeholder": "organisation slug", "spellcheck": "false"}),
    )
    kind = forms.ChoiceField(
        choices=[("", "Any kind"), *Contradiction.Kind.choices], required=False, widget=ListSelect
    )
    status = forms.ChoiceField(
        choices=[("", "Any status"), *Contradiction.Status.choices],
        required=False,
        widget=ListSelect,
    )
    outlet = forms.ModelChoiceField(
        queryset=Outlet.objects.none(), required=False, empty_label="Any outlet", widget=ListSelect
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

    def __init__(self, *args, topics=None, actors=None, outlets=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The caller passes the option querysets so that reads stay in the selectors.
        if topics is not None:
            self.fields["topic"].queryset = topics
        if actors is not None:
            self.fields["actor"].queryset = actors
            self.fields["affiliation"].queryset = actors
        if outlets is not None:
            self.fields["outlet"].queryset = outlets
        for name in ("topic", "actor", "affiliation", "outlet"):
            self.fields[name].error_messages["invalid_choice"] = (
                f"Unknown {name}: choose one from the list."
                if name in ("topic", "outlet")
                else f"Unknown {name}: give the slug from an actor page's address."
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


class IngestForm(forms.Form):
    """One submission for an ingest job: pasted text, a URL, or a file (exactly one)."""

    text = forms.CharField(
        required=False,
        label="Paste an article",
        widget=forms.Textarea(attrs={"rows": 10}),
        strip=False,
    )
    url = forms.URLField(
        required=False, label="Or an article's URL", assume_scheme="https", max_length=2000
    )
    file = forms.FileField(required=False, label="Or upload a file (.txt, .html, .json)")
    title = forms.CharField(required=False, max_length=500)
    outlet = forms.CharField(required=False, max_length=200)

    FILE_TYPES = {".html": "html", ".htm": "html", ".json": "json", ".jsonl": "jsonl"}

    def clean(self):
        cleaned = super().clean()
        given = [k for k in ("text", "url", "file") if cleaned.get(k) not in (None, "")]
        if cleaned.get("text") is not None and not cleaned["text"].strip():
            given = [k for k in given if k != "text"]
        if len(given) != 1:
            raise forms.ValidationError("Give exactly one of: pasted text, a URL, or a file.")
        return cleaned

    def submission(self) -> dict:
        """Keyword arguments for sources.services.ingest_job_create."""
        data = self.cleaned_data
        options = {"title": data.get("title"), "outlet": data.get("outlet")}
        if data.get("url"):
            return {"kind": IngestJob.Kind.URL, "source": data["url"], "options": options}
        if data.get("file"):
            upload = data["file"]
            suffix = "." + upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
            return {
                "kind": IngestJob.Kind.FILE,
                "source": upload.name,
                "payload": self.file_text,
                "content_type": self.FILE_TYPES.get(suffix, "text"),
                "options": options,
            }
        return {
            "kind": IngestJob.Kind.TEXT,
            "payload": data["text"],
            "content_type": "text",
            "options": options,
        }

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        self.file_text = ""
        limit = settings.GAINSAY_UPLOAD_MAX_BYTES
        if upload and upload.size > limit:
            raise forms.ValidationError(
                f"The file is {upload.size:,} bytes; the limit is {limit:,}."
            )
        if upload:
            try:
                self.file_text = decode_bytes(upload.read(), name=f"The file {upload.name!r}")
            except IngestInputError as exc:
                raise forms.ValidationError(str(exc)) from exc
        return upload
