"""The one validation layer every configuration file and the environment go through: pydantic
models, and pydantic's errors turned into one line naming the file, the key, the bad value and
what it must be."""

from __future__ import annotations

import tomllib
import types
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, ClassVar, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ghtalent.paths import REPO_ROOT


class ConfigError(ValueError):
    """The configuration is malformed; the message names the file, the value and the fix."""


class ConfigModel(BaseModel):
    """A table of a configuration file: unknown keys are errors (a typo must not silently fall
    back to a default) and the result is frozen. Each field's `description` says what it must
    be; error messages quote it."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    key_noun: ClassVar[str] = "setting"  # what an unknown key is called in errors


# Numbers are strict: TOML types its values, so "0.5" (a string) or true are mistakes.
NonNegative = Annotated[
    float, Field(strict=True, ge=0, allow_inf_nan=False, description="a non-negative number")
]
Share = Annotated[
    float,
    Field(strict=True, ge=0, le=1, allow_inf_nan=False, description="a share between 0 and 1"),
]
PositiveInt = Annotated[int, Field(strict=True, ge=1, description="a positive whole number")]
NonNegativeInt = Annotated[int, Field(strict=True, ge=0, description="a non-negative whole number")]

M = TypeVar("M", bound=BaseModel)


def display(path: Path | str) -> str:
    """A path as the user knows it: relative to the checkout when inside it."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(REPO_ROOT))
    except ValueError:
        return str(path)


def read_toml(path: Path, what: str, error: type[Exception] | None = None) -> dict:
    """A TOML file as a dict; a missing or malformed file raises `error` (ConfigError by default)
    naming `what`, the path and the problem."""
    error = error or ConfigError
    try:
        return tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise error(f"{what} not found: {path}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise error(f"{what} {path} is not valid TOML: {exc}") from exc


def validate(
    model: type[M],
    data: Mapping[str, Any],
    source: str,
    error: type[ConfigError] = ConfigError,
    context: dict | None = None,
    assign: bool = False,
) -> M:
    """`data` as a `model`, or `error` with one line: `<source>: <key> must be ..., got ...`
    (`assign`: `<KEY>=<value> ...`, the way environment variables are written)."""
    try:
        return model.model_validate(data, context=context)
    except ValidationError as exc:
        # A misspelt key explains the missing one it was meant to be: name it first.
        errors = exc.errors(include_url=False)
        first = min(errors, key=lambda e: e["type"] != "extra_forbidden")
        cause = (first.get("ctx") or {}).get("error")
        kind = type(cause) if isinstance(cause, ConfigError) else error
        line = describe(model, data, first, assign)
        raise kind(f"{source}: {line}" if source else line) from None


def describe(
    model: type[BaseModel], data: Any, err: Mapping[str, Any], assign: bool = False
) -> str:
    """One pydantic error as `<key> must be <what the field expects>, got <value>`."""
    loc = tuple(err["loc"])
    where = key_path(loc, data)
    parent, field = _field_at(model, loc)
    expects = (field.description if field else None) or ""
    if loc and isinstance(loc[-1], int) and field is not None:
        expects = _item_description(field.annotation) or expects
    kind, value = err["type"], err.get("input")
    if kind == "extra_forbidden":
        owner: type[BaseModel] | None = model
        if loc[:-1]:
            holder, info = _field_at(model, loc[:-1])
            owner = _inner_model(info.annotation) if info else holder
        names = [f.alias or n for n, f in owner.model_fields.items()] if owner else []
        tables = owner is not None and all(
            _inner_model(f.annotation) for f in owner.model_fields.values()
        )
        noun = getattr(owner, "key_noun", "setting")
        what = f"section [{where}]" if tables else f"{noun} {where}"
        return f"unknown {what}; known: {', '.join(names)}"
    if kind == "missing":
        inside = key_path(loc[:-1], data) or "the file"
        return f"{inside} needs `{loc[-1]}`" + (f" ({expects})" if expects else "")
    if kind == "literal_error" and field is not None:
        known = [str(a) for a in _literal_args(field.annotation)]
        return f"{where} is {value!r}; known: {', '.join(known)}"
    if kind in ("value_error", "assertion_error"):
        message = str((err.get("ctx") or {}).get("error") or err["msg"])
        if assign:
            # A secret (a field with repr=False) is never echoed: errors end up in logs.
            shown = f"{where}={value!r}" if field is None or field.repr else where
            return f"{shown} {message}".replace("VAR=", f"{where}=")
        return f"{where}: {message}" if where else message
    if not expects and field is not None and _inner_model(field.annotation):
        expects = f"a table [{where}]"
    if not expects:
        expects = err["msg"][0].lower() + err["msg"][1:]
        expects = expects.removeprefix("input should be ")
    return f"{where} must be {expects}, got {value!r}"


def key_path(loc: tuple, data: Any) -> str:
    """`power.weights.forks`, `keyword #2 ('glm').query`: where in the file a value is."""
    out, node = "", data
    for part in loc:
        if isinstance(part, int):
            item = node[part] if isinstance(node, list) and part < len(node) else None
            slug = item.get("slug") if isinstance(item, dict) else None
            out += f" #{part + 1}" + (f" ({slug!r})" if isinstance(slug, str) else "")
            node = item
        else:
            out += f".{part}" if out else str(part)
            node = node.get(part) if isinstance(node, dict) else None
    return out


def _field_at(model: type[BaseModel] | None, loc: tuple):
    """(the model holding the last key of `loc`, that key's FieldInfo or None)."""
    owner, info = model, None
    for i, part in enumerate(loc):
        if isinstance(part, int):
            continue
        if owner is None:
            return None, None
        info = next(
            (f for n, f in owner.model_fields.items() if part in (n, f.alias)),
            None,
        )
        if info is None:
            return owner, None
        inner = _inner_model(info.annotation)
        if i < len(loc) - 1 and inner is not None:
            owner = inner
    return owner, info


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    """The model inside `Model`, `list[Model]`, `tuple[Model, ...]`, `Model | None`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _item_description(annotation: Any) -> str | None:
    """The description of a list's items (`tuple[Annotated[str, Field(description=...)], ...]`)."""
    for arg in typing.get_args(annotation):
        for meta in getattr(arg, "__metadata__", ()):
            if getattr(meta, "description", None):
                return meta.description
    return None


def _literal_args(annotation: Any) -> list:
    if typing.get_origin(annotation) is typing.Literal:
        return list(typing.get_args(annotation))
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        return [a for arg in typing.get_args(annotation) for a in _literal_args(arg)]
    return []
