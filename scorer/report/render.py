"""Report view model → HTML (Jinja2) → PDF (WeasyPrint), written atomically, fetching only our own files."""

from __future__ import annotations

import logging
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from scorer.atomic import write_atomic
from scorer.resources import fonts_dir, templates_dir

FONT_FILES = [("ScorerSansSC-Regular.otf", "normal"), ("ScorerSansSC-Bold.otf", "bold")]


@dataclass
class RenderLog:
    """What WeasyPrint complained about while rendering; `.notdef` means a glyph was missing."""

    warnings: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    html_instead: Path | None = None  # WeasyPrint could not load its libraries: the HTML report written instead
    engine_error: str = ""  # what loading WeasyPrint said, for SCORER_DEBUG

    @property
    def notdef(self) -> list[str]:
        return [w for w in self.warnings if ".notdef" in w]


class _Collector(logging.Handler):
    def __init__(self, log: RenderLog):
        super().__init__(logging.WARNING)
        self.log = log

    def emit(self, record: logging.LogRecord) -> None:
        self.log.warnings.append(record.getMessage())


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        autoescape=jinja2.select_autoescape(["html", "xml"], default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(model: dict, embed_fonts: bool = False) -> str:
    """The report as HTML: charts as data URIs; fonts by file URI for WeasyPrint, or embedded
    (`embed_fonts`) so that the page is self-contained when it is mailed or moved."""
    import base64

    env = _environment()
    css = (templates_dir() / "report.css").read_text(encoding="utf-8")

    def uri(name: str) -> str:
        path = fonts_dir() / name
        if not embed_fonts:
            return path.as_uri()
        return "data:font/otf;base64," + base64.b64encode(path.read_bytes()).decode("ascii")

    fonts = [{"uri": uri(name), "weight": weight} for name, weight in FONT_FILES]
    return env.get_template("report.html").render(r=model, css=css, fonts=fonts)


def _safe_fetcher(log: RenderLog):
    """A URL fetcher that serves data: URIs and files inside our templates and fonts folders only."""
    from weasyprint.urls import URLFetcher, URLFetchingError

    allowed = [templates_dir().resolve(), fonts_dir().resolve()]

    class SafeFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            scheme = url.split(":", 1)[0].lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == "file":
                path = Path(urllib.parse.unquote(urllib.parse.urlparse(url).path)).resolve()
                if any(path.is_relative_to(root) for root in allowed) and path.is_file():
                    return super().fetch(url, headers)
            log.refused.append(url)
            raise URLFetchingError(f"scorer does not fetch {url!r}: reports only use their own templates and fonts")

    return SafeFetcher()


class PdfEngineMissing(Exception):
    """WeasyPrint is installed but cannot load its system libraries (Pango, GObject: a Windows machine
    without MSYS2's Pango, a Linux one without libpango). Carries what the loader said."""


def load_weasyprint():
    """`weasyprint.HTML`, or PdfEngineMissing when its libraries cannot be loaded (OSError from cffi's dlopen)."""
    try:
        from weasyprint import HTML
    except (OSError, ImportError) as exc:
        raise PdfEngineMissing(f"{type(exc).__name__}: {exc}".splitlines()[0]) from exc
    return HTML


def write_pdf(model: dict, out: Path) -> RenderLog:
    """Render the report to `out` atomically: a failed run leaves any earlier report untouched.

    Raises PdfEngineMissing when WeasyPrint cannot load Pango (see `scorer.pipeline.report`, which
    then writes the HTML report instead).
    """
    HTML = load_weasyprint()
    html = render_html(model)
    log = RenderLog()
    handler = _Collector(log)
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        document = HTML(string=html, base_url=str(templates_dir()), url_fetcher=_safe_fetcher(log))
        pdf = document.write_pdf(pdf_identifier=b"scorer", uncompressed_pdf=False,
                                 custom_metadata=True)
    finally:
        logger.removeHandler(handler)
    write_atomic(out, pdf)
    return log


