"""The language a run speaks ("zh" or "en"), read from the command line and the environment: standard library only (os, sys), so that the console script knows it before anything else loads."""

from __future__ import annotations

import os
import sys

LANGS = ("zh", "en")

# The one line said when a signal stops a run, by language and signal number (SIGINT 2, SIGTERM 15, SIGHUP 1).
# Written here, not in the message catalogue: it is said while the libraries load, before gettext can be.
STOPPED = {"zh": {2: "已中断", 15: "已终止", 1: "已终止"}, "en": {2: "interrupted", 15: "terminated", 1: "terminated"}}


# --lang's other spellings (bt15i F9: ZH, zh_CN, zh-CN, cn and 中文 were refused); any zh-… / zh_… (en-… / en_…)
# is its language too, as a locale's name is. Compared case-folded, an encoding suffix (.UTF-8) left out.
SPELLINGS = {"zh": ("zh", "cn", "chs", "chn", "chinese", "中文", "汉语", "简体中文", "中", "zhongwen"),
             "en": ("en", "english", "英文", "英语", "eng")}


def lang_named(value) -> str | None:
    """The language ("zh" or "en") that `value`, as given to --lang, names: zh, ZH, zh_CN, zh-CN, zh_CN.UTF-8, cn,
    中文, Chinese; en, EN, en_US, English, 英文. None for anything else (the CLI refuses it, naming --lang)."""
    if not isinstance(value, str):
        return None
    text = value.strip().casefold().split(".")[0]
    for lang, names in SPELLINGS.items():
        if text in names or text.startswith((lang + "-", lang + "_")):
            return lang
    return None


def language_of(argv=(), environ=None) -> str:
    """The language a run speaks: "zh" or "en".

    `argv` is the command line (`--lang en` or `--lang=en` anywhere in it wins); `environ` defaults to
    `os.environ`: LANGUAGE first, as GNU gettext reads it (a list by priority, `zh_CN:en`: its first zh… or en…
    entry; none of them: English, gettext's untranslated source), unless the locale is C or POSIX (C.UTF-8 too);
    then the first of LC_ALL, LC_MESSAGES and LANG that is set (a `zh…` locale gives
    Chinese, any other — C, POSIX, en_US — English), else the system's locale on Windows, else Chinese
    (the analysts this tool is for read Chinese first). `--lang` takes the spellings `lang_named` knows; an
    unknown value is left for the CLI to refuse; the environment decides meanwhile (the refusal is said in
    the language the locale implies).
    """
    args = list(argv)
    for i, arg in enumerate(args):
        value = args[i + 1] if arg == "--lang" and i + 1 < len(args) else arg[7:] if arg.startswith("--lang=") else None
        if lang_named(value) is not None:
            return lang_named(value)
    env = os.environ if environ is None else environ
    locale_set = next((env[name] for name in ("LC_ALL", "LC_MESSAGES", "LANG") if env.get(name)), None)
    # GNU gettext's LANGUAGE (zh_CN:en, a list by priority) comes before them, unless the locale is C or POSIX (bt15k F5)
    if env.get("LANGUAGE") and (locale_set is None or not _c_locale(locale_set)):
        for entry in env["LANGUAGE"].split(":"):
            if entry.strip().lower().startswith(LANGS):
                return entry.strip().lower()[:2]
        return "en"  # no catalogue for any language listed: gettext's untranslated messages, the English source
    if locale_set is not None:  # POSIX precedence: the first one set decides
        return "zh" if locale_set.lower().startswith("zh") else "en"
    if sys.platform == "win32":  # Windows sets no LANG; its user locale reads e.g. "Chinese (Simplified)_China"
        import locale

        name = (locale.getlocale()[0] or "").lower()
        if name:
            return "zh" if name.startswith(("zh", "chinese")) else "en"
    return "zh"


def _c_locale(value: str) -> bool:
    """Whether a locale's name is C or POSIX (C.UTF-8 too): the locale under which gettext ignores LANGUAGE."""
    name = value.split(".")[0].split("@")[0]
    return name in ("C", "POSIX")


def stopped(signum: int, lang: str) -> str:
    """The line said when signal `signum` stops a run, in `lang` (one language, never both)."""
    words = STOPPED.get(lang, STOPPED["en"])
    return words.get(signum, words[15])
