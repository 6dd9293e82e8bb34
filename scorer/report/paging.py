"""Report pagination after layout: no page holds only the tail of a table that ran over from the page before, and
no category's bar chart goes over to a page without its table's last rows."""

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


def _local(tag) -> str:
    return tag.split("}")[-1] if isinstance(tag, str) else ""


def _classes(element) -> list[str]:
    return (element.get("class") or "").split()


def _pages_of(page_boxes) -> dict[int, set[int]]:
    """Every laid-out element (by id) → the pages (0-based) it has boxes on."""
    pages_of: dict[int, set[int]] = {}
    for number, page in enumerate(page_boxes):
        root = _flow_root(page)
        for box in root.descendants() if root is not None else ():
            if (element := getattr(box, "element", None)) is not None:
                pages_of.setdefault(id(element), set()).add(number)
    return pages_of


def brief_to_tighten(root_element, page_boxes):
    """Page 2's `div.brief` when its box of what is estimated or assumed (`div.assumed`) went over to the next page,
    and the page is not yet set tight (`crowded`, templates/_brief.css): whatever made page 2 longer (a user's rules
    file's rows, a veto to confirm, doubts), the page is set tighter rather than leave its bottom blank and the box on
    page 3 (bt13k F8, F4). None when the box is on the brief's first page, or already tight."""
    brief = next((e for e in root_element.iter() if "brief" in _classes(e)), None)
    box = next((e for e in brief.iter() if "assumed" in _classes(e)), None) if brief is not None else None
    if box is None or "crowded" in _classes(brief):
        return None
    pages_of = _pages_of(page_boxes)
    first, box_pages = pages_of.get(id(brief)), pages_of.get(id(box))
    return brief if first and box_pages and min(box_pages) > min(first) else None


def rows_to_join_chart(root_element, page_boxes) -> list:
    """The row elements that should begin a new page so that a category's bar chart is on the page of its table's
    last rows (bt13 4): for each `div.cat-block` whose `div.chart` begins on a page after the last page of the
    table before it, that table's third row from the end (the last three rows go over with the note and the chart;
    three at least stay behind, since only a table of six rows or more is split: a shorter one is kept whole with
    its chart by report.css). WeasyPrint 70 does not look back into a table for an earlier break when what follows
    it does not fit (find_earlier_page_break skips the table's wrapper box), so the chart, or the chart with the last
    lines of its note, went over alone; this finds it after layout. `root_element` is the document's element tree
    (weasyprint.HTML.etree_element), `page_boxes` the laid-out pages."""
    pages_of: dict[int, set[int]] = {}
    for number, page in enumerate(page_boxes):
        root = _flow_root(page)
        if root is None:
            continue
        for box in root.descendants():
            element = getattr(box, "element", None)
            if element is not None:
                pages_of.setdefault(id(element), set()).add(number)
    found = []
    for block in root_element.iter():
        if "cat-block" not in _classes(block):
            continue
        table = next((c for c in block if _local(c.tag) == "table"), None)
        chart = next((c for c in block if "chart" in _classes(c)), None)
        if table is None or chart is None:
            continue
        rows = [r for group in table if _local(group.tag) == "tbody" for r in group if _local(r.tag) == "tr"]
        table_pages, chart_pages = pages_of.get(id(table)), pages_of.get(id(chart))
        if len(rows) >= 6 and table_pages and chart_pages and min(chart_pages) > max(table_pages) \
                and "break-before: page" not in (rows[-3].get("style") or ""):
            found.append(rows[-3])
    return found


def render_balanced(html_document, **options):
    """`html_document.render(**options)` (a weasyprint.HTML), laid out again while a page holds only the last
    rows of a table that ran over (those rows are joined by rows from the page before), or a category's bar chart
    went over without its table's last rows (`rows_to_join_chart`): a page break is set before the row found, up to
    ROUNDS times. Returns the weasyprint Document."""
    document = html_document.render(**options)
    if (brief := brief_to_tighten(html_document.etree_element, [p._page_box for p in document.pages])) is not None:
        brief.set("class", f"{brief.get('class')} crowded")
        document = html_document.render(**options)
    for _ in range(ROUNDS):
        page_boxes = [p._page_box for p in document.pages]
        rows = rows_to_carry(page_boxes) + rows_to_join_chart(html_document.etree_element, page_boxes)
        if not rows:
            break
        for row in rows:
            row.set("style", f"{row.get('style') or ''}; break-before: page")
        document = html_document.render(**options)
    return document
