import datetime as dt
import json
import re
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify

from statements.extraction import ActorEntry, ActorResolver
from statements.extraction.types import RoleEntry
from statements.models import Actor, ActorAlias, ActorRole

PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "who", "which", "that", "this"}


def actor_alias_normalize(text: str) -> str:
    return " ".join(re.sub(r"[\u2019`]", "'", text).lower().split())


def _unique_slug(name: str) -> str:
    base = slugify(name)[:280] or "actor"
    slug, n = base, 2
    while Actor.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _date(value) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@transaction.atomic
def actors_load_catalogue(*, path: Path) -> int:
    """Create or update actors, aliases and roles from a JSON catalogue; idempotent."""
    entries = json.loads(Path(path).read_text(encoding="utf-8"))
    actors = {}
    for entry in entries:
        actor, _ = Actor.objects.update_or_create(
            slug=entry.get("slug") or slugify(entry["name"]),
            defaults={
                "name": entry["name"],
                "kind": entry.get("kind") or Actor.Kind.PERSON,
                "description": entry.get("description") or "",
                "wikidata_id": entry.get("wikidata_id") or "",
                "status": Actor.Status.APPROVED,
            },
        )
        actors[actor.name] = actor
        for text in [entry["name"], *entry.get("aliases", [])]:
            ActorAlias.objects.get_or_create(
                normalized=actor_alias_normalize(text), defaults={"actor": actor, "text": text}
            )
    for entry in entries:
        actor = actors[entry["name"]]
        parent = actors.get(entry.get("parent") or "")
        if parent and actor.parent_id != parent.pk:
            actor.parent = parent
            actor.save(update_fields=["parent"])
        for role in entry.get("roles", []):
            ActorRole.objects.get_or_create(
                person=actor,
                title=role["title"],
                organisation=actors.get(role.get("organisation") or ""),
                start=_date(role.get("start")),
                defaults={"end": _date(role.get("end"))},
            )
    return len(entries)


def actor_resolver_build() -> ActorResolver:
    """An in-memory resolver over every approved actor's aliases and roles."""
    aliases: dict[int, list[str]] = {}
    for actor_id, text in ActorAlias.objects.filter(
        actor__status=Actor.Status.APPROVED
    ).values_list("actor_id", "text"):
        aliases.setdefault(actor_id, []).append(text)
    roles: dict[int, list[RoleEntry]] = {}
    for role in ActorRole.objects.select_related("organisation"):
        roles.setdefault(role.person_id, []).append(
            RoleEntry(
                title=role.title,
                organisation=role.organisation.name if role.organisation else "",
                start=role.start,
                end=role.end,
            )
        )
    entries = [
        ActorEntry(
            name=actor.name,
            kind=actor.kind,
            aliases=tuple(aliases.get(actor.pk, ())),
            roles=tuple(roles.get(actor.pk, ())),
        )
        for actor in Actor.objects.filter(status=Actor.Status.APPROVED)
    ]
    return ActorResolver(entries)


def actor_proposed_get_or_create(*, speaker_text: str, kind: str | None = None) -> Actor | None:
    """An unknown speaker becomes a proposed actor for editors to approve, never dropped."""
    name = " ".join(speaker_text.split()).strip(" ,.;:\"'")
    if not name or name.lower() in PRONOUNS or len(name) > 200:
        return None
    normalized = actor_alias_normalize(name)
    alias = ActorAlias.objects.select_related("actor").filter(normalized=normalized).first()
    if alias:
        return alias.actor
    try:
        with transaction.atomic():
            actor = Actor.objects.create(
                name=name,
                slug=_unique_slug(name),
                kind=kind if kind in Actor.Kind.values else Actor.Kind.PERSON,
                status=Actor.Status.PROPOSED,
            )
            ActorAlias.objects.create(actor=actor, text=name, normalized=normalized)
    except IntegrityError:
        # Another worker proposed the same speaker at the same moment; the insert waited
        # for its commit, so its alias is visible now.
        alias = ActorAlias.objects.select_related("actor").filter(normalized=normalized).first()
        return alias.actor if alias else None
    return actor


def _aliases_add(actor: Actor, texts) -> None:
    for text in texts:
        text = " ".join(str(text).split())
        if not text:
            continue
        alias, created = ActorAlias.objects.get_or_create(
            normalized=actor_alias_normalize(text), defaults={"actor": actor, "text": text}
        )
        if not created and alias.actor_id != actor.pk:
            raise ValidationError(f"The alias {text!r} already names {alias.actor.name!r}.")


@transaction.atomic
def actor_create(
    *,
    name: str,
    kind: str = Actor.Kind.PERSON,
    slug: str = "",
    parent: Actor | None = None,
    description: str = "",
    wikidata_id: str = "",
    status: str = Actor.Status.APPROVED,
    aliases=(),
    user=None,
) -> Actor:
    """An actor is found by its names: its own name is always one of its aliases."""
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError("An actor needs a name.")
    actor = Actor(
        name=name,
        slug=slug or _unique_slug(name),
        kind=kind,
        parent=parent,
        description=description,
        wikidata_id=wikidata_id,
        status=status,
    )
    actor.full_clean()
    actor._history_user = user
    actor.save()
    _aliases_add(actor, [name, *aliases])
    return actor


@transaction.atomic
def actor_update(*, actor: Actor, aliases=(), user=None, **fields) -> Actor:
    """Renaming keeps the old name as an alias, so earlier text still resolves."""
    editable = {"name", "slug", "kind", "parent", "description", "wikidata_id", "status"}
    unknown = set(fields) - editable
    if unknown:
        raise ValidationError(f"These fields cannot be edited: {', '.join(sorted(unknown))}.")
    if fields.get("parent") is not None and fields["parent"].pk == actor.pk:
        raise ValidationError("An actor cannot be its own parent.")
    for key, value in fields.items():
        setattr(actor, key, value)
    actor.full_clean()
    actor._history_user = user
    actor.save()
    _aliases_add(actor, [actor.name, *aliases])
    return actor
