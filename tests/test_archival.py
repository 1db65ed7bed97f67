"""Archival citations read into archive, path and unit (made-up references)."""

from __future__ import annotations

import pytest

from citex.archival import archival_csl, archive_key, parse_archival, parse_archival_after_ibid

CASES = [
    pytest.param(
        "A.S.L., Consiglio dei Savi, Misti, reg. 12, f. 40v [3 May 1460]",
        ("A.S.L.", ("Consiglio dei Savi", "Misti"), "reg. 12, f. 40v", "[3 May 1460]"),
        id="dotted_siglum_register_folio_date",
    ),
    pytest.param(
        "ASFi, Carte del Principe,filza 212, c. 3r.",
        ("ASFi", ("Carte del Principe",), "filza 212, c. 3r", ""),
        id="compact_siglum_unit_glued_after_comma",
    ),
    pytest.param(
        "Archivio di Stato di Lucca (ASL), Offizio sopra la Grascia, b. 7, fasc. 2",
        (
            "Archivio di Stato di Lucca (ASL)",
            ("Offizio sopra la Grascia",),
            "b. 7, fasc. 2",
            "",
        ),
        id="archive_named_in_full",
    ),
    pytest.param(
        "Asl: Notarile, Testamenti, notaio Anna Neri, b. 15, n. 57, 18 settembre 1582",
        (
            "Asl",
            ("Notarile", "Testamenti", "notaio Anna Neri"),
            "b. 15, n. 57",
            "18 settembre 1582",
        ),
        id="lower_case_siglum_and_notary",
    ),
    pytest.param(
        "Archivio Neri, seconda consegna, busta 10, fascicolo IV, lettera a Rossi",
        ("Archivio Neri", ("seconda consegna",), "busta 10, fascicolo IV", "lettera a Rossi"),
        id="family_archive_lower_case_series",
    ),
    pytest.param(
        "A.S.L., Presidio di Governo 1825-1829, b. 504",
        ("A.S.L.", ("Presidio di Governo 1825-1829",), "b. 504", ""),
        id="series_with_its_years_after_a_sure_archive",
    ),
    pytest.param(
        "Senato, Lettere, reg. 20, f. 95",
        (None, ("Senato", "Lettere"), "reg. 20, f. 95", ""),
        id="no_archive_but_a_register",
    ),
    pytest.param(
        "A.S.L., Sanità, Necrologi",
        ("A.S.L.", ("Sanità", "Necrologi"), "", ""),
        id="series_without_a_unit_after_a_sure_archive",
    ),
]

NOT_ARCHIVAL = [
    pytest.param("Ann Lee, Old Roads, Boston 1972, p. 4", id="book"),
    pytest.param("Senato, Misti, 32, f. 49v", id="no_archive_no_container_unit"),
    pytest.param("Summa di geometria, Venezia 1494, f. 206", id="early_book_with_folio"),
    pytest.param(
        "T. G. M., Le vie del sale, “Il Gazzettino” LVI, 208 (31 agosto 1943)",
        id="initials_of_a_pseudonym_before_a_newspaper",
    ),
    pytest.param(
        "DARU, Histoire de Venise, Paris, Didot, 8 voll., 1821, vol. VII", id="caps_author"
    ),
    pytest.param(
        "Biblioteca del libro antico, dir. da A. Rossi, vol. 1, La biblioteca", id="book_series"
    ),
    pytest.param(
        "C. G. Rossi, I boschi del Patriarcato, Udine 1962. Vol. II.", id="initials_and_name"
    ),
    pytest.param("Neri, R. 2006. Initiation au droit, Paris, Ellipse.", id="initial_then_year"),
    pytest.param("Aslan, Richard N. 2007. What's in a look? Science 10, 48-53.", id="as_surname"),
    pytest.param("Neri, c. 1500, Storia di Chioggia, reg. 3", id="circa_is_no_carta"),
    pytest.param("A.S.L., C.X., Comuni", id="abbreviated_council_is_no_unit_but_path"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_parse_archival(text: str, expected: tuple[object, ...]) -> None:
    ref = parse_archival(text)
    assert ref is not None
    assert (ref.archive, ref.path, ref.locator, ref.rest) == expected


@pytest.mark.parametrize("text", NOT_ARCHIVAL)
def test_not_archival(text: str) -> None:
    ref = parse_archival(text)
    if text.startswith("A.S.L., C.X."):  # a path, not "carta X"
        assert ref is not None and ref.path == ("C.X.", "Comuni")
    else:
        assert ref is None


def test_ibidem_with_a_path_is_the_same_archive() -> None:
    ref = parse_archival_after_ibid("Ibidem: Collegio, Suppliche, fz. 6, f. 352")
    assert ref is not None and ref.archive is None and ref.path == ("Collegio", "Suppliche")
    assert parse_archival_after_ibid("Ibid., b. 830") is None
    assert parse_archival_after_ibid("Ibid.") is None


def test_archive_keys_and_csl() -> None:
    assert archive_key("A. S. Ve.") == archive_key("ASVe") == "asve"
    ref = parse_archival("A.S.L., Sanità, Necrologi, b. 3")
    assert ref is not None
    assert archival_csl(ref) == {
        "type": "manuscript",
        "title": "Sanità, Necrologi",
        "archive": "A.S.L.",
    }


def test_ibidem_is_never_a_fond() -> None:
    assert parse_archival("Ibidem,fz. 5, f. 288") is None
    assert parse_archival("Ivi, reg. 3, c. 4") is None


def test_capitals_before_a_volume_are_no_archive() -> None:
    assert parse_archival("UNIDO, Investment Agreements: A Compendium, Vol. II, 1996, 114") is None
    ref = parse_archival("PRO, State Papers, Savoy, fol. 12")
    assert ref is not None and ref.archive == "PRO" and ref.locator == "fol. 12"
