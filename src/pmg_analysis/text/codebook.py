"""The codebook of learning needs (``text/data/leerbehoeften.yaml``): read, check, edit, write.

A researcher codes open answers with a codebook, as in NVivo, MAXQDA or Atlas.ti: per need an
id, a Dutch name, its theme and opgave, a short description, terms and synonyms, and one to
three example questions. :func:`load_codebook` reads and validates one (pydantic: a wrong theme,
an unknown opgave or a duplicate id is one Dutch line naming the need); :func:`accept_suggestion`,
:func:`rename_need` and :func:`merge_needs` change it and :func:`write_codebook` writes it back,
so the next run uses the updated codebook.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from pmg_analysis import catalog
from pmg_analysis.instrument import load_instrument

# The project's own codebook (data/raw/leerbehoeften.yaml): written by accept_suggestion,
# rename_need and merge_needs (with ``write_to=USER_CODEBOOK``) and read instead of the packaged
# one when it exists, so that reruns use the researcher's edits.
USER_CODEBOOK = catalog.CODEBOOK_OWN.path()

ID = re.compile(r"^[a-z][a-z0-9_]*$")
# Example questions per need at most (the codebook's rule: one to three).
MAX_EXAMPLES = 3


class CodebookError(ValueError):
    """A codebook that cannot be used; the message is one Dutch line naming file and need."""


class Need(BaseModel):
    """One learning need of the codebook."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    naam: str = Field(min_length=1)
    thema: str
    opgave: str | None = None
    beschrijving: str = ""
    termen: tuple[str, ...] = ()
    # one to three example questions: more makes the closest example the loudest one
    voorbeelden: tuple[str, ...] = Field(default=(), max_length=MAX_EXAMPLES)
    # ids of needs merged into this one: their coded questions count for it (.coded)
    ook: tuple[str, ...] = ()

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        if not ID.match(value):
            raise ValueError("alleen kleine letters, cijfers en '_', beginnend met een letter")
        return value

    @field_validator("naam")
    @classmethod
    def _name(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("de naam mag niet leeg zijn")
        return value.strip()

    @field_validator("termen")
    @classmethod
    def _terms(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        from pmg_analysis.text.terms import term_tokens

        for term in value:
            toks = term_tokens(term)
            if not toks:
                raise ValueError(f"term '{term}' heeft geen letters en wordt nooit gevonden")
        return value

    @field_validator("thema")
    @classmethod
    def _theme(cls, value: str) -> str:
        codes = load_instrument().theme_codes
        if value not in codes:
            raise ValueError(f"thema moet een van {', '.join(codes)} zijn")
        return value

    @field_validator("opgave")
    @classmethod
    def _opgave(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is not None and value not in _opgaven():
            raise ValueError("onbekende opgave (zie de opgaven in de vragenlijst, EA1 ... EF6)")
        theme = info.data.get("thema")
        if value is not None and theme and not value.startswith(theme):
            raise ValueError(f"opgave {value} hoort niet bij thema {theme}")
        return value

    def passages(self) -> tuple[str, ...]:
        """The texts that stand for this need in the embedding: name + description, examples."""
        head = f"{self.naam}. {self.beschrijving}".strip()
        return (head, *self.voorbeelden)


@dataclass(frozen=True)
class Codebook:
    """The needs in file order (the order that resolves near ties) and where they came from."""

    needs: tuple[Need, ...]
    source: str
    # the YAML file it was read from (its comments and layout are kept when it is written)
    path: Path | None = None

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(n.id for n in self.needs)

    def __getitem__(self, need_id: str) -> Need:
        for need in self.needs:
            if need.id == need_id:
                return need
        raise KeyError(need_id)

    def __len__(self) -> int:
        return len(self.needs)


@cache
def _opgaven() -> frozenset[str]:
    ins = load_instrument()
    return frozenset(o.id for t in ins.theme_codes for o in ins[f"{t}_opgaven"].options)


def _parse_needs(doc: object, source: str) -> Codebook:
    if not isinstance(doc, dict) or not isinstance(doc.get("behoeften"), list):
        raise CodebookError(f"{source}: het codeboek moet een lijst 'behoeften' bevatten.")
    needs = []
    for i, raw in enumerate(doc["behoeften"], start=1):
        name = raw.get("id", f"nummer {i}") if isinstance(raw, dict) else f"nummer {i}"
        try:
            needs.append(Need.model_validate(raw))
        except ValidationError as err:
            first = err.errors()[0]
            field = str(first["loc"][0]) if first["loc"] else "behoefte"
            raise CodebookError(f"{source}: behoefte {name}, veld {field}: {_dutch(first)}"
                                ) from None
    seen: set[str] = set()
    for need in needs:
        if need.id in seen:
            raise CodebookError(f"{source}: behoefte {need.id} staat er twee keer in.")
        seen.add(need.id)
    return Codebook(tuple(needs), source)


FIELDS = ("id", "naam", "thema", "opgave", "beschrijving", "termen", "voorbeelden", "ook")


def _dutch(error: dict) -> str:
    """A pydantic error as a Dutch phrase (pydantic's own messages are English)."""
    kind = error["type"]
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    if kind in ("tuple_type", "list_type"):
        return "moet een lijst zijn, zoals [mbo, roc] (tussen rechte haken)"
    if kind == "too_long":
        return f"hoogstens {MAX_EXAMPLES} voorbeelden (nu {error['ctx'].get('actual_length')})"
    if kind == "string_type":
        return "moet tekst zijn"
    if kind == "string_too_short":
        return "mag niet leeg zijn"
    if kind == "missing":
        return "ontbreekt"
    if kind == "extra_forbidden":
        return f"is geen veld van een behoefte (wel: {', '.join(FIELDS)})"
    return f"ongeldige waarde ({kind})"


def _parse(doc: object, source: str, path: Path | None = None) -> Codebook:
    book = _parse_needs(doc, source)
    return Codebook(book.needs, source, path)


@cache
def _packaged() -> Codebook:
    path = catalog.CODEBOOK.path()
    return _parse(yaml.safe_load(path.read_text(encoding="utf-8")),
                  "leerbehoeften.yaml (meegeleverd)", path)


def load_codebook(path: str | Path | None = None) -> Codebook:
    """The codebook at ``path``; without a path the project's own (:data:`USER_CODEBOOK`,
    ``data/raw/leerbehoeften.yaml``) when it exists, else the packaged PMG codebook.

    Raises
    ------
    CodebookError
        One Dutch line naming the file, the need and the field that is wrong.

    Examples
    --------
    >>> book = load_codebook()
    >>> book["ef_binnenstad"].naam
    'Vitale binnenstad en leegstand'
    """
    if path is None:
        if not USER_CODEBOOK.is_file():
            return _packaged()
        path = USER_CODEBOOK
    path = Path(path)
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise CodebookError(f"{path}: het codeboek kan niet worden gelezen ({err}).") from None
    return _parse(doc, str(path), path)


def _yaml():
    from ruamel.yaml import YAML

    out = YAML()  # round trip: comments, quotes and the flow lists of terms are kept
    out.width = 4096  # one line per field, as in the packaged file
    out.preserve_quotes = True
    out.indent(mapping=2, sequence=4, offset=2)
    return out


def _entry(need: Need, old=None):
    """The YAML mapping of one need: the old one updated in place (its comments and quotes
    kept) or a new one in the packaged layout."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    entry = old if old is not None else CommentedMap()
    values = need.model_dump()
    for key in FIELDS:
        value = values[key]
        if value in (None, "", ()):
            entry.pop(key, None)
            continue
        if key in ("termen", "ook"):
            if old is not None and list(entry.get(key) or []) == list(value):
                continue
            seq = CommentedSeq(value)
            seq.fa.set_flow_style()
            entry[key] = seq
        elif key == "voorbeelden":
            if old is None or list(entry.get(key) or []) != list(value):
                entry[key] = CommentedSeq(value)
        elif key == "beschrijving" and entry.get(key) != value:
            entry[key] = DoubleQuotedScalarString(value)
        elif entry.get(key) != value:
            entry[key] = value
    # field order as in the packaged file
    for key in [k for k in FIELDS if k in entry]:
        entry.move_to_end(key)
    return entry


def codebook_yaml(book: Codebook) -> str:
    """The codebook as YAML text, in the layout and with the comments of the file it was read
    from (the packaged file's header, which explains every field, for a codebook that was not
    read from a file): one line per field, terms as a list on one line.

    Examples
    --------
    >>> text = codebook_yaml(load_codebook(None))
    >>> text.startswith("# Codeboek van leerbehoeften"), "termen: [aansluiting onderwijs," in text
    (True, True)
    """
    import io

    template = book.path if book.path is not None and Path(book.path).is_file() else (
        catalog.CODEBOOK.path())
    rt = _yaml()
    doc = rt.load(Path(template).read_text(encoding="utf-8"))
    if not isinstance(doc, dict) or not isinstance(doc.get("behoeften"), list):
        doc = rt.load(catalog.CODEBOOK.path().read_text(encoding="utf-8"))
    old = {e.get("id"): e for e in doc["behoeften"] if isinstance(e, dict)}
    doc["behoeften"][:] = [_entry(n, old.get(n.id)) for n in book.needs]
    buf = io.StringIO()
    rt.dump(doc, buf)
    return buf.getvalue()


def _leading_comment(text: str) -> tuple[str, str]:
    """``text`` split into its leading comment block and the rest."""
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if not line.startswith("#")), len(lines))
    return "".join(lines[:start]), "".join(lines[start:])


def _with_header(text: str, header: str) -> str:
    """``text`` with its leading comment block replaced by ``header`` (each line a comment),
    followed by the packaged file's explanation of the fields."""
    own = "".join(f"# {line}".rstrip() + "\n" for line in header.strip("\n").splitlines())
    fields, _ = _leading_comment(catalog.CODEBOOK.path().read_text(encoding="utf-8"))
    return own + "#\n" + fields + _leading_comment(text)[1]


def write_codebook(book: Codebook, path: str | Path, *, header: str | None = None) -> Path:
    """Write ``book`` to ``path`` (atomically) and return the path; the file keeps the comments
    and layout of the file the codebook was read from (see :func:`codebook_yaml`). With
    ``header`` the file opens with that text as its comment instead (what this codebook is,
    from which data, how many edits), followed by the packaged file's explanation of the fields.

    Examples
    --------
    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp()) / "mijn_codeboek.yaml"
    >>> _ = write_codebook(load_codebook(), out, header="Mijn codeboek, ronde 2018.")
    >>> out.read_text(encoding="utf-8").splitlines()[0]
    '# Mijn codeboek, ronde 2018.'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = codebook_yaml(book)
    if header is not None:
        text = _with_header(text, header)
    _parse(yaml.safe_load(text), str(path))  # what is written loads again
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return path


def with_need(book: Codebook, need: Need, *, write_to: str | Path | None = None) -> Codebook:
    """``book`` with ``need`` added at the end (its id must be new; written to ``write_to``)."""
    if need.id in book.ids:
        raise CodebookError(f"{book.source}: behoefte {need.id} bestaat al.")
    return _written(Codebook((*book.needs, _valid(need.model_dump(), book)), book.source,
                             book.path), write_to)


def with_terms(book: Codebook, need_id: str, add: tuple[str, ...] | list[str] = (),
               remove: tuple[str, ...] | list[str] = (), *,
               write_to: str | Path | None = None) -> Codebook:
    """``book`` with terms added to and removed from the existing need ``need_id`` (written to
    ``write_to`` if given). Try a term first with :func:`.terms.term_trial`. A term already
    there is not added twice; removing a term the need does not have is refused.

    Examples
    --------
    >>> book = with_terms(load_codebook(), "ef_klimaatadaptatie", add=["wolkbreuk"])
    >>> "wolkbreuk" in book["ef_klimaatadaptatie"].termen
    True
    >>> with_terms(load_codebook(), "ef_binnenstad", remove=["zzp"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    pmg_analysis.text.codebook.CodebookError: ...heeft de term 'zzp' niet.
    """
    if need_id not in book.ids:
        _missing(book, need_id)
    need = book[need_id]
    for term in remove:
        if term not in need.termen:
            raise CodebookError(f"{book.source}: behoefte {need_id} heeft de term '{term}' niet.")
    kept = tuple(t for t in need.termen if t not in set(remove))
    changed = _valid({**need.model_dump(), "termen": tuple(dict.fromkeys((*kept, *add)))}, book)
    out = Codebook(tuple(changed if n.id == need_id else n for n in book.needs), book.source,
                   book.path)
    return _written(out, write_to)


def _valid(values: dict, book: Codebook) -> Need:
    """A need built from ``values``, checked as at loading (one Dutch line when wrong)."""
    try:
        return Need.model_validate(values)
    except ValidationError as err:
        first = err.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else "behoefte"
        raise CodebookError(f"{book.source}: behoefte {values.get('id')}, veld {field}: "
                            f"{_dutch(first)}") from None


def _written(book: Codebook, path: str | Path | None) -> Codebook:
    if path is not None:
        write_codebook(book, path)
        return Codebook(book.needs, str(path), Path(path))
    return book


def rename_need(book: Codebook, need_id: str, naam: str, *,
                write_to: str | Path | None = None) -> Codebook:
    """``book`` with the Dutch name of ``need_id`` changed (and written to ``write_to``).

    Examples
    --------
    >>> rename_need(load_codebook(), "ef_binnenstad", "Binnenstad")["ef_binnenstad"].naam
    'Binnenstad'
    >>> rename_need(load_codebook(), "ef_binnenstad", " ")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    pmg_analysis.text.codebook.CodebookError: ...veld naam: de naam mag niet leeg zijn
    """
    if need_id not in book.ids:
        _missing(book, need_id)
    renamed = _valid({**book[need_id].model_dump(), "naam": naam}, book)
    out = Codebook(tuple(renamed if n.id == need_id else n for n in book.needs), book.source,
                   book.path)
    return _written(out, write_to)


def merge_needs(book: Codebook, keep: str, into_it: str, *,
                voorbeelden: tuple[str, ...] | list[str] | None = None,
                write_to: str | Path | None = None) -> Codebook:
    """``book`` with need ``into_it`` merged into ``keep``: its terms and examples join those of
    ``keep`` (without repeats), its id joins ``ook`` (its coded questions now count for
    ``keep``) and ``into_it`` is removed (written to ``write_to`` if given).
    Together they may have more than three examples: then ``voorbeelden`` says which one to
    three are kept (refused with one Dutch line otherwise). A need is not merged into itself.

    Examples
    --------
    >>> merged = merge_needs(load_codebook(), "ef_binnenstad", "ef_vastgoed_transformatie",
    ...                      voorbeelden=["Hoe houden we de binnenstad aantrekkelijk?"])
    >>> "ef_vastgoed_transformatie" in merged.ids, "kantoren" in merged["ef_binnenstad"].termen
    (False, True)
    >>> merge_needs(load_codebook(), "ef_binnenstad", "ef_binnenstad")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    pmg_analysis.text.codebook.CodebookError: ...niet met zichzelf worden samengevoegd; ...
    """
    for need_id in (keep, into_it):
        if need_id not in book.ids:
            _missing(book, need_id)
    if keep == into_it:
        raise CodebookError(f"{book.source}: behoefte {keep} kan niet met zichzelf worden "
                            f"samengevoegd; noem twee verschillende behoeften.")
    a, b = book[keep], book[into_it]
    examples = tuple(dict.fromkeys((*a.voorbeelden, *b.voorbeelden)))
    if voorbeelden is not None:
        examples = tuple(voorbeelden)
    elif len(examples) > MAX_EXAMPLES:
        raise CodebookError(
            f"{book.source}: {keep} en {into_it} hebben samen {len(examples)} voorbeelden en een "
            f"behoefte heeft er 1 tot {MAX_EXAMPLES}; kies ze met voorbeelden=[...].")
    merged = _valid({**a.model_dump(), "termen": tuple(dict.fromkeys((*a.termen, *b.termen))),
                     "voorbeelden": examples,
                     "ook": tuple(dict.fromkeys((*a.ook, b.id, *b.ook)))}, book)
    out = Codebook(tuple(merged if n.id == keep else n for n in book.needs if n.id != into_it),
                   book.source, book.path)
    return _written(out, write_to)


def _missing(book: Codebook, need_id: str) -> Codebook:
    raise CodebookError(f"{book.source}: behoefte {need_id} staat niet in het codeboek.")
