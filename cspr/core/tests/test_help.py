from django.urls import reverse


def test_help_lists_role_guides_and_it_pages_separately(client, db):
    html = client.get(reverse("core:help")).content.decode()
    role_section, it_section = html.split("For IT teams")
    assert "Using cspr as a business manager" in role_section
    assert "Installing cspr" in it_section
    assert "Running cspr" in it_section
    assert "Front end" not in html


def test_help_page_renders_markdown_with_govuk_classes(client, db):
    html = client.get(reverse("core:help-page", args=["operations"])).content.decode()
    assert '<table class="govuk-table">' in html
    assert "SECRET_KEY" in html


def test_unknown_help_page_is_not_found(client, db):
    assert client.get(reverse("core:help-page", args=["no-such-page"])).status_code == 404
