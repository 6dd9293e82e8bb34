"""Report pagination after layout: no page holds only the tail of a table that ran over from the page before."""

from __future__ import annotations

# A page filled below SHORT of its content box by the last rows of a table (the report's last page held one
# row of the data appendix) takes rows over from the page before until it is filled to AIM: the page
# before stays full to three quarters at least, since the table had filled it to the bottom.
SHORT, AIM = 0.25, 0.3
ROUNDS = 3  # each round moves one table's rows; the report has a few tables that can run over a page


def _boxes():
    from weasyprint.formatting_structure import boxes

    return boxes


def _flow_root(page_box):
    """The page's document content (its `html` box), without the margin boxes of the running header/footer."""
    boxes = _boxes()
    return next((b for b in page_box.children if not isinstance(b, boxes.MarginBox)), None)


def page_fill(page_box) -> float:
    """How far down its content box the page's text and images reach, 0–1 (0: nothing on it)."""
    boxes = _boxes()
    root = _flow_root(page_box)
    if root is None:
        return 0.0
    top, height = page_box.content_box_y(), page_box.height
    bottoms = [b.position_y + b.margin_height() for b in root.descendants()
               if isinstance(b, (boxes.TextBox, boxes.ReplacedBox)) and (not isinstance(b, boxes.TextBox) or b.text.strip())]
    return max(0.0, (max(bottoms) - top) / height) if bottoms else 0.0


def _body_rows(page_box) -> dict[int, list]:
    """The table body rows laid out on the page, by their row group's element (a table split over pages
    has one row group box a page, all from the same `tbody` element); repeated headers left out."""
    boxes = _boxes()
    root = _flow_root(page_box)
    groups: dict[int, list] = {}
    if root is None:
        return groups
    for box in root.descendants():
        if isinstance(box, boxes.TableRowGroupBox) and not (box.is_header or box.is_footer) and box.children:
            groups.setdefault(id(box.element), []).extend(box.children)
    return groups


def rows_to_carry(page_boxes) -> list:
    """The row elements that should begin a new page so that no page is only a table's short tail: for each
    page filled below SHORT whose first table continues from the page before, the row of that page before
    from which the rows reach AIM on the short page (one row at least stays behind)."""
    found = []
    for before, page in zip(page_boxes, page_boxes[1:]):
        fill = page_fill(page)
        if fill >= SHORT:
            continue
        rows_here = _body_rows(page)
        if not rows_here:
            continue
        group = next(iter(rows_here))
        rows_before = _body_rows(before).get(group, [])
        if len(rows_before) < 2:
            continue
        need, carried, k = (AIM - fill) * page.height, 0.0, len(rows_before)
        while k > 1 and carried < need:
            k -= 1
            carried += rows_before[k].margin_height()
        found.append(rows_before[k].element)
    return found


def render_balanced(html_document, **options):
    """`html_document.render(**options)` (a weasyprint.HTML), laid out again while a page holds only the last
    rows of a table that ran over: those rows are joined by rows from the page before (a page break set
    before the first of them), up to ROUNDS times. Returns the weasyprint Document."""
    document = html_document.render(**options)
    for _ in range(ROUNDS):
        rows = rows_to_carry([p._page_box for p in document.pages])
        if not rows:
            break
        for row in rows:
            row.set("style", f"{row.get('style') or ''}; break-before: page")
        document = html_document.render(**options)
    return document
