"""Writing a definition back out as YAML a person can read and edit (team copies, spreadsheet imports)."""

from __future__ import annotations

from typing import Any

import yaml

from tidesk.core.forms.model import FormDefinition, Item, Kind, Scale


def _scale(scale: Scale) -> dict[str, Any]:
    return {"min": scale.minimum, "max": scale.maximum, "labels": dict(scale.labels)}


def _item(item: Item) -> dict[str, Any]:
    out: dict[str, Any] = {"id": item.id, "kind": item.kind.value, "text": item.text}
    if item.help:
        out["help"] = item.help
    if item.required:
        out["required"] = True
    if item.scale is not None:
        out["scale"] = _scale(item.scale)
    if item.choices:
        out["choices"] = [{"value": c.value, "label": c.label} for c in item.choices]
    if item.kind == Kind.NUMBER:
        if item.minimum is not None:
            out["min"] = item.minimum
        if item.maximum is not None:
            out["max"] = item.maximum
        if item.integer:
            out["integer"] = True
    if item.dont_know:
        out["dont_know"] = True
    if item.not_applicable:
        out["not_applicable"] = True
    if item.tags:
        out["tags"] = list(item.tags)
    return out


def as_data(form: FormDefinition) -> dict[str, Any]:
    out: dict[str, Any] = {
        "form": form.id,
        "version": form.version,
        "title": form.title,
        "purpose": form.purpose,
        "answered_by": form.answered_by.value,
        "anonymous": form.anonymous,
    }
    if form.credit:
        out["credit"] = form.credit
    out["sections"] = [
        {"id": s.id, "title": s.title, **({"help": s.help} if s.help else {}), "items": [_item(i) for i in s.items]}
        for s in form.sections
    ]
    scoring = {
        k: list(v)
        for k, v in (
            ("group_by", form.scoring.group_by),
            ("reverse", form.scoring.reverse),
            ("exclude", form.scoring.exclude),
        )
        if v
    }
    if scoring:
        out["scoring"] = scoring
    return out


def dump(form: FormDefinition, header: str = "") -> str:
    """The definition as YAML; ``header`` becomes comment lines at the top (where it came from, what to do)."""
    comments = "".join(f"# {line}\n".replace("# \n", "#\n") for line in header.splitlines())
    body: str = yaml.safe_dump(as_data(form), sort_keys=False, allow_unicode=True, width=100, default_flow_style=None)
    return comments + body
