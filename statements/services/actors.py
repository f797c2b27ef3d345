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
# A transcript's labels for whoever asks or answers name nobody either.
NO_NAMES = PRONOUNS | {"question", "answer", "questioner"}


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
    # A single letter is no name: the Q and A of an interview transcript.
    if len(name) < 2 or name.lower() in NO_NAMES or len(name) > 200:
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


def _alias_claim(actor: Actor, text: str, user) -> None:
    """Give `actor` the name `text`, unless another actor already goes by it."""
    normalized = actor_alias_normalize(text)
    alias = ActorAlias.objects.select_related("actor").filter(normalized=normalized).first()
    if alias is None:
        alias = ActorAlias(actor=actor, text=text, normalized=normalized)
        alias._history_user = user
        alias.save()
    elif alias.actor_id != actor.pk:
        raise ValidationError({"aliases": [f"{text!r} already names {alias.actor.name!r}."]})


def _aliases_add(actor: Actor, texts, user=None) -> None:
    for text in texts:
        text = " ".join(str(text).split())
        if text:
            _alias_claim(actor, text, user)


def _aliases_replace(actor: Actor, texts, user) -> None:
    """The actor's aliases become exactly `texts` plus its own name (always an alias)."""
    wanted = {}
    for text in [actor.name, *texts]:
        text = " ".join(str(text).split())
        if not text:
            raise ValidationError({"aliases": ["An alias cannot be blank."]})
        wanted.setdefault(actor_alias_normalize(text), text)
    for alias in actor.aliases.all():
        text = wanted.pop(alias.normalized, None)
        alias._history_user = user
        if text is None:
            alias.delete()
        elif text != alias.text:
            alias.text = text
            alias.save()
    for text in wanted.values():
        _alias_claim(actor, text, user)


def _roles_replace(actor: Actor, roles, user) -> None:
    """The actor's roles become exactly `roles`; an item with an `id` changes that role."""
    existing = {role.pk: role for role in actor.roles.all()}
    kept = []
    for item in roles:
        role_id = item.get("id")
        if role_id is not None:
            if role_id not in existing:
                raise ValidationError({"roles": [f"Role {role_id} is not one of this actor's."]})
            role = existing.pop(role_id)
        else:
            role = ActorRole(person=actor)
        organisation = item.get("organisation")
        if organisation is not None and organisation.pk == actor.pk:
            raise ValidationError({"roles": ["An actor holds no role in itself."]})
        role.title = " ".join((item.get("title") or "").split())
        role.organisation = organisation
        role.start = item.get("start")
        role.end = item.get("end")
        kept.append(role)
    for stale in existing.values():
        stale._history_user = user
        stale.delete()
    for role in kept:
        if role.start and role.end and role.end < role.start:
            raise ValidationError({"roles": [f"{role.title!r} ends before it starts."]})
        try:
            role.full_clean()
        except ValidationError as exc:
            raise ValidationError({"roles": exc.messages}) from exc
        role._history_user = user
        role.save()


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
    roles=(),
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
    _aliases_add(actor, [name, *aliases], user)
    if roles:
        _roles_replace(actor, roles, user)
    return actor


@transaction.atomic
def actor_update(*, actor: Actor, aliases=None, roles=None, user=None, **fields) -> Actor:
    """Renaming keeps the old name as an alias, so earlier text still resolves.

    `aliases` or `roles`, when given, replace the actor's (the name stays an alias); the
    actor is saved either way, so a change of its aliases or roles moves its `updated_at`
    and shows in incremental sync. Every alias and role write is kept in history.
    """
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
    if aliases is None:
        _aliases_add(actor, [actor.name], user)
    else:
        _aliases_replace(actor, aliases, user)
    if roles is not None:
        _roles_replace(actor, roles, user)
    return actor


@transaction.atomic
def actors_approve(*, actors, user=None) -> int:
    """Editors approve proposed actors; each change is kept in history with the editor."""
    approved = 0
    for actor in actors.filter(status=Actor.Status.PROPOSED):
        actor.status = Actor.Status.APPROVED
        actor._history_user = user
        actor.save(update_fields=["status", "updated_at"])
        approved += 1
    return approved
