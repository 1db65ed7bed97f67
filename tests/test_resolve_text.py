"""Back-references resolved from note text: the splitter and the resolver together.

Made-up notes in the styles of continental journals (Italian, French, German), where the
parsed fields are weaker and the forms differ from English ones. Each case is a document
(one string per note) and the links expected: (note, citation index) -> the (note, index)
whose work it must share, or None when it must stay unresolved.
"""

from __future__ import annotations

from typing import Any

import pytest

from citex.citations import split_citations_in_text
from citex.fuzzy import name_similarity
from citex.models import Footnote
from citex.resolve import Matcher, resolve_citations


def resolve(*texts: str) -> tuple[Footnote, ...]:
    notes = [
        Footnote(number=n, page=1, text=t, spans=(), citations=tuple(split_citations_in_text(t)))
        for n, t in enumerate(texts, start=1)
    ]
    return resolve_citations(notes)


# A short form that matches nothing earlier starts a work of its own.
NEW = "new"


def at(notes: tuple[Footnote, ...], where: tuple[int, int]) -> Any:
    number, index = where
    return next(f for f in notes if f.number == number).citations[index]


CASES = [
    pytest.param(
        [
            "Ada Rossi, La strada di San Pietro. Mulini, acque e vie nel Veneto, Roma 1961, p. 4.",
            "A. Rossi, La strada,p. 9.",
            "Rossi, La strada, cit., pp. 3-4.",
        ],
        [((2, 0), (1, 0)), ((3, 0), (1, 0))],
        id="full_citation_with_subtitle_cut_at_its_inner_period",
    ),
    pytest.param(
        [
            "S. BIANCHI. Storia dei mulini di Padova,Padova 1953, pp. 3-9.",
            "BIANCHI, op. cit., p. 12.",
        ],
        [((2, 0), (1, 0))],
        id="author_name_closed_by_a_period",
    ),
    pytest.param(
        [
            "L, Verdi, Le vie del sale nel Cinquecento,Udine, Forum, 2000, p. 28.",
            "Verdi, Le vie del sale,cit., pp. 23-25.",
        ],
        [((2, 0), (1, 0))],
        id="initial_with_a_comma_for_its_period",
    ),
    pytest.param(
        [
            "R. Neri, Le isole e il mare, «Rivista di studi», 3, 1990, pp. 1-9.",
            "Eadem, Le isole, cit., p. 4.",
            "Eadem, Le torri di Corfù, «Rivista di studi», 5, 1992, pp. 11-19.",
            "Eadem, Le torri di Corfù, cit., p. 12.",
        ],
        [((2, 0), (1, 0)), ((4, 0), (3, 0))],
        id="eadem_with_a_title_names_the_same_author",
    ),
    pytest.param(
        [
            "R. Neri, Le isole e il mare, «Rivista di studi», 3, 1990, pp. 1-9.",
            "Eadem, Le torri, cit., p. 4.",
            "Eadem, Le isole, cit., p. 5.",
        ],
        [((2, 0), NEW), ((3, 0), (1, 0))],
        id="eadem_after_an_unmatched_eadem_keeps_the_author",
    ),
    pytest.param(
        ["G. Verdi, Storia di Chioggia,Venezia 1901, p. 3.", "Verdi, op.rii., pp. 49-59."],
        [((2, 0), (1, 0))],
        id="op_cit_misread_by_ocr",
    ),
    pytest.param(
        [
            "P. Neri, I cantieri, in L'età delle galee, a cura di A. Rossi, Roma 1980, pp. 20-40.",
            "Neri, I cantieri,in L'età delle galee,cit., p. 25.",
        ],
        [((2, 0), (1, 0))],
        id="chapter_short_form_names_its_volume",
    ),
    pytest.param(
        [
            "Il portolano del Mar Nero,Venezia 1790, vol. vi.",
            "Il portolano del Mar Nero,vi, cit., pp. 43, 85.",
        ],
        [((2, 0), (1, 0))],
        id="volume_number_after_a_short_title",
    ),
    pytest.param(
        [
            "Kent, in those years, was poor. Lee, Old Roads, Boston 1972, p. 5.",
            "Kent, Old Roads, p. 9.",
        ],
        [((2, 0), NEW)],
        id="commentary_is_not_joined_to_the_citation_after_it",
    ),
    pytest.param(
        [
            "Rossi, Le vie del sale, cit., p. 4.",
            "Ivi, p. 5.",
            "G. Bianchi, Storia di Chioggia, Venezia 1901, p. 3.",
            "Rossi, Le vie del sale, cit., p. 9.",
        ],
        [((1, 0), NEW), ((2, 0), (1, 0)), ((4, 0), (1, 0))],
        id="work_known_only_from_short_forms_links_its_later_short_forms",
    ),
    pytest.param(
        [
            "Rossi, Le vie del sale, cit., p. 4.",
            "G. Rossi, Le vie del sale, Milano 1950, p. 3.",
            "Rossi, Le vie del sale, cit., p. 9.",
        ],
        [((1, 0), NEW), ((3, 0), (2, 0))],
        id="a_full_citation_wins_over_a_work_known_from_short_forms",
    ),
    pytest.param(
        [
            "Rossi, Le vie del sale, cit., p. 4.",
            "G. Rossi, Le vie del sale nel Cinquecento, Milano 1950, p. 3.",
        ],
        [((1, 0), (2, 0))],
        id="a_full_citation_completes_the_work_its_short_form_started",
    ),
    pytest.param(
        ["G. Bianchi, Storia di Chioggia, Venezia 1901, p. 3.", "Rossi, 45.", "Rossi, 46."],
        [((2, 0), None), ((3, 0), None)],
        id="a_name_alone_starts_no_work",
    ),
    pytest.param(
        ["«Gazzetta Veneta», p. 5.", "«Gazzetta Veneta», p. 7."],
        [((1, 0), NEW), ((2, 0), (1, 0))],
        id="a_quoted_title_alone_starts_a_work",
    ),
    pytest.param(
        ["«Corriere Veneto Illustrato» (1848), p. 3.", "«CVI», p. 5.", "«CVI», p. 9."],
        [((2, 0), (1, 0)), ((3, 0), (1, 0))],
        id="a_title_given_by_its_initials",
    ),
    pytest.param(
        [
            "G. Ceun, Mulini e acque del Veneto, Vicenza 1969, p. 3.",
            "G. Cerin, Mulini e acque, p. 22.",
            "Rossi, Mulini e acque, p. 9.",
        ],
        [((2, 0), (1, 0)), ((3, 0), NEW)],
        id="ocr_damaged_name_counts_when_the_title_matches_too",
    ),
    pytest.param(
        [
            "Relazione sulla pesca nella laguna, a cura di A. Rossi, s.l., s.d.",
            "Relazione sulla pesca,cit., p. 33.",
            "Relazione sulla pesca,cit., p. 40.",
        ],
        [((3, 0), (2, 0))],
        id="sentence_case_title_without_comma_is_no_name",
    ),
    pytest.param(
        ["Verbali [...],I, 1, p. 451.", "Verbali [...],I, 2, p. 78."],
        [((1, 0), NEW), ((2, 0), (1, 0))],
        id="title_shortened_with_an_ellipsis",
    ),
    pytest.param(
        ["«MV», p. 38.", "MV», p. 78."],
        [((1, 0), NEW), ((2, 0), (1, 0))],
        id="periodical_by_initials_one_guillemet_lost",
    ),
    pytest.param(
        ["ROSSI, 45.", "ROSSI, 46."],
        [((1, 0), None), ((2, 0), None)],
        id="a_capitalised_name_alone_is_no_title",
    ),
    pytest.param(
        [
            "P. Neri, Storia di Chioggia, Venezia 1905, p. 3.",
            "P. NERI, Curiosità veneziane, Bologna 1919, p. 4.",
            "NERI, op. cit., Curiosità,p. 373.",
        ],
        [((3, 0), (2, 0))],
        id="short_title_after_op_cit_picks_the_work",
    ),
    pytest.param(
        [
            "G. Verdi, «brogio», in Dizionario del dialetto di Chioggia, Venezia 1856, p. 101.",
            "Verdi, «scapolo», in op. cit., p. 619.",
        ],
        [((2, 0), (1, 0))],
        id="entry_in_op_cit_is_a_place_in_the_authors_work",
    ),
    pytest.param(
        ["G. Verdi, I registri di Candia, Venezia 1950, p. 3.", "Verdi, I registri,N° 359."],
        [((2, 0), (1, 0))],
        id="numbered_entry_as_locator",
    ),
    pytest.param(
        [
            "I tesori di Chioggia, catalogo della mostra a cura di A. Rossi, Milano 1985.",
            "G. Bianchi, Storia di Chioggia, Venezia 1901, p. 3.",
            "Verdi, in I tesori di Chioggia, cit., p. 78.",
        ],
        [((3, 0), (1, 0))],
        id="contribution_in_a_cited_volume_is_the_volume",
    ),
    pytest.param(
        [
            "A. Verdi, Le torri, Roma 1980.",
            "A. Verdi, Le mura, Roma 1982.",
            "Verdi, in I tesori di Chioggia, p. 7.",
            "Verdi, in I tesori di Chioggia, p. 9.",
        ],
        [((3, 0), NEW), ((4, 0), (3, 0))],
        id="contribution_in_an_uncited_volume_starts_the_volume",
    ),
    pytest.param(
        [
            "R. Neri, Istoria di Chioggia,T. II, Venezia 1781, p. 359.",
            "Neri, op. cit.,T. IV, p. 206.",
        ],
        [((2, 0), (1, 0))],
        id="volume_after_op_cit_is_no_title",
    ),
    pytest.param(
        [
            "G. Verdi. Anna Neri, Carlo Neri e il porto di Chioggia, «Studi veneti», IV (1962),"
            " pp. 1-9.",
            "Verdi, Anna Neri..., p. 7.",
        ],
        [((2, 0), (1, 0))],
        id="bare_author_name_then_a_title_opening_with_a_name",
    ),
    pytest.param(
        [
            "Dizionario dei veneti illustri (d’ora in poi DVI), Venezia 1960, vol. 4, p. 5.",
            "G. Bianchi, Storia di Chioggia, Venezia 1901, p. 3.",
            "DVI, vol. 4, p. 9.",
        ],
        [((3, 0), (1, 0))],
        id="italian_alias_definition",
    ),
    pytest.param(
        [
            "A. Rossi, Notai di Candia, 1301-1302, Venezia 1950 (hereafter: Notai), N° 47.",
            "Notai, N° 44.",
        ],
        [((2, 0), (1, 0))],
        id="alias_definition_with_a_colon",
    ),
    pytest.param(
        [
            "A.S.L., Consiglio dei Savi, Misti,reg. 12, f. 40v [3 May 1460].",
            "A.S.L., Consiglio dei Sayi, Misti,reg. 12, f. 95.",
            "Ibidem : Collegio, Suppliche di dentro,fz. 6, f. 352, 12 Aug. 1580.",
            "Ibidem,fz. 5, f. 288, 21 Oct. 1574.",
            "G. Bianchi, Storia di Chioggia, Venezia 1901, p. 3.",
            "Senato, Lettere, reg. 20, f. 95;",
            "A.S.L., Collegio, Suppliche di dentro, filza 9.",
        ],
        [((2, 0), (1, 0)), ((4, 0), (3, 0)), ((7, 0), (3, 0))],
        id="archival_series_with_ibidem_and_ocr_damage",
    ),
    pytest.param(
        [
            "Lotte Neri, Bessarion's Library and the Marciana, Roma 1979, p. 154.",
            "L. Neri, Bessarions Librarypp. 17-18, 481-482.",
            "Neri, Bessarion's Library... pp. 181, 339.",
        ],
        [((2, 0), (1, 0)), ((3, 0), (1, 0))],
        id="short_title_with_a_glued_or_dotted_locator",
    ),
    pytest.param(
        [
            "Arturo Rossi, Luigi Verdi, Rivalutazione di una scoperta, Roma 1950, p. 3.",
            "Rossi, Verdi, op. cit., p. 77.",
        ],
        [((2, 0), (1, 0))],
        id="two_authors_split_by_a_comma_before_op_cit",
    ),
    pytest.param(
        [
            "Anna Maria Bruna Ferretti, in Giochi di palla nel Piemonte, in L. Neri (ed.), Giochi"
            " antichi, Cuneo, 2001, pp. 43-47.",
            "Ferretti, op. cit., p. 69.",
        ],
        [((2, 0), (1, 0))],
        id="surname_ending_the_printed_author_part_the_parser_misread",
    ),
    pytest.param(
        [
            "A. Verdi, Il governo dogale come immagine,ora in Potere: un'idea, una forma. Dal"
            " comune al principato,Bologna 1987, p. 205.",
            "Verdi, art. cit., p. 25.",
        ],
        [((2, 0), (1, 0))],
        id="sentence_case_title_cut_at_its_period_joined_again",
    ),
    pytest.param(
        [
            "L. Neri, Bandi del podestà di Chioggia (1313-1329), Venezia 1965.",
            "Giorgio Bianchi, Storia della laguna, Roma 1950, p. 3.",
            "Bandi, N° 359.",
            "Bandi, p. XI.",
        ],
        [((3, 0), (1, 0)), ((4, 0), (1, 0))],
        id="title_shortened_to_one_distinctive_word_inside_it",
    ),
    pytest.param(
        [
            "L. Neri, Documenti e atti del comune, Roma 1965.",
            "Atti, p. 4.",
        ],
        [((2, 0), None)],
        id="a_word_inside_an_earlier_title_too_short_to_stand_for_it",
    ),
    pytest.param(
        [
            "R. Verdi, La Massoneria veneta dalle origini alla chiusura, Venezia 1988, p. 3.",
            "R. Verdi, LaMassoneria veneta...cìt., p. 47.",
            "Verdi, La Massoneria(cited in n. 1, above), p. 5.",
        ],
        [((2, 0), (1, 0)), ((3, 0), (1, 0))],
        id="ocr_cit_after_dots_and_a_pointer_back_in_parentheses",
    ),
    pytest.param(
        [
            "I registri delle arti veneziane,a.c. di G. Rossi and E. Neri, Rome 1914, 3 voll.",
            "I registri delle arti veneziane,cit., I, p. 28.",
        ],
        [((2, 0), (1, 0))],
        id="imprint_closed_by_a_number_of_volumes",
    ),
    pytest.param(
        [
            "Lettere d'Ansaldo Cebà scritte a Sara Rossi, In Genova, Appresso Pavoni, 1623.",
            "G. Bianchi, Storia di Genova, Genova 1950, p. 3.",
            "Ansaldo Cebà, Lettere, ed. cit., p. 74.",
        ],
        [((3, 0), (1, 0))],
        id="author_named_in_the_title_of_an_edition",
    ),
    pytest.param(
        [
            "Narrative of the Embassy of Ruy Gonzalez de Clavijo to the Court of Timour at"
            " Samarcand, translated by C. R. Markham, London 1859.",
            "G. Bianchi, Storia di Samarcanda, Genova 1950, p. 3.",
            "Clavijo, cit., pp. 25-27.",
            "Markham, cit., p. 9.",
            "Premessa, p. 7.",
        ],
        [((3, 0), (1, 0)), ((4, 0), (1, 0)), ((5, 0), None)],
        id="name_only_short_form_for_the_one_work_naming_that_person",
    ),
    pytest.param(
        [
            "G. Rossi, Storia dei mulini, Roma 1950, p. 3.",
            "Rossi, op. tit., p. 92.",
            "Atti del consiglio dei savi, a cura di G. Neri, Venezia 1931, voi. 1, p. 4.",
            "Atti del consiglio dei savi,dt., voi. 3, p. 269.",
        ],
        [((2, 0), (1, 0)), ((4, 0), (3, 0))],
        id="ocr_damaged_op_cit_and_cit_before_a_volume",
    ),
    pytest.param(
        [
            "G. Verdi, Reminiscenze ariostesche nei giardini veneti, Padova 1988, p. 3.",
            "R. Neri, La pittura del Seicento, Milano 1981, I, p. 4.",
            "L. Bianchi, Il Seicento lombardo, in La pittura in Italia, Milano 1989, p. 5.",
            "G. Verdi. Reminiscenze ariostesche...cit., p. 39.",
            "Neri. La pittura,cit.. I, p. 167.",
        ],
        [((4, 0), (1, 0)), ((5, 0), (2, 0))],
        id="name_closed_by_a_period_in_a_short_form",
    ),
    pytest.param(
        [
            "R. Neri, La pittura del Seicento, Milano 1981, p. 4.",
            "Venezia. La pittura del Seicento, cit., p. 5.",
        ],
        [((2, 0), (1, 0))],
        id="a_sentence_before_a_short_title_that_names_no_author",
    ),
    pytest.param(
        [
            "Marino Bertuto, Diari di viaggio, Venezia 1880, p. 4.",
            "Ada Neri, Storia di Chioggia, Venezia 1901, p. 3.",
            "Bertjto, p. 5.",
            "Beotjto, p. 6.",
        ],
        [((3, 0), (1, 0)), ((4, 0), (1, 0))],
        id="ocr_spelling_closer_to_an_earlier_short_form_than_to_the_full_citation",
    ),
    pytest.param(
        [
            "M. Bertuto, Diarii,Venezia, 1895, col. 231.",
            "Bertuto, Diarii,XLV, col. 361.",
            "Bertjto, Diarii,XLV, col. 14.",
            "Beotjto, Diarii,XLV, col. 607.",
        ],
        [((2, 0), (1, 0)), ((3, 0), (1, 0)), ((4, 0), (1, 0))],
        id="ocr_spellings_against_a_full_citation_parsed_without_its_title",
    ),
    pytest.param(
        [
            "M. Azzi Neri, Il giardino veneto tra Sette e Ottocento, Milano 1988, p. 3.",
            "Ead.. I giardino...cit., pp. 55-68.",
        ],
        [((2, 0), (1, 0))],
        id="ead_with_a_title_shortened_by_dots_before_cit",
    ),
    pytest.param(
        [
            "Annuario dei mulini italiani. 1939-1940, Roma 1941, p. 5.",
            "Annuario dei mulini italiani. 1954-1955, Roma 1956, p. 7.",
            "Annuario dei mulini..., 1954-1955, p. 1357.",
            "Annuario dei mulini..., p. 1357.",
        ],
        [((3, 0), (2, 0)), ((4, 0), None)],
        id="yearbooks_told_apart_by_the_year_printed",
    ),
    pytest.param(
        [
            "Enciclopedia dei mulini, a cura di G. Neri, Milano 1990, vol. 2.",
            "Rossi Giuseppe, sub voce in Enciclopedia dei mulini ..., II, p. 45.",
        ],
        [((2, 0), (1, 0))],
        id="entry_sub_voce_in_a_cited_reference_work",
    ),
    pytest.param(
        [
            "Narrative of the Embassy of Ruy Gonzalez de Clavijo to the Court of Timour at"
            " Samarcand, translated by C. R. Markham, London 1859.",
            "G. Bianchi, Storia di Samarcanda, Genova 1950, p. 3.",
            "Ruy de Gonzales de Clavijo,cit., pp. 25-27.",
        ],
        [((3, 0), (1, 0))],
        id="long_name_found_in_a_title_by_its_surname",
    ),
    pytest.param(
        [
            "R. Neri, I registri dei mulini, Napoli, 1950 e sgg., voi. 11, p. 67.",
            "I registri dei mulini,voli. 1-46, Napoli, 1950-2003;",
            "I registri dei mulini,voi. 19, cit., pp. 15-16, n. 4.",
        ],
        [((3, 0), (1, 0))],
        id="one_title_parsed_with_and_without_its_editor_is_one_item",
    ),
    pytest.param(
        [
            "A.M. Neri, Venezia e la Massoneria nel Settecento, Treviso 1990, p. 3.",
            "P. Rossi, Storia della villa di Strà, Venezia 1931, III, p. 5.",
            "Neri, op. ciL,p. 22.",
            "Rossi, op. at.,p. 189",
            "Rossi, op. cit., Ili, p. 270.",
            "L. Bianchi, I dipinti del Guercino,Roma, 1988, n. 5.",
            "Bianchi, I dipinti... rii.,p. 295, n. 219",
        ],
        [((3, 0), (1, 0)), ((4, 0), (2, 0)), ((5, 0), (2, 0)), ((7, 0), (6, 0))],
        id="op_cit_damaged_by_ocr_and_a_damaged_roman_volume",
    ),
    pytest.param(
        [
            "S. Neri, Il mercato dei mulini, Roma 1990, p. 3.",
            "Office seeking in the Republic, cit., pp. 139-140.",
            "Eadem, Office seeking in the Republic, cit., pp. 137-138.",
        ],
        [((3, 0), (2, 0))],
        id="eadem_with_a_title_cited_before_without_author",
    ),
    pytest.param(
        [
            "Les archives des mulini. Histoire de la chancellerie, Paris 1870, p. 3.",
            "Id., Les archives des mulini, cit., p. 9.",
            "Id., Storia, cit., p. 9.",
        ],
        [((2, 0), (1, 0)), ((3, 0), None)],
        id="idem_with_no_author_before_matched_by_its_title",
    ),
    pytest.param(
        [
            "Atti del Convegno internazionale di studi storici, Venezia 1979, p. 3.",
            "A. Rossi, Storia dei mulini, Venezia, 1995, p. 4.",
            "Cadel, op. ciL,p. 22.",
            "Rossi, op. at",
        ],
        [((3, 0), None), ((4, 0), (2, 0))],
        id="a_particle_read_as_a_family_name_matches_no_short_form",
    ),
    pytest.param(
        [
            "CESCR Committee, concluding observations on Australia, 22 May 2009, E/C.12/AUS/CO/4.",
            "CESCR Committee, concluding observations on Cambodia, 22 May 2009, cit., par. 4.",
            "concluding observations on Panama, 17 April 2008, CCPR/C/PAN/CO/3.",
            "CRC Committee, concluding observations on Panama, 28 February 2018, CRC/C/PAN/5.",
            "concluding observations on Panama, 28 February 2018, cit., par. 5.",
        ],
        [((2, 0), NEW), ((5, 0), (4, 0))],
        id="a_shared_year_picks_no_document_of_another_title_or_date",
    ),
    pytest.param(
        [
            "Revista Brasileira de Ciências Sociais, v. 3, 1990, p. 4.",
            "Revista Brasileira de Ciências Sociais, v.",
        ],
        [((2, 0), (1, 0))],
        id="a_long_title_with_a_particle_is_no_name",
    ),
    pytest.param(
        [
            "CESCR Committee, concluding observations on Colombia, 30 November 2001, cit., par.",
            "CESCR Committee, concluding observations on Cambodia, 22 May 2009, cit., par. 4.",
            "CRC Committee, concluding observations on Cambodia, 27 June 2022, CRC/C/KHM/CO/4.",
            "CESCR Committee, concluding observations on Cambodia, 22 May 2009, cit., par. 9.",
        ],
        [((2, 0), NEW), ((4, 0), (2, 0))],
        id="a_work_started_by_short_forms_keeps_the_year_they_print",
    ),
    pytest.param(
        [
            "CESCR Committee, concluding observations on Indonesia, 19 June 2014, E/C.12/IDN/CO/1.",
            "CESCR Committee, concluding observations on El Salvador, 19 June 2014, cit., par. 3.",
            "Court of Justice, Third Chamber, judgment of 28 July 2016, Amazon, case C-191/15.",
            "Court of Justice, Grand Chamber, Sumal, cit., par. 4.",
        ],
        [((2, 0), NEW), ((4, 0), NEW)],
        id="formulaic_titles_that_differ_in_their_last_word",
    ),
    pytest.param(
        [
            "CESCR Committee, concluding observations on Indonesia, 19 June 2014, E/C.12/IDN/CO/1;"
            " concluding observations on El Salvador, 19 June 2014, E/C.12/SLV/CO/3-5.",
            "CESCR Committee, concluding observations on El Salvador, 19 June 2014, cit., par. 3.",
        ],
        [((2, 0), (1, 1))],
        id="author_and_title_after_a_title_cited_without_its_author",
    ),
    pytest.param(
        [
            "Neri/Rossi-Bianchi, Arbeitsrecht in Frankreich (2017), 9.",
            "Vgl Neri/Rossi-Bianchi, Arbeitsrecht in Frankreich, 223 ff.",
        ],
        [((2, 0), (1, 0))],
        id="authors_joined_by_a_slash_after_vgl",
    ),
    pytest.param(
        [
            "G. Liliro, Storia di Lidema nel Seicento, Venezia 1900, p. 4.",
            "Liliro, Storia di Lidema, cit., p. 1501.",
            "Liliro, Storia di Lidema, cit., col. 1620.",
        ],
        [((2, 0), (1, 0)), ((3, 0), (1, 0))],
        id="a_page_that_looks_like_a_year_is_no_year",
    ),
    pytest.param(
        [
            "Il manuale di mercatura di Neri de' Rossi,A. Bianchi, ed., Genoa 1963, p. 137.",
            "G. Verdi, Storia di Genova, Genova 1950, p. 3.",
            "Il manuale,A. Bianchi ed., p. 140.",
        ],
        [((3, 0), (1, 0))],
        id="title_only_short_form_with_its_editor_after_a_comma",
    ),
    pytest.param(
        [
            "F. Rossi - G. Neri, Venetia città nobilissima, Venezia 1663, p. 3.",
            "Rossi - Neri, op. cit., p. 77.",
        ],
        [((2, 0), (1, 0))],
        id="two_authors_joined_by_a_dash",
    ),
    pytest.param(
        [
            "Emilio Neri, Suor Arcangela Tarabotti monaca del Seicento, Roma 1960, p. 3.",
            "Emilio Neri, Una monaca femminista del Seicento: suor Arcangela, Roma 1961, p. 4.",
            "Neri, Suor Arcangelo, p. 9.",
        ],
        [((3, 0), (1, 0))],
        id="damaged_opening_beats_an_exact_match_mid_title",
    ),
    pytest.param(
        [
            "I registri dei mulini,voi. 3, p. 182, n. 443; G. Bo, Le acque,Roma 1990, p. 4.",
            "Ivi, p. 7.",
            "A. Neri, Le torri,Padova 1971, p. 5.",
            "voi. 14, pp. 42-43, n. 176",
            "Ivi, voi. 19, p. 141.",
        ],
        [((4, 0), (3, 0)), ((5, 0), (3, 0))],
        id="a_note_of_a_locator_alone_goes_on_with_the_work_before",
    ),
    pytest.param(
        [
            "K. Brandt, Die Mühlen am Rhein, Berlin 2016.",
            "L. Meier, Die Strassen, Berlin 1990; K. Brandt, Der Hafen, Bonn 1999.",
            "Brandt (Fn. 2), 7.",
            "Meier (vgl. Fn. 2), 12; Brandt (Fn. 1), 9.",
        ],
        [((3, 0), (2, 1)), ((4, 0), (2, 0)), ((4, 1), (1, 0))],
        id="german_note_number_in_brackets_after_the_author",
    ),
    pytest.param(
        [
            "P Brandt, Pedagogy of the Mills (Herder 1970) 3.",
            "J Turner, Roads (OUP 1990); P Brandt, Harbours (OUP 1999).",
            "Brandt (n 2) 45.",
            "Turner (n. 2), chapter 2.",
        ],
        [((3, 0), (2, 1)), ((4, 0), (2, 0))],
        id="oscola_note_number_in_brackets_after_the_author",
    ),
    pytest.param(
        [
            "2 WILLIAM BRANDT, COMMENTARIES ON THE MILLS OF ENGLAND 4 (1768).",
            "2 id. at 4, 7.",
            "Id. at 9.",
        ],
        [((2, 0), (1, 0)), ((3, 0), (1, 0))],
        id="bluebook_volume_before_id",
    ),
    pytest.param(
        [
            "D. BRANDT, The Mills Paradox, New York 2011, p. 3.",
            "D. BRANDT, ibid., 6",
            "K. ROSSI, ibid., 7",
        ],
        [((2, 0), (1, 0)), ((3, 0), None)],
        id="a_name_and_ibid_by_that_author_only",
    ),
    pytest.param(
        [
            "A. Nowak, Prawo młynów, Torun 2010, S. 5.",
            "B. Lee, Strassen, Berlin 1990.",
            "Näher darüber z.B. Nowak, Fußnote 1, S. 101-102",
            "Lee, Fn. 2, S. 4",
        ],
        [((3, 0), (1, 0)), ((4, 0), (2, 0))],
        id="german_name_then_footnote_number",
    ),
    pytest.param(
        [
            "RICHARD A. BRANDT, THE MILLS OF JUSTICE (1981); RICHARD A. BRANDT, ECONOMIC ANALYSIS"
            " OF MILLS (9th ed. 2014); ROBERT COOTER & THOMAS ULEN, LAW & MILLS (2000).",
            "See BRANDT [THE MILLS OF JUSTICE], supra note 1; BRANDT [ECONOMIC ANALYSIS OF"
            " MILLS], supra note 1; Brandt, Economic Analysis, supra note 1; BRANDT [ECONOMIC"
            " HISTORY], supra note 1; BRANDT, supra note 1.",
        ],
        [
            ((2, 0), (1, 0)),
            ((2, 1), (1, 1)),
            ((2, 2), (1, 1)),
            ((2, 3), None),
            ((2, 4), None),
        ],
        id="supra_note_with_a_short_title_picks_one_of_the_authors_works",
    ),
    pytest.param(
        [
            "Ian Bell in his Women Triumphant: Feminism in French Literature 1610-1652."
            " (Oxford: Clarendon Press, 1977),",
            "Bell, pp. 2-3",
            "Bell, Women Triumphant, p. 26",
            "Bell, Feminism Triumphant, p. 27",
        ],
        [((3, 0), (1, 0)), ((4, 0), NEW)],
        id="a_short_title_whole_inside_the_title_of_a_work_by_that_author",
    ),
    pytest.param(
        [
            "Prospetto delle sessioni della Società di Verona,1797 anno I della libertà italiana",
            "Prospetto [...], p.Ili",
        ],
        [((2, 0), (1, 0))],
        id="a_page_ocr_read_as_letters_is_no_title",
    ),
    pytest.param(
        [
            "P. Sarpi, Consulti,a cura di C. Pin, 1, Pisa-Roma, Istituti editoriali, 2001, p. 3.",
            "P. Sarpi, G. Gambarin, Scritti giurisdizionalistici, Bari 1958, p. 5.",
            "uIdem, Consulti,cìt., 11, pp. 621-628.",
        ],
        [((3, 0), (1, 0))],
        id="idem_after_a_citation_naming_an_editor_among_its_authors",
    ),
    pytest.param(
        [
            'Emilio Neri, “Bianca Capello e la sua poetessa", Nuova Antologia 458 (1953): 455-68',
            "Emilio Neri, Suor Arcangela, monaca del Seicento (Florence: L’Impronta, 1960), p. 214.",
            "Neri, p. 221",
            "Neri, p. 460",
        ],
        [((3, 0), (2, 0)), ((4, 0), (1, 0))],
        id="author_of_two_works_decided_by_an_article_page_range",
    ),
    pytest.param(
        [
            "Emilio Neri, Bianca Capello, Firenze 1953, p. 455.",
            "Emilio Neri, Suor Arcangela, monaca del Seicento (Florence: L’Impronta, 1960), p. 214.",
            "Neri, p. 221",
        ],
        [((3, 0), None)],
        id="author_of_two_books_stays_null_whatever_the_page",
    ),
    pytest.param(
        [
            "Carte pubbliche stampate ed esposte ne’ luoghi più frequentati della città di"
            " Verona,III, anno I della libertà italiana, p. 583",
            "Carte [...],p. 664",
            "Carte [...],Ili, p. 522.",
        ],
        [((2, 0), (1, 0)), ((3, 0), (1, 0))],
        id="a_volume_ocr_read_as_letters_after_the_dots_is_no_title",
    ),
    pytest.param(
        [
            "G. BARNABEI, Il porto di Ancona, Pisa 1932, doc. 50, p. 373.",
            "Barn., doc. 52, p. 374.",
            "Barn. doc. 54, p. 378.",
        ],
        [((2, 0), (1, 0)), ((3, 0), (1, 0))],
        id="author_name_cut_short_with_a_period",
    ),
    pytest.param(
        [
            "G. Barnabei, Il porto di Ancona, Pisa 1932, p. 3.",
            "L. Barnaba, Le navi, Roma 1950, p. 4.",
            "Barn., doc. 52, p. 374.",
        ],
        [((3, 0), None)],
        id="name_cut_short_fitting_two_authors_stays_null",
    ),
    pytest.param(
        ["G. Barnabei, Il porto di Ancona, Pisa 1932, p. 3.", "Bar., p. 374."],
        [((2, 0), None)],
        id="name_cut_to_three_letters_is_too_short_to_tell",
    ),
    pytest.param(
        [
            "S. Tramontani, La visita apostolica del 1581 a Verona, Roma 1960, p. 4.",
            "S, Tramontani, La visita apostolica,cit., p. 493",
        ],
        [((2, 0), (1, 0))],
        id="an_initial_with_a_comma_for_its_period_before_a_short_form",
    ),
    pytest.param(
        [
            "M. Neri, De situ urbis Veronae (1493-1530), ed. A. Costa Bruni, Milano 1980, p. XX.",
            "L. Rossi, Tra volgare e latino, «Studi veneti», 3 (1980), pp. 580-600.",
            "Ibid., in the introduction to De situ urbis Veronae, p. XXI;",
            "Costa Bruni in the introduction to De situ urbis, pp. XVIII,",
            "A. Verdi, Introduzionea De situ urbis Veronae, ed. cit., p. 10.",
        ],
        [((3, 0), (1, 0)), ((4, 0), (1, 0)), ((5, 0), (1, 0))],
        id="an_introduction_is_part_of_the_volume_it_introduces",
    ),
    pytest.param(
        [
            "L. Rossi, Tra volgare e latino, «Studi veneti», 3 (1980), pp. 580-600.",
            "Ibid., in the introduction to the second part, p. 590.",
        ],
        [((2, 0), (1, 0))],
        id="an_introduction_to_no_cited_title_leaves_ibid_alone",
    ),
    pytest.param(
        [
            "MGH, Epistolae selectae 1557-1558, Berlin 1924, p. 3.",
            "MGH, Epistolae selectae ¡559-1560, Berlin 1925, p. 888.",
            "MGH, Epistolae selectae 1559-1560,cit., p. 44.",
            "MGH, Epistolae selectae 1561-1562,cit., p. 137.",
        ],
        [((3, 0), (2, 0)), ((4, 0), None)],
        id="a_volume_of_a_series_by_its_years_when_ocr_damaged_a_year",
    ),
    pytest.param(
        [
            "Annuario dei mulini italiani, a cura della Federazione. 1954-1955, Milano 1954, p. 1.",
            "Annuario dei mulini italiani, a cura della Federazione. 1959-1960, Milano 1960, p. 2.",
            "Annuario dei mulini .... 1954-1955, p. 1357;",
            "Annuario dei mulini..., 1959-1960, p. 8.",
        ],
        [((3, 0), (1, 0)), ((4, 0), (2, 0))],
        id="yearbook_volumes_stay_apart_and_short_forms_pick_theirs",
    ),
    pytest.param(
        [
            "G. ROSSI BIANCHI, Dell'Archivio del Gran Mulino dell'Ordine, Venezia 1889, p. 3",
            "G. ROSSI BiANCHI, Del Gran Mulino dell'Ordine in Venezia,“Nuovo Archivio Veneto”, IV,"
            " 1892, pp. 101-102",
            "ROSSI BlANCHI, Del Gran Mulino",
        ],
        [((3, 0), (2, 0))],
        id="printed_opening_beats_a_match_inside_another_title",
    ),
    pytest.param(
        [
            "D.R. Bianchi-C. Dalla Torre, Il Mulino Dolfìn-Mattina Rialto,Venezia, 1970",
            "Bianchi - Della Torre, ¡I Mulino... cit.,p. 11.",
            "L. Rossi-G. Mira, Storia dei mulini nel periodo moderno, II, Verona 1969, pp. 5-6",
            "Rossi - Mira, Storia dei mulini nel periodo moderno... I,p. 351",
        ],
        [((2, 0), (1, 0)), ((4, 0), (3, 0))],
        id="authors_joined_by_a_dash_before_an_initial",
    ),
    pytest.param(
        [
            "Narrative of the Voyage of Ruy Gonçaleç de Clavijo to Samarcand a.d. 1403-6, with"
            " notes by C. R. Bell, New York 1970, p. 3.",
            "Ruy de Clavija de Gonzales,rit., p. 26",
            "Ruy de Clavija de Fonseca,cit., p. 27",
        ],
        [((2, 0), (1, 0)), ((3, 0), None)],
        id="a_long_name_named_in_a_title_by_both_its_surnames",
    ),
]


@pytest.mark.parametrize(("texts", "links"), CASES)
def test_links_from_text(texts: list[str], links: list[tuple[Any, Any]]) -> None:
    notes = resolve(*texts)
    for where, target in links:
        cite = at(notes, where)
        if target is None:
            assert cite.work is None, cite.resolution
            assert cite.resolution.reason
        elif target == NEW:
            earlier = {c.work for f in notes for c in f.citations if f.number < where[0]}
            assert cite.work is not None and cite.work not in earlier, cite.resolution
            assert "starts a work of its own" in cite.resolution.reason
        else:
            assert cite.work is not None, cite.resolution
            assert cite.work == at(notes, target).work, cite.resolution


def test_chapter_named_with_a_cited_volume_is_a_chapter_in_it() -> None:
    notes = resolve(
        "Biografia dei veneti illustri, a cura di A. Rossi, Venezia 1840, vol. II.",
        "L. Verdi, Giovanni Neri, in Biografia dei veneti illustri, cit., vol. II, p. 5.",
        "Verdi, Giovanni Neri, cit., p. 7.",
    )
    volume, chapter, again = at(notes, (1, 0)), at(notes, (2, 0)), at(notes, (3, 0))
    assert chapter.resolution.method == "container", chapter.resolution
    assert chapter.work is not None and chapter.work != volume.work
    assert chapter.csl["title"] == "Giovanni Neri"
    assert chapter.csl["container-title"] == volume.csl["title"]
    assert chapter.csl["type"] == "chapter"
    assert again.work == chapter.work, again.resolution


def test_ead_with_a_short_title_names_the_same_author() -> None:
    notes = resolve(
        "R. Neri, Le isole e il mare, «Rivista di studi», 3, 1990, pp. 1-9.",
        "G. Bianchi, Storia di Chioggia, Venezia 1901, p. 3.",
        "R. Neri, Le torri, Roma 1992, p. 5.",
        "Ead., Le isole, p. 4.",
    )
    assert at(notes, (4, 0)).work == at(notes, (1, 0)).work, at(notes, (4, 0)).resolution


def test_a_full_citation_fitting_two_short_form_works_completes_neither() -> None:
    notes = resolve(
        "Rossi, Le vie, cit., p. 4.",
        "Rossi, Le vie del, cit., p. 5.",
        "G. Rossi, Le vie del sale, Milano 1950, p. 3.",
    )
    first, second, full = at(notes, (1, 0)), at(notes, (2, 0)), at(notes, (3, 0))
    assert first.work != second.work
    assert full.work not in {first.work, second.work}, full.resolution


def test_a_full_citation_of_another_year_does_not_complete_a_work_of_short_forms() -> None:
    notes = resolve(
        "CESCR Committee, concluding observations on Cambodia, 22 May 2009, cit., par. 4.",
        "CRC Committee, concluding observations on Cambodia, 27 June 2022, CRC/C/KHM/CO/4.",
    )
    short, full = at(notes, (1, 0)), at(notes, (2, 0))
    assert short.work is not None and full.work is not None
    assert short.work != full.work, full.resolution


SUPRA_ELSEWHERE = [
    pytest.param(
        [
            "Ann Lee, Old Roads of Kent (Boston, 1972), 4.",
            "B. Orme, The Mills of Essex (London, 1965), 9.",
            "Lee, supra note 7, at 12.",
        ],
        (3, 0),
        (1, 0),
        "note 7 is not an earlier note",
        id="a_later_note_number_by_the_author",
    ),
    pytest.param(
        [
            "Ann Lee, Old Roads of Kent (Boston, 1972), 4.",
            "B. Orme, The Mills of Essex (London, 1965), 9.",
            "Lee, supra note 2, at 12.",
        ],
        (3, 0),
        (1, 0),
        "note 2 cites nothing by Lee",
        id="the_note_cites_another_author",
    ),
    pytest.param(
        [
            "The Mills of Essex (London, 1965), 9.",
            "Orme, supra note 1, at 12.",
        ],
        (2, 0),
        (1, 0),
        "though its parsed author is not Orme",
        id="the_one_item_of_the_note_all_the_same",
    ),
    pytest.param(
        [
            "Ann Lee, Old Roads of Kent (Boston, 1972), 4.",
            "Summarizing Neri and Bo, supra note 9, 8.",
            "Lee, supra note 2, at 12.",
        ],
        (3, 0),
        (1, 0),
        "note 2 cites nothing citex resolved",
        id="the_note_resolved_nothing_so_the_author_elsewhere",
    ),
]


def test_a_supra_note_to_the_one_item_of_another_named_author_stays_null() -> None:
    notes = resolve(
        "H. Sedigh, What Level of Interference Amounts to a Taking, 14 J. INT'L L. 3 (2001).",
        "Starrett Housing, supra note 1, 154.",
    )
    cite = at(notes, (2, 0))
    assert cite.work is None, cite.resolution
    assert "its one item is by Sedigh" in cite.resolution.reason


@pytest.mark.parametrize(("texts", "where", "target", "reason"), SUPRA_ELSEWHERE)
def test_supra_note_that_cannot_be_the_one_meant(
    texts: list[str], where: tuple[int, int], target: tuple[int, int], reason: str
) -> None:
    notes = resolve(*texts)
    cite = at(notes, where)
    assert cite.work == at(notes, target).work, cite.resolution
    assert cite.resolution.method == "supra"
    assert reason in cite.resolution.reason
    assert cite.resolution.confidence <= 0.7


def test_a_locator_alone_says_why_and_is_less_sure_than_an_ibid() -> None:
    notes = resolve("A. Neri, Le torri,Padova 1971, p. 5.", "Vol. 2, pp. 42-43.")
    cite = at(notes, (2, 0))
    assert cite.work == at(notes, (1, 0)).work
    assert cite.pinpoint == "42-43"
    assert (
        cite.resolution.confidence
        < at(resolve("A. Neri, Le torri,Padova 1971.", "Ibid., 4."), (2, 0)).resolution.confidence
    )
    assert cite.resolution.reason.startswith("no author or title")


def test_a_reference_work_volume_is_picked_by_its_number_also_as_ocr_prints_it() -> None:
    notes = resolve(
        "C. Rossi, Bembo, Pietro,in Dizionario dei Mugnai Italiani,voi. 45, Roma, Istituto"
        " della Enciclopedia, 1995, pp. 19-29.",
        "C. Neri, Della Casa, Giovanni,in Dizionario dei Mugnai Italiani,voi. 36, Roma,"
        " Istituto della Enciclopedia, 1988, pp. 699-719.",
        "Dizionario dei Mugnai,voi. 45, p. 156.",
        "Dizionario dei Mugnai,vol. 36, p. 700.",
    )
    forty_five, thirty_six = at(notes, (3, 0)), at(notes, (4, 0))
    assert forty_five.work is not None and thirty_six.work is not None
    assert forty_five.work != thirty_six.work
    assert "chapter in note 1" in forty_five.resolution.reason
    assert "chapter in note 2" in thirty_six.resolution.reason


def test_entries_of_a_reference_work_cited_by_headword_are_that_work() -> None:
    notes = resolve(
        "Neri Anna, sub voce in Enciclopedia dei mulini e delle acque, II, Milano-Roma 1971,"
        " p. 499",
        "L. Bo, Storia, Roma 1990, p. 3.",
        "Rossi Carlo, sub voce in Enciclopedia dei mulini ..., II, p. 463;",
        "Verdi Luca, sub voce in Enciclopedia dei mulini e delle acque, II, Milano-Roma 1971,"
        " p. 410",
    )
    first, short, other = at(notes, (1, 0)), at(notes, (3, 0)), at(notes, (4, 0))
    assert first.work is not None
    assert short.work == first.work and other.work == first.work
    assert "the entry 'Neri Anna' of a reference work" in first.resolution.reason
    assert "the entry 'Rossi Carlo' of it" in short.resolution.reason
    assert (short.pinpoint, other.pinpoint) == ("463", "410")


def test_supra_note_to_a_later_note_by_nobody_cited_stays_null() -> None:
    notes = resolve("Ann Lee, Old Roads of Kent (Boston, 1972), 4.", "Orme, supra note 7, at 12.")
    assert at(notes, (2, 0)).work is None


@pytest.mark.parametrize(("texts", "links"), CASES)
def test_the_name_index_changes_no_link(texts: list[str], links: object) -> None:
    # A matcher other than the default is scored against every work (the name index knows
    # only the default similarity): both must give the same works.
    notes = [
        Footnote(number=n, page=1, text=t, spans=(), citations=tuple(split_citations_in_text(t)))
        for n, t in enumerate(texts, start=1)
    ]
    plain = Matcher(name=lambda a, b: name_similarity(a, b))
    with_index = resolve_citations(notes)
    without = resolve_citations(notes, matcher=plain)
    assert [c.work for f in with_index for c in f.citations] == [
        c.work for f in without for c in f.citations
    ]
