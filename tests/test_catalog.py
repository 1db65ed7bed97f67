"""The SQLite catalogue: built from made-up entries, it answers like the in-memory store."""

from __future__ import annotations

import random
import sqlite3

import pytest

from citex.catalog import CATALOG_VERSION, build_catalog, open_catalog
from citex.errors import FormatError, InputError, OutputError
from citex.match import KnownList, entry_keys, load_known, match_citations

from .test_match import CATALOGUE, cite, names, year


@pytest.fixture()
def catalog_path(tmp_path):
    path = tmp_path / "known.sqlite"
    assert build_catalog(iter(CATALOGUE), path) == len(CATALOGUE)
    return path


def test_catalog_matches_like_the_in_memory_store(catalog_path) -> None:
    citations = [
        cite(author=names("Mar1owe"), title="Cana1s of the Lovver Rhine", issued=year(1971)),
        cite(author=names("Marlowe"), title="Locks of the Upper Danube"),
        cite(number="ECO/RISR.413"),
        cite(
            container_title="Harbour Weekly Digest",
            volume="XII",
            issue="4",
            issued=year(1990, 2, 8),
        ),
        cite(author=names("Orme"), title="Ports and Their Hinterlands", note="in K6r~si"),
    ]
    in_memory = match_citations(citations, KnownList(CATALOGUE))
    from_db = match_citations(citations, load_known(catalog_path))
    summary = [(m.entry and m.entry.key, m.score, m.diffs) for m in from_db]
    assert summary == [(m.entry and m.entry.key, m.score, m.diffs) for m in in_memory]
    assert [key for key, _, _ in summary] == [
        "marlowe1971canals",
        None,
        "doc413",
        "weekly1990v12n4",
        "orme1984ports",
    ]


def test_catalog_round_trips_entries(catalog_path) -> None:
    catalog = open_catalog(catalog_path)
    assert len(catalog) == len(CATALOGUE)
    assert [e.csl for e in catalog] == CATALOGUE
    assert catalog.entry(5).csl["author"][0]["given"] == "Ödön"


def test_duplicate_key_leaves_no_file(tmp_path) -> None:
    path = tmp_path / "dup.sqlite"
    with pytest.raises(FormatError, match="share the key"):
        build_catalog([CATALOGUE[0], CATALOGUE[0]], path)
    assert list(tmp_path.iterdir()) == []


def test_failed_rebuild_keeps_the_old_catalogue(catalog_path) -> None:
    with pytest.raises(FormatError):
        build_catalog([{"title": "no id"}], catalog_path)
    assert len(open_catalog(catalog_path)) == len(CATALOGUE)


def test_missing_directory(tmp_path) -> None:
    with pytest.raises(OutputError, match="does not exist"):
        build_catalog(CATALOGUE, tmp_path / "nowhere" / "c.sqlite")


def test_foreign_sqlite_file_is_refused(tmp_path) -> None:
    path = tmp_path / "other.sqlite"
    sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(FormatError, match="not a citex catalogue"):
        load_known(path)


def test_other_version_is_refused(catalog_path) -> None:
    db = sqlite3.connect(catalog_path)
    with db:
        db.execute("UPDATE meta SET value = '0' WHERE name = 'version'")
    db.close()
    with pytest.raises(FormatError, match=f"this citex reads {CATALOG_VERSION}"):
        open_catalog(catalog_path)


def test_missing_catalogue(tmp_path) -> None:
    with pytest.raises(InputError):
        open_catalog(tmp_path / "none.sqlite")


def test_empty_catalogue_has_no_candidates(tmp_path) -> None:
    path = tmp_path / "empty.sqlite"
    assert build_catalog([], path) == 0
    [m] = match_citations([cite(title="Canals of the Lower Rhine")], open_catalog(path))
    assert m.entry is None


def _made_up(n: int, seed: int = 5) -> list[dict]:
    """Entries sharing surnames and title words at random, so rankings have ties and depth."""
    rng = random.Random(seed)
    families = ["Hale", "Vance", "Orme", "Quintero", "Lindqvist", "Okafor", "Marsh"]
    words = ["harbours", "salt", "roads", "canals", "northern", "trade", "empire", "locks",
             "bridges", "mountain", "passes", "rivers", "ports", "towns"]  # fmt: skip
    return [
        {
            "id": f"m{i}",
            "author": names(*rng.sample(families, rng.randint(0, 2))),
            "title": " ".join(rng.sample(words, rng.randint(1, 6))).capitalize(),
            "issued": year(rng.randint(1900, 2000)),
        }
        for i in range(n)
    ]


def test_catalog_ranks_candidates_like_the_in_memory_store(tmp_path) -> None:
    items = _made_up(600)
    path = tmp_path / "made-up.sqlite"
    build_catalog(items, path)
    catalog, in_memory = open_catalog(path), KnownList(items)
    for item in _made_up(60, seed=6):
        keys = entry_keys(item)
        from_db = [i - 1 for i, _ in catalog.candidates(keys, limit=15)]  # ids count from 1
        assert from_db == [i for i, _ in in_memory.candidates(keys, limit=15)]


def test_catalogue_without_its_sizes_is_refused(catalog_path) -> None:
    db = sqlite3.connect(catalog_path)
    with db:
        db.execute("DROP TABLE sizes")
    db.close()
    with pytest.raises(FormatError, match="damaged"):
        open_catalog(catalog_path)
