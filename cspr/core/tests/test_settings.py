import os
import subprocess
import sys

PRODUCTION_ENV = {
    "CSPR_PROFILE": "production",
    "SECRET_KEY": "k3N8q-production-like-secret-for-the-deploy-check-7Zp2xWv9R4tYb6",
    "ALLOWED_HOSTS": "cspr.example.org",
    "DATABASE_URL": "sqlite:////tmp/cspr-deploy-check.sqlite3",
    "EMAIL_URL": "submission://cspr%40example.org:app-password@smtp.example.org:587",
}


def cspr(*args, **env):
    ignored = (
        "DATABASE_URL",
        "CSPR_PROFILE",
        "SECRET_KEY",
        "DEBUG",
        "EMAIL_URL",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    )
    clean = {k: v for k, v in os.environ.items() if k not in ignored}
    return subprocess.run(
        [sys.executable, "-m", "cspr", *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_profile_passes_check_deploy():
    result = cspr("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_profile_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = cspr("check", **env)
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_production_profile_refuses_debug():
    result = cspr("check", **PRODUCTION_ENV, DEBUG="true")
    assert "DEBUG must be off" in result.stderr


def test_a_malformed_setting_names_the_variable():
    result = cspr("check", SESSION_IDLE_MINUTES="half an hour")
    assert "SESSION_IDLE_MINUTES must be a whole number" in result.stderr


def test_demo_data_is_refused_in_production():
    result = cspr("demo", **PRODUCTION_ENV)
    assert result.returncode != 0
    assert "not the production profile" in result.stderr


def test_production_profile_refuses_console_email():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "EMAIL_URL"}
    result = cspr("check", **env)
    assert "Set EMAIL_URL" in result.stderr


def test_an_unknown_email_scheme_is_a_clear_error():
    result = cspr("check", EMAIL_URL="smtp+tls://smtp.example.org:587")
    assert "EMAIL_URL scheme 'smtp+tls' is not supported" in result.stderr


def test_collectstatic_works_with_the_production_manifest_storage(tmp_path):
    result = cspr("collectstatic", "--no-input", STATIC_ROOT=str(tmp_path), **PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "staticfiles.json").exists()
