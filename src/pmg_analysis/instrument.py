"""The survey instrument (questionnaire) as typed objects.

The questionnaire lives in ``data/instrument.yaml``; :func:`load_instrument` turns it into an
:class:`Instrument`. Every other module refers to questions, options and themes by id and asks
the instrument for texts, so no question text is repeated in the code.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal

import yaml

from pmg_analysis import catalog

QuestionType = Literal["open", "single", "multi", "likert", "scale", "ranking"]
Role = Literal["answer", "municipality", "personal"]


@dataclass(frozen=True)
class Theme:
    code: str
    name: str


@dataclass(frozen=True)
class Option:
    """A choice option, Likert statement or ranked item: an id and the text respondents see."""

    id: str
    text: str


@dataclass(frozen=True)
class Question:
    id: str
    type: QuestionType
    text: str
    section: str
    theme: str | None = None  # theme code for per-theme questions
    role: Role = "answer"
    options: tuple[Option, ...] = ()  # single / multi choices
    items: tuple[Option, ...] = ()  # likert statements / ranked items
    scale: tuple[str, ...] = ()  # labels of points 1..n (likert, scale)
    max_choices: int | None = None
    other: Option | None = None  # "Anders, namelijk" option with its own free-text field
    items_are_themes: bool = False  # the items are the themes (`items: themes` in the YAML)

    @property
    def all_options(self) -> tuple[Option, ...]:
        """Options including the 'other' option, in questionnaire order."""
        return self.options + ((self.other,) if self.other else ())

    def option_by_id(self, option_id: str) -> Option:
        for opt in self.all_options + self.items:
            if opt.id == option_id:
                return opt
        raise KeyError(f"{self.id}: no option {option_id!r}")


@dataclass(frozen=True)
class Instrument:
    version: str
    title: str
    themes: tuple[Theme, ...]
    questions: tuple[Question, ...]
    _by_id: dict[str, Question] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        ids = [q.id for q in self.questions]
        dupes = {i for i in ids if ids.count(i) > 1}
        if dupes:
            raise ValueError(f"duplicate question ids in instrument: {sorted(dupes)}")
        self._by_id.update({q.id: q for q in self.questions})

    def __getitem__(self, question_id: str) -> Question:
        return self._by_id[question_id]

    def __contains__(self, question_id: object) -> bool:
        return question_id in self._by_id

    @property
    def theme_codes(self) -> tuple[str, ...]:
        return tuple(t.code for t in self.themes)

    def theme_name(self, code: str) -> str:
        return next(t.name for t in self.themes if t.code == code)

    def of_type(self, *types: QuestionType) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.type in types)

    @property
    def municipality_question(self) -> Question:
        return next(q for q in self.questions if q.role == "municipality")

    @property
    def personal_questions(self) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.role == "personal")


def round_themes(instrument: Instrument, present: Iterable[str]) -> tuple[str, ...]:
    """The themes a survey round asked about: those with at least one of their own questions
    among ``present`` (the question ids the export has columns for), in instrument order. An
    export without any per-theme question (only the closing questions) asked about all."""
    present = set(present)
    asked = tuple(t for t in instrument.theme_codes
                  if any(q.theme == t and q.id in present for q in instrument.questions))
    return asked or instrument.theme_codes


def _options(raw: list[dict] | None) -> tuple[Option, ...]:
    return tuple(Option(id=str(o["id"]), text=str(o["text"])) for o in raw or ())


def _parse(doc: dict) -> Instrument:
    themes = tuple(Theme(code=t["code"], name=t["name"]) for t in doc["themes"])
    theme_options = tuple(Option(id=t.code, text=t.name) for t in themes)
    scales = {k: tuple(v) for k, v in doc["scales"].items()}

    def build(raw: dict, *, qid: str, text: str, section: str, theme: str | None,
              options: tuple[Option, ...] | None = None) -> Question:
        raw_opts = raw.get("options")
        if options is None:
            if raw_opts == "themes_and_none":
                options = theme_options + _options([raw["none"]])
            else:
                options = _options(raw_opts)
        items = theme_options if raw.get("items") == "themes" else _options(raw.get("items"))
        return Question(
            id=qid,
            type=raw["type"],
            text=text,
            section=section,
            theme=theme,
            role=raw.get("role", "answer"),
            options=options,
            items=items,
            scale=scales[raw["scale"]] if "scale" in raw else (),
            max_choices=raw.get("max_choices"),
            other=Option(**raw["other"]) if "other" in raw else None,
            items_are_themes=raw.get("items") == "themes",
        )

    questions: list[Question] = []
    for raw in doc["questions"]:
        questions.append(build(raw, qid=raw["id"], text=raw["text"], section=raw["section"],
                               theme=None))
    for theme in themes:
        for raw in doc["per_theme"]:
            opts = _options(doc["opgaven"][theme.code]) if raw["type"] == "multi" else None
            questions.append(build(raw, qid=f"{theme.code}_{raw['id']}",
                                   text=raw["text"].format(thema=theme.name), section="C",
                                   theme=theme.code, options=opts))
    for raw in doc["closing"]:
        questions.append(build(raw, qid=raw["id"], text=raw["text"], section="D", theme=None))
    return Instrument(version=str(doc["version"]), title=doc["title"], themes=themes,
                      questions=tuple(questions))


@cache
def _load_packaged() -> Instrument:
    path = resources.files("pmg_analysis").joinpath("data", catalog.INSTRUMENT.file)
    text = path.read_text("utf-8")
    return _parse(yaml.safe_load(text))


_ACTIVE: dict[str, str | None] = {"year": None}
"""The questionnaire year in use in this process (None: the packaged 2017 questionnaire): set by
:func:`instrument_version` around a report run and by :func:`use_instrument_version` in a
notebook, from its papermill parameter ``vragenlijst``; never through the environment."""


def load_instrument(path: str | Path | None = None) -> Instrument:
    """Load the instrument; the packaged questionnaire unless ``path`` names another YAML (or
    another packaged year is in use, see :func:`use_instrument_version`)."""
    if path is None:
        year = _ACTIVE["year"]
        return load_instrument_version(year) if year else _load_packaged()
    return _parse(yaml.safe_load(Path(path).read_text("utf-8")))


def use_instrument_version(year: str | None) -> None:
    """From now on in this process, :func:`load_instrument` without a path returns the packaged
    questionnaire of ``year`` (None or the default year: the packaged 2017 one). A notebook calls
    this with its ``vragenlijst`` parameter.

    >>> use_instrument_version(None); load_instrument().version == load_instrument_version().version
    True
    """
    if year and str(year) != DEFAULT_VERSION:
        load_instrument_version(str(year))  # an unknown year fails here, before anything changes
        _ACTIVE["year"] = str(year)
    else:
        _ACTIVE["year"] = None


DEFAULT_VERSION = "2017"
"""The year of the packaged questionnaire (``data/instrument.yaml``)."""


@cache
def load_instrument_version(year: str = DEFAULT_VERSION) -> Instrument:
    """A packaged version of the questionnaire by year: ``"2017"`` is ``data/instrument.yaml``
    (the default everywhere), another year ``data/instrument_<year>.yaml`` (e.g. ``"2019"``, the
    revised questionnaire of the synthetic second round). An unknown year raises ``KeyError``.
    """
    if str(year) == DEFAULT_VERSION:
        return _load_packaged()
    ref = resources.files("pmg_analysis").joinpath(
        "data", catalog.INSTRUMENT_VERSION.file.format(year=year))
    if not ref.is_file():
        raise KeyError(f"no packaged instrument for {year!r}")
    return _parse(yaml.safe_load(ref.read_text("utf-8")))


@contextmanager
def instrument_version(year: str | None) -> Iterator[None]:
    """Within the block, :func:`load_instrument` without a path returns the packaged
    questionnaire of ``year`` (notebooks get it as their ``vragenlijst`` parameter); ``None`` or
    the default year changes nothing."""
    before = _ACTIVE["year"]
    use_instrument_version(year)
    try:
        yield
    finally:
        _ACTIVE["year"] = before
