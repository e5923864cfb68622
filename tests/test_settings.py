"""One settings file: ``instellingen.yaml`` on the config dataclasses, checked before anything
runs, stored in the manifest, shown on every report, and handed to every step."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass, fields, is_dataclass
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from pmg_analysis import pipeline
from pmg_analysis.clean import clean_export
from pmg_analysis.clean.config import CleanConfig
from pmg_analysis.context import RunContext
from pmg_analysis.errors import InputError
from pmg_analysis.io import read_export
from pmg_analysis.pipeline import EXAMPLE_EXPORT, report_stamp, run_clean
from pmg_analysis.prioritise import PriorityConfig
from pmg_analysis.reasons import setting
from pmg_analysis.settings import (
    LINKED,
    PSEUDONYM_KEY_ENV,
    Settings,
    defaults_yaml,
    field_reasons,
    read_settings,
    settings_from_mapping,
)
from pmg_analysis.themes import ThemeConfig


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pmg_analysis", *args], capture_output=True,
                          text=True, cwd=ROOT, check=False, env=env)


def _write(tmp_path: Path, text: str, name: str = "instellingen.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _leaves(obj, prefix=""):
    for f in fields(obj):
        if (prefix.rstrip("."), f.name) in LINKED:
            continue
        value = getattr(obj, f.name)
        if is_dataclass(value):
            yield from _leaves(value, f"{prefix}{f.name}.")
        else:
            yield f"{prefix}{f.name}"


# --- the file -------------------------------------------------------------------------------

def test_the_printed_defaults_read_back_as_the_defaults_and_list_every_setting():
    text = defaults_yaml()
    data = yaml.safe_load(text)
    assert settings_from_mapping(data) == Settings()

    def keys(node, prefix=""):
        for key, value in node.items():
            if isinstance(value, dict) and key not in ("markers",):
                yield from keys(value, f"{prefix}{key}.")
            else:
                yield f"{prefix}{key}"

    printed = set(keys(data))
    # every setting is in the file; only the secret key is left commented out
    assert set(_leaves(Settings())) - printed == {"clean.pseudonym_key"}
    assert "# pseudonym_key: pmg-analysis/2017" in text


def test_the_printed_defaults_carry_the_reason_written_beside_each_default():
    lines = defaults_yaml().splitlines()
    at = lines.index("  weight_demand: 0.35")
    assert lines[at - 2].startswith("  # Demand is the heaviest: the programme exists for what")
    # the section ruler "# --- weights ... ---" above it is not part of the reason
    assert not any("---" in line for line in lines)
    at = lines.index("  confidence: 0.95")
    assert lines[at - 1] == "  # Coverage of the intervals: 95%, as the issue asks."


def test_pmg_analysis_instellingen_prints_the_defaults_file():
    proc = run("instellingen")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == defaults_yaml()
    assert proc.stdout.startswith("# Instellingen van pmg-analysis")


def test_a_reason_is_the_one_stored_with_the_field_and_a_comment_is_none():
    @dataclass(frozen=True)
    class Example:
        """Example settings.

        Attributes
        ----------
        documented : int
            Written in the docstring, not stored with the field.
        """

        kept: int = setting(1, reason="Two lines of reason.")
        made: frozenset[str] = setting(factory=frozenset, reason="Mutable, so made per object.")
        # A comment is not a reason.
        commented: int = 3
        documented: int = 4

    assert field_reasons(Example) == {"kept": "Two lines of reason.",
                                      "made": "Mutable, so made per object.",
                                      "commented": "", "documented": ""}
    assert Example().made == frozenset()


def test_a_setting_without_a_reason_is_refused_when_the_class_is_written():
    with pytest.raises(ValueError, match="reason"):
        setting(1, reason=" ")


def _without_reasons(obj, prefix=""):
    """Dotted key of every field of ``obj`` and the configs nested in it whose default has no
    reason stored with it (``setting(..., reason=...)``, read by ``field_reasons``)."""
    reasons = field_reasons(type(obj))
    for f in fields(obj):
        value = getattr(obj, f.name)
        if not reasons.get(f.name):
            yield f"{prefix}{f.name}"
        if is_dataclass(value):
            yield from _without_reasons(value, f"{prefix}{f.name}.")


def test_every_default_of_every_config_has_its_reason_written_beside_it():
    settings = Settings()
    missing = [key for section in fields(settings)
               for key in _without_reasons(getattr(settings, section.name), f"{section.name}.")]
    assert missing == []
    # each section of the file is one config class, whose docstring says what it holds
    for section in fields(settings):
        cls = type(getattr(settings, section.name))
        assert (cls.__doc__ or "").strip() and not cls.__doc__.startswith(f"{cls.__name__}("), \
            section.name


def test_a_default_without_a_reason_is_found_in_a_nested_config_too():
    @dataclass(frozen=True)
    class Inner:
        kept: int = setting(1, reason="Reason.")
        bare: int = 2

    @dataclass(frozen=True)
    class Outer:
        inner: Inner = setting(Inner(), reason="the nested one")
        bare_too: str = "x"

    assert list(_without_reasons(Outer())) == ["inner.bare", "bare_too"]


# --- checking -------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "line"), [
    ("prioritise:\n  wieght_demand: 0.5\n",
     "onbekende instelling 'prioritise.wieght_demand'; bedoelt u 'prioritise.weight_demand'?"),
    ("werkprogramma:\n  weight_demand: 0.5\n", "onbekende instelling 'werkprogramma'"),
    ("prioritise:\n  weight_demand: veel\n",
     "instelling 'prioritise.weight_demand' moet een getal zijn, niet 'veel'."),
    ("themes:\n  n_resamples: 2.5\n",
     "instelling 'themes.n_resamples' moet een geheel getal zijn, niet 2.5."),
    ("themes:\n  confidence: 95\n", "instelling 'themes.confidence' moet kleiner dan 1 zijn"),
    ("prioritise:\n  weight_lead: -0.1\n", "instelling 'prioritise.weight_lead' moet minstens 0"),
    ("prioritise:\n  group_min: 9\n",
     "instelling 'prioritise.group_min' ligt buiten het toegestane bereik: group_min mag niet "
     "groter zijn dan group_max."),
    ("grouping:\n  bron: cbs\n", "instelling 'grouping.bron' moet een van 'afgeleid' of 'zelf'"),
    ("themes:\n  grouping:\n    bron: zelf\n", "instelling 'themes.grouping' staat in de eigen "
                                                "sectie 'grouping'"),
    ("regions:\n  typology: 3\n", "instelling 'regions.typology' is een groep instellingen"),
    ("clean:\n  pseudonym_key: ''\n", "instelling 'clean.pseudonym_key' moet"),
    ("prioritise: [1, 2\n", "dit is geen geldig YAML-bestand"),
    ("learning_needs:\n  min_score: -1\n",
     "instelling 'learning_needs.min_score' moet minstens 0 zijn, niet -1."),
    ("text:\n  theme_margin: 1.5\n", "instelling 'text.theme_margin' moet hoogstens 1 zijn"),
], ids=["onbekende-sleutel", "onbekende-sectie", "tekst-voor-getal", "geen-geheel-getal",
        "buiten-bereik", "negatief-gewicht", "post-init-bereik", "keuze", "gekoppelde-sectie",
        "waarde-voor-groep", "lege-sleutel", "geen-yaml", "negatieve-drempel",
        "marge-boven-1"])
def test_a_wrong_settings_file_gives_one_dutch_line_exit_2_and_writes_nothing(tmp_path, capsys,
                                                                              text, line):
    from pmg_analysis.cli import main

    settings = _write(tmp_path, text)
    out, reports = tmp_path / "verwerkt", tmp_path / "rapporten"
    for command in (["clean", str(EXAMPLE_EXPORT), "--out", str(out)],
                    ["report", str(EXAMPLE_EXPORT), "--out", str(out), "--reports", str(reports)],
                    ["analyse", "--out", str(out)]):
        assert main([*command, "--instellingen", str(settings)]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1  # one line
        assert err.startswith("Fout in bestand instellingen.yaml")
        assert line in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["instellingen.yaml"]


def _numeric_leaves(obj, prefix=""):
    for f in fields(obj):
        if (prefix.rstrip("."), f.name) in LINKED or not f.init:
            continue
        value = getattr(obj, f.name)
        if is_dataclass(value):
            yield from _numeric_leaves(value, f"{prefix}{f.name}.")
        elif isinstance(value, int | float) and not isinstance(value, bool):
            yield f"{prefix}{f.name}", value


def _nested(key: str, value) -> dict:
    for part in reversed(key.split(".")):
        value = {part: value}
    return value


NUMERIC = dict(_numeric_leaves(Settings()))


@pytest.mark.parametrize("key", sorted(NUMERIC))
def test_every_numeric_setting_has_a_range_checked_with_one_dutch_line(key):
    default = NUMERIC[key]
    below = type(default)(-10**9)
    with pytest.raises(InputError) as err:
        settings_from_mapping(_nested(key, below))
    line = err.value.describe()
    assert "\n" not in line and f"'{key}'" in line
    assert any(word in line for word in ("moet minstens", "moet groter dan",
                                         "buiten het toegestane bereik")), line
    settings_from_mapping(_nested(key, default))  # the default lies inside its range


def test_there_are_numeric_settings_in_every_section():
    sections = {key.split(".")[0] for key in NUMERIC}
    assert sections == {f.name for f in fields(Settings)} - {"grouping"}


def test_the_command_exits_2_on_a_wrong_settings_file_without_a_traceback(tmp_path):
    settings = _write(tmp_path, "themes:\n  seed: een\n")
    proc = run("report", str(EXAMPLE_EXPORT), "--out", str(tmp_path / "verwerkt"),
               "--reports", str(tmp_path / "rapporten"), "--instellingen", str(settings))
    assert proc.returncode == 2
    assert proc.stderr == ("Fout in bestand instellingen.yaml: instelling 'themes.seed' moet een "
                           "geheel getal zijn, niet 'een'.\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["instellingen.yaml"]


def test_a_section_with_every_key_commented_out_keeps_its_defaults(tmp_path):
    path = _write(tmp_path, "themes:\n  # seed: 1\nprioritise:\n  top_n: 3\n")
    settings = read_settings(path, environ={})
    assert settings.themes == ThemeConfig() and settings.prioritise.top_n == 3


def test_a_missing_settings_file_is_named():
    with pytest.raises(InputError, match="instellingenbestand bestaat niet"):
        read_settings(ROOT / "bestaat_niet.yaml")


def test_yaml_lists_and_whole_numbers_become_the_config_types(tmp_path):
    settings = read_settings(_write(tmp_path, "clean:\n  test_words: [proef]\n"
                                              "regions:\n  typology:\n    indicators:\n"
                                              "      straal_km: 25\n"), environ={})
    assert settings.clean.test_words == ("proef",)
    assert settings.regions.typology.indicators.straal_km == 25.0
    assert settings.changes() == {"clean.test_words": ["proef"],
                                  "regions.typology.indicators.straal_km": 25.0}


def test_a_linked_section_reaches_every_config_it_is_part_of():
    settings = settings_from_mapping({"grouping": {"bron": "zelf"},
                                      "text": {"use_embeddings": False}})
    assert settings.themes.grouping.bron == "zelf"
    assert settings.learning_needs.text.use_embeddings is False
    assert settings_from_mapping(settings.overrides()) == settings


# --- the pseudonym key ----------------------------------------------------------------------

def test_the_pseudonym_key_comes_from_the_file_before_the_environment(tmp_path):
    env = {PSEUDONYM_KEY_ENV: "uit-de-omgeving"}
    assert read_settings(None, environ=env).clean.pseudonym_key == "uit-de-omgeving"
    path = _write(tmp_path, "clean:\n  pseudonym_key: uit-het-bestand\n")
    assert read_settings(path, environ=env).clean.pseudonym_key == "uit-het-bestand"
    assert read_settings(None, environ={}).public_pseudonym_key


@pytest.fixture(scope="module")
def export():
    return read_export(EXAMPLE_EXPORT)


def test_an_own_pseudonym_key_gives_other_ids_and_is_never_written(export, tmp_path):
    own = read_settings(None, environ={PSEUDONYM_KEY_ENV: "geheim-van-de-gemeente"})
    default = clean_export(export)
    mine = clean_export(export, config=own.clean)
    assert not set(mine.responses["response_id"]) & set(default.responses["response_id"])
    assert own.changes() == {"clean.pseudonym_key": "eigen sleutel"}
    assert own.pseudonym_sentence() is None
    assert "pseudonym_key" not in json.dumps(own.overrides())
    in_force = own.in_force()
    assert "geheim-van-de-gemeente" not in json.dumps(in_force.to_json())


def test_the_public_default_key_is_said_in_one_sentence_in_the_manifest(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "add_regions", lambda result, out_dir, config: result)
    run_clean(EXAMPLE_EXPORT, tmp_path, settings=read_settings(None, environ={}))
    manifest = json.loads((tmp_path / "manifest.json").read_text("utf-8"))
    assert manifest["instellingen"]["gewijzigd"] == {}
    assert manifest["instellingen"]["zin"] == "Instellingen: standaardinstellingen."
    sentence = manifest["instellingen"]["pseudoniemen"]
    assert "openbare standaardsleutel" in sentence and PSEUDONYM_KEY_ENV in sentence
    assert sentence.endswith(".") and ". " not in sentence  # one sentence


# --- settings reach the steps and the reports -----------------------------------------------

def test_changed_settings_are_stored_in_the_manifest_and_shown_in_the_report_stamp(
        tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "add_regions", lambda result, out_dir, config: result)
    settings = settings_from_mapping({"clean": {"partial_below": 0.9},
                                      "prioritise": {"weight_demand": 0.5}})
    result = run_clean(EXAMPLE_EXPORT, tmp_path, settings=settings)
    default = clean_export(read_export(EXAMPLE_EXPORT))
    # the clean step used the threshold of the file: more responses count as partial
    assert result.responses["is_partial"].sum() > default.responses["is_partial"].sum()
    manifest = pipeline.load_manifest(tmp_path)
    assert manifest.settings.changes == {"clean.partial_below": 0.9,
                                         "prioritise.weight_demand": 0.5}
    assert report_stamp(manifest).endswith(
        "Instellingen: gewijzigd ten opzichte van de standaard: clean.partial_below = 0.9; "
        "prioritise.weight_demand = 0.5.")


def test_the_municipality_matching_threshold_of_the_file_reaches_the_clean_step(export):
    strict = settings_from_mapping({"clean": {"municipalities": {"threshold": 100}}})
    default, result = clean_export(export), clean_export(export, config=strict.clean)
    # a respondent's misspelt municipality no longer counts as a match: one more row unknown
    assert result.manifest.counts.per_reason["gemeente_onbekend"] == \
        default.manifest.counts.per_reason["gemeente_onbekend"] + 1


def test_run_report_hands_the_settings_to_every_step_and_notebook(tmp_path, monkeypatch):
    import pmg_analysis.report as report
    from pmg_analysis import regions

    seen: dict = {}
    add_regions = pipeline.add_regions

    def spy(result, out_dir, config):
        seen["regions"] = config
        return add_regions(result, out_dir, config=config)

    monkeypatch.setattr(regions, "resolve_source", lambda: regions.CbsSource(None, None))
    monkeypatch.setattr(pipeline, "add_regions", spy)
    monkeypatch.setattr(pipeline, "write_analysis",
                        lambda tables, run, **kw: seen.setdefault("analysis", run.settings))
    monkeypatch.setattr(report, "build_reports",
                        lambda notebooks, **kw: seen.setdefault("reports", kw) and [tmp_path])
    settings = settings_from_mapping({"prioritise": {"weight_form": 0.3},
                                      "themes": {"seed": 7},
                                      "regions": {"borderline": {"stap": 0.2}},
                                      "learning_needs": {"questions": {"n_quotes": 2}},
                                      "report": {"cell_timeout": 600}})
    pipeline.run_report(EXAMPLE_EXPORT, RunContext(settings=settings,
                                                   processed=tmp_path / "verwerkt",
                                                   reports=tmp_path / "rapporten"))
    assert seen["regions"].borderline.stap == 0.2
    assert seen["analysis"].prioritise == PriorityConfig(weight_form=0.3)
    assert seen["analysis"].themes == ThemeConfig(seed=7)
    assert seen["analysis"].learning_needs.questions.n_quotes == 2
    assert seen["reports"]["config"].cell_timeout == 600
    parameters = seen["reports"]["parameters"]
    assert parameters["verwerkt"] == str((tmp_path / "verwerkt").resolve())
    assert settings_from_mapping(parameters["instellingen"]) == settings
    assert "standaardinstellingen" not in seen["reports"]["data_stamp"]
    assert "prioritise.weight_form = 0.3" in seen["reports"]["data_stamp"]


def test_without_a_file_the_defaults_are_the_config_defaults():
    settings = read_settings(None, environ={})
    assert settings == Settings()
    assert settings.clean == CleanConfig() and settings.sentence().endswith(
        "standaardinstellingen.")
    assert settings.overrides() == {}


def test_the_settings_sentence_lists_changes_in_key_order():
    settings = settings_from_mapping({"themes": {"seed": 1}, "clean": {"test_text_max": 10}})
    assert list(settings.changes()) == ["clean.test_text_max", "themes.seed"]
    assert settings.sentence() == ("Instellingen: gewijzigd ten opzichte van de standaard: "
                                   "clean.test_text_max = 10; themes.seed = 1.")
