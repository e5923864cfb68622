"""Property: whatever the rows of an export hold, every raw row ends up exactly once in the clean
responses or in the quarantine (counts in = counts out), and nothing crashes."""

from __future__ import annotations

import csv
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmg_analysis import load_instrument
from pmg_analysis.clean import clean_export
from pmg_analysis.io import read_export
from pmg_analysis.municipalities import load_register

INSTRUMENT = load_instrument()
Q = {q.id: q for q in INSTRUMENT.questions}
NAMES = load_register()["gemeente_naam"].tolist()

# printable text: NUL and other control characters make a file binary, which read_export refuses
# with its own clear error (tested in test_io_errors)
text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=30)

municipality = st.one_of(
    st.sampled_from(NAMES),
    st.sampled_from(NAMES).map(lambda n: f"  gemeente {n.lower()} "),
    st.sampled_from(NAMES).map(lambda n: n[:-1] if len(n) > 4 else n),  # a typo
    st.sampled_from(["", "test", "Bergen", "Regio Achterhoek", "Den Bosch", "=1+1"]),
    text.map(lambda t: t[:12]),
)
label = st.one_of(st.sampled_from(list(Q["EA_urgentie"].scale)),
                  st.sampled_from(["", "3", "7", "Urgentt", "n.v.t."]), text.map(lambda t: t[:6]))
free = st.one_of(st.just(""), st.sampled_from(["test test", "Bel 06-12345678", "<b>x</b>",
                                               "a@b.nl", "=SUM(A1)"]), text)
person = st.sampled_from(["", "anonymous", "jan@example.nl", "piet@example.nl"])
opgaven = st.lists(st.sampled_from([o.text for o in Q["EF_opgaven"].options] + ["Iets anders"]),
                   max_size=5).map(";".join)
row = st.tuples(municipality, label, free, person, opgaven,
                st.sampled_from(["2017-02-10 10:00", "16-2-2017 14:05", ""]))

HEADER = ["Tijdstempel", Q["gemeente"].text, Q["EA_urgentie"].text, Q["EA_kansen"].text,
          Q["email"].text, Q["EF_opgaven"].text]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(rows=st.lists(row, min_size=1, max_size=25))
def test_every_row_is_clean_or_quarantined_once(tmp_path_factory, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(HEADER)
    for m, u, k, e, o, t in rows:
        w.writerow([t, m, u, k, e, o])
    path = tmp_path_factory.mktemp("prop") / "export.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    export = read_export(path)
    n_in = len(export.data)
    result = clean_export(export)
    counts = result.manifest.counts
    assert counts.rows_in == n_in
    assert len(result.responses) + len(result.quarantine) == n_in
    assert sum(counts.per_reason.values()) == len(result.quarantine) and counts.add_up
    seen = result.responses["rij"].tolist() + result.quarantine["rij"].tolist()
    assert sorted(seen) == sorted(export.data.index.tolist())
    assert result.quarantine["reden"].notna().all()
