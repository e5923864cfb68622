"""`make report` without CBS/PDOK files: fetch them first (short time limit), else fall back to
self-reported positions with one Dutch sentence. Against a local HTTP server on 127.0.0.1
that answers with the recorded OData pages and PDOK features (never the network)."""

from __future__ import annotations

import json
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from pmg_analysis.regions import (
    AutoFetchConfig,
    FetchConfig,
    build_tables,
    fetch_if_missing,
    resolve_source,
)

FIXTURES = Path(__file__).parent / "fixtures" / "regions"


def _recorded(name: str) -> dict:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


@contextmanager
def local_services(status: int = 200, delay_s: float = 0.0):
    """A CBS OData + PDOK WFS stand-in on 127.0.0.1; yields (base URL, list of paths asked)."""
    asked: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # keep the test output clean
            pass

        def do_GET(self):
            asked.append(self.path)
            time.sleep(delay_s)
            url = urlsplit(self.path)
            query = parse_qs(url.query)
            base = f"http://127.0.0.1:{self.server.server_port}"
            if url.path.endswith("/TypedDataSet") and query.get("$skip") == ["4"]:
                doc = _recorded("odata_typeddataset_p2.json")
            elif url.path.endswith("/TypedDataSet"):
                doc = _recorded("odata_typeddataset_p1.json")
                doc["odata.nextLink"] = f"{base}/odata/TypedDataSet?$format=json&$skip=4"
            elif url.path.endswith("/DataProperties"):
                doc = _recorded("odata_dataproperties.json")
            elif url.path == "/wfs":
                doc = json.loads((FIXTURES / "ok/pdok/gemeente_2017_gegeneraliseerd.geojson")
                                 .read_text(encoding="utf-8"))
            else:
                doc = {"error": self.path}
            body = json.dumps(doc).encode("utf-8")
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up waiting
                pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", asked
    finally:
        server.shutdown()
        server.server_close()


def _config(base: str, deadline_s: float = 30.0, timeout_s: float = 10.0) -> AutoFetchConfig:
    return AutoFetchConfig(deadline_s=deadline_s, timeout_s=timeout_s,
                           fetch=FetchConfig(odata_base=f"{base}/odata", wfs_url=f"{base}/wfs"))


def test_missing_cbs_files_are_fetched_before_the_report(tmp_path):
    dest = tmp_path / "data" / "raw" / "cbs"
    assert not resolve_source(env={}, root=tmp_path).available
    with local_services() as (base, asked):
        attempt = fetch_if_missing(dest, progress=False, config=_config(base), env={},
                                   root=tmp_path)
    assert attempt.available and attempt.sentence is None
    assert (attempt.fetched.n_cbs, attempt.fetched.n_pdok) == (6, 6)
    assert any("$skip=4" in path for path in asked)  # followed the recorded nextLink
    source = resolve_source(env={}, root=tmp_path)
    assert source.available and source.directory == dest.resolve()
    assert len(build_tables(dest).gemeenten) == 6


def test_nothing_is_fetched_when_the_files_are_there(tmp_path):
    with local_services() as (base, asked):
        attempt = fetch_if_missing(tmp_path / "elders", progress=False, config=_config(base),
                                   env={"PMG_CBS_DIR": str(FIXTURES / "ok")}, root=tmp_path)
    assert attempt.available and attempt.fetched is None and asked == []
    assert not (tmp_path / "elders").exists()


def _one_dutch_sentence(text: str) -> bool:
    return text.endswith(".") and ". " not in text and "?" not in text


def test_a_failing_service_falls_back_with_one_sentence_saying_why_and_how(tmp_path):
    dest = tmp_path / "data" / "raw" / "cbs"
    with local_services(status=503) as (base, asked):
        attempt = fetch_if_missing(dest, progress=False, config=_config(base), env={},
                                   root=tmp_path)
    assert asked and not attempt.available and attempt.fetched is None
    assert _one_dutch_sentence(attempt.sentence)
    assert "geen verbinding" in attempt.sentence and "zelf aankruisten" in attempt.sentence
    assert "pmg-analysis cbs fetch" in attempt.sentence  # how to fetch later
    assert not dest.exists()  # nothing half-written


def test_a_service_slower_than_the_time_limit_falls_back(tmp_path):
    with local_services(delay_s=3.5) as (base, _):
        attempt = fetch_if_missing(tmp_path / "cbs", progress=False,
                                   config=_config(base, deadline_s=2.0), env={}, root=tmp_path)
    assert not attempt.available
    assert _one_dutch_sentence(attempt.sentence)
    assert "niet binnen de tijdslimiet van 2 seconden" in attempt.sentence


def test_an_unreachable_address_falls_back(tmp_path):
    with local_services() as (base, _):
        pass  # the server is gone: its port refuses connections
    attempt = fetch_if_missing(tmp_path / "cbs", progress=False, config=_config(base), env={},
                               root=tmp_path)
    assert not attempt.available and "geen verbinding" in attempt.sentence
