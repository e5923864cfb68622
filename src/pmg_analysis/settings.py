"""One settings file for the whole chain: ``instellingen.yaml`` on the frozen config objects.

Every setting lives in one frozen config dataclass with its default and the reason for it
(:class:`~pmg_analysis.clean.config.CleanConfig`, :class:`~pmg_analysis.themes.ThemeConfig`,
:class:`~pmg_analysis.prioritise.PriorityConfig`, ...). :class:`Settings` gathers them, one
section per config, and a YAML file overrides any field: a section per config, a key per field,
nested configs as nested mappings::

    prioritise:
      weight_demand: 0.5
    themes:
      seed: 1
    regions:
      typology:
        nabij_max_bereik: 1.2

:func:`read_settings` checks the file against the dataclasses before anything runs: an unknown
key, a wrong type or an out-of-range value is one Dutch line naming the key
(:class:`~pmg_analysis.errors.InputError`; the CLI exits with code 2 and writes nothing). Types
come from the field annotations (checked strictly by pydantic), ranges from ``Annotated``
constraints on a field (``annotated_types.Interval``) and from a config's ``__post_init__``.

The reason for each default is written once, at the field in the config class:
``setting(default, reason=...)`` (:mod:`pmg_analysis.reasons`) keeps it in the field's metadata.
:func:`field_reasons` reads it from there and :func:`defaults_yaml` prints every default with
its reason as a ready-to-edit file (``pmg-analysis instellingen``).

The pseudonym key (``clean.pseudonym_key``) is the one secret: it comes from the file, else from
the environment variable ``PMG_PSEUDONYM_KEY``, else the public default; it is never written to
the manifest, a report or a notebook parameter (:meth:`Settings.changes` shows "eigen sleutel").
"""

from __future__ import annotations

import os
import textwrap
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, is_dataclass, replace
from pathlib import Path
from typing import Any

from pmg_analysis.clean.config import CleanConfig
from pmg_analysis.clean.manifest import SettingsInForce
from pmg_analysis.errors import InputError
from pmg_analysis.prioritise.config import PriorityConfig
from pmg_analysis.reasons import reason_of
from pmg_analysis.regions.build import RegionsConfig
from pmg_analysis.regions.cluster import KMeansConfig
from pmg_analysis.regions.respondents import GroupingConfig
from pmg_analysis.reportconfig import ReportConfig
from pmg_analysis.text.coder import TextConfig
from pmg_analysis.text.needs import NeedConfig
from pmg_analysis.themes.config import ThemeConfig

PSEUDONYM_KEY_ENV = "PMG_PSEUDONYM_KEY"  # documented in CleanConfig.pseudonym_key
SECRET = "clean.pseudonym_key"  # never stored, shown or passed on; see Settings.changes
SECRET_SHOWN = "eigen sleutel"
STANDARD = "standaardinstellingen"


@dataclass(frozen=True)
class Settings:
    """All settings of one run, one section per config object (the sections of the YAML file).

    A config that is part of two others is one section, linked into both (:data:`LINKED`):
    ``grouping`` is also ``themes.grouping``, ``text`` also ``learning_needs.text``.

    Examples
    --------
    >>> Settings().prioritise.weight_demand
    0.35
    >>> s = settings_from_mapping({"prioritise": {"weight_demand": 0.5},
    ...                            "grouping": {"bron": "zelf"}})
    >>> s.changes()
    {'grouping.bron': 'zelf', 'prioritise.weight_demand': 0.5}
    >>> s.themes.grouping.bron
    'zelf'
    """

    clean: CleanConfig = field(default_factory=CleanConfig)
    regions: RegionsConfig = field(default_factory=RegionsConfig)
    region_clusters: KMeansConfig = field(default_factory=KMeansConfig)
    grouping: GroupingConfig = field(default_factory=GroupingConfig)
    themes: ThemeConfig = field(default_factory=ThemeConfig)
    text: TextConfig = field(default_factory=TextConfig)
    learning_needs: NeedConfig = field(default_factory=NeedConfig)
    prioritise: PriorityConfig = field(default_factory=PriorityConfig)
    report: ReportConfig = field(default_factory=ReportConfig)

    def changes(self) -> dict[str, Any]:
        """Dotted key -> value of every setting that differs from its default (sorted), as
        plain JSON values; the pseudonym key shows as ``"eigen sleutel"``."""
        now, default = _flatten(self), _flatten(Settings())
        return {key: (SECRET_SHOWN if key == SECRET else value)
                for key, value in sorted(now.items()) if value != default.get(key)}

    def overrides(self) -> dict[str, Any]:
        """The changes as a nested mapping that :func:`settings_from_mapping` reads back into
        these settings (without the pseudonym key): the notebooks' ``instellingen`` parameter."""
        nested: dict[str, Any] = {}
        for key, value in self.changes().items():
            if key == SECRET:
                continue
            *path, last = key.split(".")
            node = nested
            for part in path:
                node = node.setdefault(part, {})
            node[last] = value
        return nested

    @property
    def public_pseudonym_key(self) -> bool:
        """True when response ids are hashed with the public default key."""
        return self.clean.pseudonym_key == CleanConfig().pseudonym_key

    def sentence(self) -> str:
        """One Dutch sentence for every report: "standaardinstellingen" or what was changed.

        >>> Settings().sentence()
        'Instellingen: standaardinstellingen.'
        >>> settings_from_mapping({"themes": {"seed": 1}}).sentence()
        'Instellingen: gewijzigd ten opzichte van de standaard: themes.seed = 1.'
        """
        changed = self.changes()
        if not changed:
            return f"Instellingen: {STANDARD}."
        listed = "; ".join(f"{key} = {_show(value)}" for key, value in changed.items())
        return f"Instellingen: gewijzigd ten opzichte van de standaard: {listed}."

    def in_force(self) -> SettingsInForce:
        """What the manifest stores about these settings (never the pseudonym key itself)."""
        return SettingsInForce(changes=self.changes(), sentence=self.sentence(),
                               pseudonym_sentence=self.pseudonym_sentence())

    def pseudonym_sentence(self) -> str | None:
        """One Dutch sentence when the pseudonyms use the public default key, else None."""
        if not self.public_pseudonym_key:
            return None
        return ("De pseudoniemen van de inzendingen zijn gemaakt met de openbare "
                "standaardsleutel, zodat wie de export heeft ze kan terugrekenen; geef een eigen "
                f"sleutel op in het instellingenbestand ({SECRET}) of in {PSEUDONYM_KEY_ENV}.")


# Nested configs that are one section of their own: (section, field) -> the section it is.
LINKED: dict[tuple[str, str], str] = {
    ("themes", "grouping"): "grouping",
    ("learning_needs", "text"): "text",
}


def settings_from_mapping(data: Mapping[str, Any] | None, *,
                          path: str | Path | None = None) -> Settings:
    """Settings from a nested mapping (a parsed settings file or the notebooks' parameter),
    checked against the config dataclasses; missing keys keep their default.

    Raises
    ------
    InputError
        One Dutch line naming the first unknown key, wrong type or out-of-range value.

    Examples
    --------
    >>> def check(data):
    ...     try:
    ...         settings_from_mapping(data)
    ...     except InputError as err:
    ...         print(err.describe())
    >>> check({"themes": {"sed": 1}})
    Fout: onbekende instelling 'themes.sed'; bedoelt u 'themes.seed'?
    >>> check({"prioritise": {"weight_demand": "veel"}})
    Fout: instelling 'prioritise.weight_demand' moet een getal zijn, niet 'veel'.
    >>> check({"themes": {"confidence": 1.5}})
    Fout: instelling 'themes.confidence' moet kleiner dan 1 zijn, niet 1.5.
    """
    data = {} if data is None else data
    if not isinstance(data, Mapping):
        raise InputError("een instellingenbestand bevat secties met instellingen "
                         "(sectie: sleutel: waarde), geen losse waarde of lijst.", path=path)
    for (section, name), other in LINKED.items():
        if isinstance(data.get(section), Mapping) and name in data[section]:
            raise InputError(f"instelling '{section}.{name}' staat in de eigen sectie "
                             f"'{other}'; zet haar daar.", path=path)
    settings = _build(Settings, data, prefix="", path=path)
    for (section, name), other in LINKED.items():
        settings = replace(settings, **{section: replace(getattr(settings, section),
                                                         **{name: getattr(settings, other)})})
    return settings


def read_settings(path: str | Path | None = None, *,
                  environ: Mapping[str, str] | None = None) -> Settings:
    """The settings in force: the YAML file at ``path`` (None: the defaults), and the pseudonym
    key from ``PMG_PSEUDONYM_KEY`` when the file does not set one.

    Raises
    ------
    InputError
        The file is missing or no valid YAML, or a key, type or value is wrong (one Dutch line
        naming the key).
    """
    import yaml

    environ = os.environ if environ is None else environ
    data: Any = {}
    if path is not None:
        path = Path(path)
        if not path.is_file():
            raise InputError("het instellingenbestand bestaat niet.", path=path)
        try:
            data = yaml.safe_load(path.read_text("utf-8")) or {}
        except (yaml.YAMLError, UnicodeDecodeError) as err:
            line = getattr(getattr(err, "problem_mark", None), "line", None)
            raise InputError("dit is geen geldig YAML-bestand.", path=path,
                             row=None if line is None else line + 1) from err
    settings = settings_from_mapping(data, path=path)
    key = environ.get(PSEUDONYM_KEY_ENV)
    file_sets_key = isinstance(data, Mapping) and isinstance(data.get("clean"), Mapping) \
        and "pseudonym_key" in data["clean"]
    if key and not file_sets_key:
        settings = replace(settings, clean=replace(settings.clean, pseudonym_key=key))
    if not settings.clean.pseudonym_key:
        raise InputError(f"instelling '{SECRET}' mag niet leeg zijn.", path=path)
    return settings


# --- checking one section against its dataclass -----------------------------------------------

_MESSAGES = {
    "float_type": "een getal", "int_type": "een geheel getal", "bool_type": "true of false",
    "string_type": "tekst", "tuple_type": "een lijst", "frozen_set_type": "een lijst",
    "list_type": "een lijst", "dict_type": "een lijst van sleutel: waarde",
    "is_instance_of": "een pad", "none_required": "leeg (null)",
}


def _build(cls: type, data: Mapping[str, Any], *, prefix: str, path: str | Path | None) -> Any:
    hints = typing.get_type_hints(cls, include_extras=True)
    known = {f.name: f for f in fields(cls) if f.init}
    for key in data:
        if key not in known:
            import difflib

            close = difflib.get_close_matches(str(key), list(known), n=1)
            hint = f"; bedoelt u '{prefix}{close[0]}'?" if close else \
                f" (bekend: {', '.join(known)})."
            raise InputError(f"onbekende instelling '{prefix}{key}'{hint}", path=path)
    default = cls()
    values: dict[str, Any] = {}
    for key, value in data.items():
        hint, name = hints[key], f"{prefix}{key}"
        nested = _dataclass_of(hint)
        if nested is not None:
            value = {} if value is None else value  # a section whose keys are all commented out
            if not isinstance(value, Mapping):
                raise InputError(f"instelling '{name}' is een groep instellingen "
                                 f"({name}: sleutel: waarde), geen losse waarde.", path=path)
            inner = _build(nested, value, prefix=f"{name}.", path=path)
            values[key] = replace(getattr(default, key), **{
                f.name: getattr(inner, f.name) for f in fields(nested) if f.name in value})
            continue
        values[key] = _check(hint, value, name, path)
    try:
        return replace(default, **values)
    except (ValueError, TypeError) as err:  # a rule checked in the config's __post_init__
        keys = ", ".join(f"'{prefix}{k}'" for k in values)
        word = "instelling" if len(values) == 1 else "instellingen"
        verb = "ligt" if len(values) == 1 else "liggen"
        raise InputError(f"{word} {keys} {verb} buiten het toegestane bereik: {err}.",
                         path=path) from err


def _dataclass_of(hint: Any) -> type | None:
    hint = _bare(hint)
    return hint if isinstance(hint, type) and is_dataclass(hint) else None


def _bare(hint: Any) -> Any:
    """The type without ``Annotated`` constraints."""
    return typing.get_args(hint)[0] if typing.get_origin(hint) is typing.Annotated else hint


def _check(hint: Any, value: Any, name: str, path: str | Path | None) -> Any:
    from pydantic import TypeAdapter, ValidationError

    try:
        return TypeAdapter(hint).validate_python(_from_yaml(hint, value), strict=True)
    except ValidationError as err:
        error = err.errors()[0]
        kind, ctx = error["type"], error.get("ctx", {})
        if kind == "literal_error":
            expected = f"een van {str(ctx.get('expected')).replace(' or ', ' of ')}"
        elif kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
            word = {"greater_than_equal": "minstens", "greater_than": "groter dan",
                    "less_than_equal": "hoogstens", "less_than": "kleiner dan"}[kind]
            bound = _show(next(iter(ctx.values())))
            raise InputError(f"instelling '{name}' moet {word} {bound} zijn, niet "
                             f"{_show(value)}.", path=path) from err
        else:
            expected = _MESSAGES.get(kind, "een andere waarde")
            loc = [part for part in error.get("loc", ()) if isinstance(part, str)
                   and part not in ("str", "float", "int", "bool", "none")]
            if kind not in _MESSAGES or loc:
                expected = f"{_type_name(hint)}"
        raise InputError(f"instelling '{name}' moet {expected} zijn, niet {_show(value)}.",
                         path=path) from err


def _from_yaml(hint: Any, value: Any) -> Any:
    """YAML has lists and strings where the configs have tuples, frozensets and paths."""
    hint = _bare(hint)
    options = typing.get_args(hint) if _is_union(hint) else (hint,)
    for option in options:
        origin = typing.get_origin(_bare(option)) or _bare(option)
        if isinstance(value, list) and origin in (tuple, frozenset):
            args = typing.get_args(_bare(option))
            if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
                value = [_from_yaml(args[0], v) for v in value]  # tuple[X, ...]: each an X
            elif origin is tuple and args and len(args) == len(value):
                value = [_from_yaml(a, v) for a, v in zip(args, value, strict=True)]
            return origin(value)
        if isinstance(value, str) and origin is Path:
            return Path(value)
    return value


def _is_union(hint: Any) -> bool:
    return typing.get_origin(hint) in (typing.Union, types.UnionType)


def _type_name(hint: Any) -> str:
    hint = _bare(hint)
    if _is_union(hint):
        return " of ".join(_type_name(a) for a in typing.get_args(hint))
    origin = typing.get_origin(hint) or hint
    return {float: "een getal", int: "een geheel getal", bool: "true of false", str: "tekst",
            tuple: "een lijst", frozenset: "een lijst", list: "een lijst",
            dict: "een lijst van sleutel: waarde", Path: "een pad",
            type(None): "leeg (null)"}.get(origin, str(hint))


def _show(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value) if isinstance(value, str) else _plain_yaml(value)


def _plain_yaml(value: Any) -> str:
    import yaml

    return yaml.safe_dump(_jsonable(value), default_flow_style=True, allow_unicode=True,
                          width=10_000).strip().removesuffix("...").strip()


# --- flattening and printing ------------------------------------------------------------------

def _jsonable(value: Any) -> Any:
    if isinstance(value, tuple | list):
        return [_jsonable(v) for v in value]
    if isinstance(value, frozenset | set):
        return sorted(_jsonable(v) for v in value)
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, Path):
        return str(value)
    return value


def _flatten(obj: Any, prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in fields(obj):
        if not f.init:
            continue
        key = f"{prefix}{f.name}"
        if (prefix.rstrip("."), f.name) in LINKED:
            continue
        value = getattr(obj, f.name)
        if is_dataclass(value):
            out.update(_flatten(value, f"{key}."))
        else:
            out[key] = _jsonable(value)
    return out


def field_reasons(cls: type) -> dict[str, str]:
    """Field name -> the reason stored with its default in ``cls`` (empty when none).

    The reason is written at the field with :func:`pmg_analysis.reasons.setting` and kept in
    the field's metadata (every config field has one, see ``tests/test_settings.py``).

    Examples
    --------
    >>> field_reasons(PriorityConfig)["enough_leads"][:40]
    'Two candidate trekkers are enough (part '
    >>> field_reasons(PriorityConfig)["group_max"]
    'the upper end of the 4-8 range above'
    """
    return {item.name: reason_of(item) for item in fields(cls)}


def defaults_yaml(width: int = 96) -> str:
    """Every setting with its default and, above it, the reason, as a ready-to-edit YAML
    file (``pmg-analysis instellingen``). The pseudonym key is shown commented out, so that
    the file does not hide ``PMG_PSEUDONYM_KEY``.

    Reading the printed file back gives the defaults:

    >>> import yaml
    >>> settings_from_mapping(yaml.safe_load(defaults_yaml())) == Settings()
    True
    """
    out = [
        "# Instellingen van pmg-analysis: alle standaardwaarden, met boven elke waarde de reden.",
        "# Pas aan wat u anders wilt en geef het bestand mee:",
        "#   pmg-analysis report export.xlsx --instellingen instellingen.yaml",
        "#   make report INPUT=export.xlsx INSTELLINGEN=instellingen.yaml",
        "# Regels die u weglaat, houden hun standaardwaarde. Een onbekende sleutel, een verkeerd",
        "# type of een waarde buiten het bereik geeft één foutregel en er wordt niets geschreven.",
        "",
    ]
    out += _section_yaml(Settings(), indent="", prefix="", width=width)
    return "\n".join(out) + "\n"


def _section_yaml(obj: Any, *, indent: str, prefix: str, width: int) -> list[str]:
    import yaml

    reasons = field_reasons(type(obj))
    out: list[str] = []
    for f in fields(obj):
        if not f.init or (prefix.rstrip("."), f.name) in LINKED:
            continue
        key = f"{prefix}{f.name}"
        value = getattr(obj, f.name)
        reason = reasons.get(f.name, "")
        out += [f"{indent}# {line}"
                for line in textwrap.wrap(reason, width=width - len(indent) - 2)]
        if is_dataclass(value):
            doc = type(value).__doc__ or ""
            if not prefix and not reason and not doc.startswith(f"{type(value).__name__}("):
                out.append(f"{indent}# {doc.strip().splitlines()[0]}")
            out.append(f"{indent}{f.name}:")
            out += _section_yaml(value, indent=indent + "  ", prefix=f"{key}.", width=width)
            if not prefix:
                out.append("")
            continue
        rendered = yaml.safe_dump(_jsonable(value), default_flow_style=True,
                                  allow_unicode=True, sort_keys=False,
                                  width=width - len(indent) - len(f.name) - 16)
        rendered = rendered.strip().removesuffix("...").strip().splitlines()
        comment = "# " if key == SECRET else ""
        if key == SECRET:
            out.append(f"{indent}# (standaard uit; zet hier een eigen sleutel, of gebruik "
                       f"{PSEUDONYM_KEY_ENV})")
        out.append(f"{indent}{comment}{f.name}: {rendered[0]}")
        out += [f"{indent}{comment}  {line.strip()}" for line in rendered[1:]]
    return out
