"""Pictures in documents: read from HTML (inside the page and beside it), PDF and DOCX, typed by their
bytes, placed in the text by their caption, and never fetched from anywhere."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pictures import HOSTILE_SVG, data_url, docx_with_picture, html_page, pdf_with_picture, png

from dossier.build import build_paths
from dossier.ingest import ReadError, document_from_bytes, iter_source_files, load_file, pictures_beside, read_document
from dossier.ingest.images import media_type
from dossier.store import open_store


def _emblems_page(tmp_path: Path) -> Path:
    """A page with pictures in it, beside it, on the web, outside its folder, missing and fake."""
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "flag.png").write_bytes(png((0, 120, 60)))
    (tmp_path / "site-logo.png").write_bytes(png((9, 9, 9)))
    (tmp_path / "fake.png").write_bytes(b"<html><script>alert(1)</script></html>")
    (tmp_path.parent / "outside.png").write_bytes(png((1, 2, 3)))
    page = html_page(
        "The Harbour Front: emblems",
        f"""<p>An invented group, drawn for these tests.</p>
<figure><img src="img/flag.png" alt="Flag"><figcaption>The flag of the Harbour Front.</figcaption></figure>
<p><img src="{data_url(png((200, 120, 0)))}" alt="Logo of the Harbour Front"></p>
<p><img src="{data_url(HOSTILE_SVG, "image/svg+xml")}" alt="A drawing"></p>
<p><img src="fake.png" alt="a page, not a picture"><img src="https://example.org/x.png" alt="on the web">
<img src="//example.org/y.png"><img src="../outside.png" alt="outside the folder"><img src="missing.png"></p>""",
    )
    (tmp_path / "emblems.html").write_text(page, encoding="utf-8")
    return tmp_path / "emblems.html"


def test_a_page_read_from_its_bytes_and_the_pictures_sent_with_it_is_the_page_read_from_its_folder(
    tmp_path: Path,
) -> None:
    """What a Dask worker reads (`build --cluster`): the same document, pictures and warnings included."""
    path = _emblems_page(tmp_path)
    data = load_file(path)
    sent = pictures_beside(path, data)
    assert set(sent) == {"img/flag.png", "fake.png", "site-logo.png"}  # what the page names, inside its folder
    assert document_from_bytes(str(path), data, sent) == read_document(path)


def test_an_html_page_gives_its_pictures_inside_and_beside_it_but_not_the_sites_or_the_webs(tmp_path: Path) -> None:
    doc = read_document(_emblems_page(tmp_path))
    shown = [(im.media_type, im.alt, im.caption) for im in doc.images]
    assert shown == [
        ("image/png", "Flag", "The flag of the Harbour Front."),
        ("image/png", "Logo of the Harbour Front", ""),
        ("image/svg+xml", "A drawing", ""),
    ]
    flag = doc.images[0]
    assert doc.text[flag.start : flag.end] == "The flag of the Harbour Front."  # its evidence
    assert (doc.images[1].start, doc.images[1].end) == (-1, -1)  # an alt text the text does not hold
    assert doc.images[0].data == (tmp_path / "img" / "flag.png").read_bytes()
    assert any("fake.png" in w and "not a PNG" in w for w in doc.warnings)
    assert any("missing.png" in w for w in doc.warnings)
    assert not any("outside" in w or "example.org" in w for w in doc.warnings)


def test_a_pdf_gives_its_pictures_with_the_alt_text_of_its_tagged_figures(tmp_path: Path) -> None:
    picture = png((20, 90, 160))
    path = pdf_with_picture(
        tmp_path / "emblem.pdf", ["The Harbour Front: emblem", "An invented group."], picture, "Emblem"
    )
    doc = read_document(path)
    assert [(im.media_type, im.alt, im.width, im.height) for im in doc.images] == [("image/png", "Emblem", 64, 40)]


def test_a_docx_gives_its_pictures_with_description_and_caption_quoted_in_its_text(tmp_path: Path) -> None:
    caption = "Banner of the Harbour Front at a rally"
    path = docx_with_picture(
        tmp_path / "banner.docx", ["The Harbour Front", "An invented group."], png((9, 80, 9)), "A banner", caption
    )
    doc = read_document(path)
    (image,) = doc.images
    assert (image.alt, image.caption, image.media_type) == ("A banner", caption, "image/png")
    assert doc.text[image.start : image.end] == caption


def test_a_picture_is_typed_by_its_bytes_never_its_name() -> None:
    assert media_type(png((1, 1, 1))) == ("image/png", 64, 40)
    assert media_type(HOSTILE_SVG) == ("image/svg+xml", 0, 0)
    assert media_type(b"<!doctype html><img src=x onerror=alert(1)>") is None
    assert media_type(b"GIF89a but not really") is None


def test_pictures_are_stored_with_their_document_and_replaced_with_it(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "logo.png").write_bytes(png((200, 0, 0)))
    page = html_page(
        "The Harbour Front", '<p>Name: Harbour Front</p><p><img src="logo.png" alt="Logo of the Harbour Front"></p>'
    )
    (folder / "page.html").write_text(page, encoding="utf-8")
    db = tmp_path / "kb.db"
    report = build_paths([folder], db, progress=False, workers=1)
    assert report.ok, report.problems  # the picture beside the page is not a document of its own
    with open_store(db) as store:
        (stored,) = store.images()
        assert store.image_data(stored.sha256) == ("image/png", (folder / "logo.png").read_bytes())
    (folder / "page.html").write_text(page.replace("logo.png", "gone.png"), encoding="utf-8")
    build_paths([folder], db, progress=False, workers=1)
    with open_store(db) as store:
        assert store.images() == []


def test_a_broken_symbolic_link_is_named_as_a_problem(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "good.txt").write_text("Name: Harbour Front\nAreas of operation: Chile\n", encoding="utf-8")
    os.symlink(folder / "moved-away.txt", folder / "profile.txt")
    assert folder / "profile.txt" in list(iter_source_files([folder]))
    with pytest.raises(ReadError, match="broken symbolic link"):
        read_document(folder / "profile.txt")
    report = build_paths([folder], tmp_path / "kb.db", progress=False, workers=1)
    assert report.read == 1 and report.skipped == 1
    assert report.problems == [
        f"{folder / 'profile.txt'}: broken symbolic link: its target {folder / 'moved-away.txt'} is missing"
    ]
