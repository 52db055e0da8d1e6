"""Work grows linearly with the input (issue 16): lines of our own code executed are counted on
two sizes of the same generated text; a quadratic loop would multiply them by 16, not 4."""

import sys

from historiograph.components import nlp
from historiograph.components.attribution import attribution
from historiograph.components.quotes import QuoteIndex, pair_quotes
from historiograph.model import Document, Section


def lines_run(fn, where: str) -> int:
    count = 0

    def tracer(frame, event, arg):
        nonlocal count
        if frame.f_code.co_filename.endswith(where) or where == "historiograph" and "historiograph" in \
                frame.f_code.co_filename and "site-packages" not in frame.f_code.co_filename:
            if event == "line":
                count += 1
            return tracer
        return None

    sys.settrace(tracer)
    try:
        fn()
    finally:
        sys.settrace(None)
    return count


def test_quote_pairing_is_linear_in_the_number_of_quotation_marks():
    def run(n):
        text = " ".join("“a “b" if i % 3 else "c” »d«" for i in range(n))  # unbalanced, mismatched, deep
        return lines_run(lambda: QuoteIndex(pair_quotes(text)).holding(len(text) // 2), "quotes.py")

    small, large = run(2_000), run(8_000)
    assert large < 5 * small, (small, large)


def smith(n: int) -> Document:
    text = "\n".join(f"Smith said “quote {i} is here” and left." for i in range(n))
    return Document(text=text).with_layers({"sections": [Section(spans=((0, len(text)),), kind="body",
                                                                 component="test", version="1")]})


def test_attribution_on_many_quoted_lines_is_linear():
    nlp.analysis(smith(5)).parse([(0, 10)])  # load the model outside the count

    def run(n):
        doc = smith(n)
        nlp.clear_cache()
        nlp.analysis(doc).parse([(0, len(doc.text))])  # the parse is spaCy's; the count is ours
        return lines_run(lambda: attribution.__wrapped__(doc) if hasattr(attribution, "__wrapped__") else
                         attribution(doc), "historiograph")

    small, large = run(100), run(400)
    assert large < 5 * small, (small, large)
    assert len(attribution(smith(50))["attributions"]) == 50
