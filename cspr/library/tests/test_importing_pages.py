"""The upload page: business managers import their partnership's reports as drafts, administrators
national ones; the result page lists every file's outcome and survives a refresh without importing again."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cspr.library.forms import importing as forms_importing
from cspr.library.models import LibraryEntry

from .test_importing_extract import SAMPLES, encrypted_pdf

IMPORT = reverse("library:import")
DONE = reverse("library:import_done")


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def briefing() -> SimpleUploadedFile:
    return upload("child-m.txt", (SAMPLES / "child-m-learning-briefing.txt").read_bytes())


def test_business_manager_sees_the_upload_page(client, business_manager):
    client.force_login(business_manager)

    response = client.get(IMPORT)

    content = response.content.decode()
    assert response.status_code == 200
    assert "Import reports into the library" in content
    assert 'type="file" multiple' in content
    assert 'enctype="multipart/form-data"' in content
    assert "only your partnership can see until you publish it" in content


def test_upload_imports_each_file_and_reports_every_outcome(client, business_manager, partnership):
    client.force_login(business_manager)

    response = client.post(
        IMPORT,
        {"files": [briefing(), upload("locked.pdf", encrypted_pdf("secret"))], "year": "", "review_type": ""},
    )

    assert response.status_code == 302
    assert response["Location"] == DONE
    entry = LibraryEntry.objects.get()
    assert (entry.partnership, entry.status, entry.created_by) == (partnership, "draft", business_manager)
    assert entry.files.get().original_name == "child-m.txt"
    page = client.get(DONE)
    content = page.content.decode()
    assert "1 report imported" in content
    assert "1 file not added" in content
    assert f'href="{entry.get_absolute_url()}"' in content
    assert "Check Learning from the review of Child M" in content
    assert "locked.pdf" in content
    assert "The PDF is encrypted: it needs a password to open" in content


def test_refreshing_the_result_page_imports_nothing_again(client, business_manager):
    client.force_login(business_manager)
    client.post(IMPORT, {"files": [briefing()]})

    for _ in range(2):
        assert client.get(DONE).status_code == 200

    assert LibraryEntry.objects.count() == 1


def test_uploading_a_report_already_in_the_library_says_so(client, business_manager):
    client.force_login(business_manager)
    client.post(IMPORT, {"files": [briefing()]})

    client.post(IMPORT, {"files": [briefing()]})

    content = client.get(DONE).content.decode()
    assert "No reports imported" in content
    assert "Already in the library as “Learning from the review of Child M”" in content
    assert LibraryEntry.objects.count() == 1


def test_year_and_type_given_on_the_page_are_recorded_as_given_there(client, business_manager):
    client.force_login(business_manager)

    client.post(IMPORT, {"files": [briefing()], "year": "2020", "review_type": "rapid_review"})

    entry = LibraryEntry.objects.get()
    assert (entry.year, entry.review_type) == (2020, "rapid_review")
    assert entry.guesses["year"] == {"value": 2020, "source": "given on the upload page"}


def test_administrator_imports_national_reports(client, system_admin):
    client.force_login(system_admin)

    client.post(IMPORT, {"files": [upload("safer-sleep.html", (SAMPLES / "safer-sleep.html").read_bytes())]})

    entry = LibraryEntry.objects.get()
    assert (entry.partnership, entry.area, entry.status) == (None, "Not known", "draft")
    assert "Check Safer sleep: a thematic review" in client.get(DONE).content.decode()


def test_report_text_is_escaped_on_the_result_page(client, business_manager):
    client.force_login(business_manager)

    client.post(
        IMPORT, {"files": [upload("x.html", b"<h1>Child Q &lt;script&gt;alert(1)&lt;/script&gt;</h1>")]}
    )

    content = client.get(DONE).content.decode()
    assert "<script>alert(1)" not in content
    assert "Child Q &lt;script&gt;alert(1)&lt;/script&gt;" in content


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Select one or more reports to import"),
        (
            {"files": [upload(f"r{n}.txt", b"text") for n in range(21)]},
            "Select no more than 20 files at a time",
        ),
        ({"files": [upload("empty.txt", b"")]}, "empty.txt is empty"),
        ({"files": [upload("r.txt", b"text")], "year": "twenty"}, "Enter the year as a number, like 2021"),
        ({"files": [upload("r.txt", b"text")], "year": "1900"}, "Enter a year between 1970 and"),
    ],
)
def test_mistakes_are_shown_with_govuk_errors_and_nothing_imported(client, business_manager, data, message):
    client.force_login(business_manager)

    response = client.post(IMPORT, data)

    content = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in content
    assert "govuk-form-group--error" in content
    assert message in content
    assert not LibraryEntry.objects.exists()


def test_files_over_the_size_limit_are_refused(client, business_manager, monkeypatch):
    monkeypatch.setattr(forms_importing, "MAX_FILE_BYTES", 10)
    client.force_login(business_manager)

    response = client.post(IMPORT, {"files": [briefing()]})

    assert "child-m.txt must be smaller than 20 MB" in response.content.decode()
    assert not LibraryEntry.objects.exists()


def test_result_page_without_an_upload_goes_back_to_the_upload_page(client, business_manager):
    client.force_login(business_manager)

    response = client.get(DONE)

    assert response.status_code == 302
    assert response["Location"] == IMPORT


@pytest.mark.parametrize("persona", ["review_group_member", "agency_lead", "panel_member"])
def test_only_business_managers_and_administrators_import(client, request, persona):
    client.force_login(request.getfixturevalue(persona))

    response = client.post(IMPORT, {"files": [briefing()]})

    assert response.status_code == 403
    assert not LibraryEntry.objects.exists()
