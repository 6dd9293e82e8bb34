"""The language is read from the environment as GNU gettext reads it (bt15k F5: LANGUAGE was ignored,
`LANG=en_US.UTF-8 LANGUAGE=zh_CN` spoke English): LANGUAGE, a list by priority, before LC_ALL, LC_MESSAGES and LANG,
unless the locale is C or POSIX (C.UTF-8 included: issue 15's English under C). Held against the standard library's own
reading of the same variables (`gettext.find`'s order), so a departure from the convention shows here."""

from __future__ import annotations

import gettext
import os
import sys

import pytest

from scorer.lang import language_of

LOCALES = [None, "C", "C.UTF-8", "POSIX", "en_US.UTF-8", "zh_CN.UTF-8", "zh_TW.UTF-8"]
LANGUAGES = [None, "", "zh_CN", "zh_CN:en", "en", "en_GB:zh_CN", "fr", "fr:zh_CN", "de:en"]


def _gettext_first(environ: dict) -> str | None:
    """The first language gettext.find would look for, of those scorer has ("zh", "en"), when the locale is not C."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name)
        if value:
            for entry in value.split(":"):
                if entry.lower().startswith(("zh", "en")):
                    return entry.lower()[:2]
            return "en"  # no catalogue for any of them: the untranslated English
    return None


@pytest.mark.skipif(sys.platform == "win32", reason="no locale variables: the system locale decides")
@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("variable", ["LC_ALL", "LC_MESSAGES", "LANG"])
def test_the_language_is_read_as_gettext_reads_it(locale, language, variable):
    environ = {k: v for k, v in {variable: locale, "LANGUAGE": language}.items() if v is not None}
    c = locale is not None and locale.split(".")[0] in ("C", "POSIX")
    if c:  # gettext ignores LANGUAGE under C: English, as the rule says
        expected = "en"
    elif locale is None and not language:
        expected = "zh"  # no locale at all: the analysts' language
    else:
        expected = _gettext_first(environ)
    assert language_of([], environ) == expected, environ
    assert language_of(["--lang", "en"], environ) == "en" and language_of(["--lang=zh"], environ) == "zh"


def test_the_standard_library_gives_language_the_same_precedence():
    """Python's gettext.find reads LANGUAGE first: the convention the test above holds scorer to."""
    import inspect

    source = inspect.getsource(gettext.find)
    assert "'LANGUAGE', 'LC_ALL', 'LC_MESSAGES', 'LANG'" in source, source


def test_a_run_under_language_speaks_it():
    from conftest import run_cli

    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")}
    done = run_cli("score", "/nonexistent-folder", env={**env, "LANG": "en_US.UTF-8", "LANGUAGE": "zh_CN"})
    assert done.returncode == 1 and "错误" in done.stderr, done.stderr
    done = run_cli("score", "/nonexistent-folder", env={**env, "LANG": "C.UTF-8", "LANGUAGE": "zh_CN"})
    assert done.returncode == 1 and "error" in done.stderr and "错误" not in done.stderr, done.stderr
