import random

import pytest

from historiograph.text.nesting import Close, Open, Text, nest


def layout(length, spans, rank=lambda s: ()):
    """Replay the events: check nesting and return each span's fragments."""
    events = nest(length, spans, lambda s: s[:2], rank)
    stack, pos, fragments = [], 0, {}
    for ev in events:
        if isinstance(ev, Text):
            assert ev.start == pos and ev.end > ev.start
            pos = ev.end
            for opened in stack:
                assert opened.start <= ev.start and ev.end <= opened.end
        elif isinstance(ev, Open):
            assert ev.start == pos
            stack.append(ev)
            fragments.setdefault(id(ev.item), []).append(ev)
        else:
            assert isinstance(ev, Close) and stack and stack[-1].item is ev.item
            assert stack.pop().end == pos
    assert not stack and pos == length
    return fragments


def test_nested_spans_stay_whole_and_outer_first():
    spans = [(0, 10, "outer"), (2, 5, "inner"), (2, 5, "same")]
    events = nest(12, spans, lambda s: s[:2], lambda s: (0 if s[2] == "same" else 1,))
    opened = [e.item[2] for e in events if isinstance(e, Open)]
    assert opened == ["outer", "same", "inner"]  # the rank decides between equal spans
    frags = layout(12, spans)
    assert all(len(f) == 1 for f in frags.values())


def test_crossing_spans_are_cut_into_fragments():
    a, b = (0, 6, "a"), (3, 9, "b")
    frags = layout(10, [a, b])
    assert [(f.start, f.end) for f in frags[id(a)]] == [(0, 6)]
    assert [(f.start, f.end, f.fragment, f.fragments) for f in frags[id(b)]] == [(3, 6, 0, 2), (6, 9, 1, 2)]


def test_empty_and_outside_spans_are_left_out():
    assert not [e for e in nest(5, [(2, 2), (4, 9), (-1, 3)], lambda s: s) if isinstance(e, Open)]
    assert nest(0, [], lambda s: s) == []


@pytest.mark.parametrize("seed", range(30))
def test_random_spans_cover_exactly_their_characters(seed):
    rng = random.Random(seed)
    length = rng.randint(1, 60)
    spans = []
    for n in range(rng.randint(0, 25)):
        s = rng.randint(0, length - 1)
        spans.append((s, rng.randint(s + 1, length), n))
    frags = layout(length, spans)
    for span in spans:
        pieces = sorted((f.start, f.end) for f in frags[id(span)])
        assert pieces[0][0] == span[0] and pieces[-1][1] == span[1]
        assert all(x[1] == y[0] for x, y in zip(pieces, pieces[1:]))  # contiguous, no gaps or overlaps
