"""The load test's own logic (no server): unique questions and the API-vs-Gradio summary lines."""

from tools.loadtest import Phase, _ratios, sustained


def _recording_call(seen):
    def call(client, question, phase, lock):
        with lock:
            seen.append(question)
            phase.latencies_ms.append(1.0)

    return call


def test_unique_questions_never_repeat_and_plain_ones_cycle():
    for unique in (True, False):
        seen = []
        sustained("http://127.0.0.1:1/", 2, 5.0, 40, ["甲", "乙"], make_client=lambda url: None,
                  call=_recording_call(seen), unique=unique)
        assert len(seen) == 40
        assert (len(set(seen)) == 40) if unique else (set(seen) == {"甲", "乙"})


def test_ratio_lines_compare_the_api_with_gradio_at_each_client_count():
    phases = [Phase("POST /api/ask x4 clients", [10.0] * 30, [], 1.0), Phase("gradio /chat x4 clients", [50.0] * 10, [], 1.0),
              Phase("POST /api/ask x32 clients", [20.0] * 90, ["HTTP 500"], 1.0), Phase("gradio /chat x32 clients", [], [], 1.0)]
    lines = _ratios(phases)
    assert lines[0] == "4 clients: API p95 10.0 ms, 30.0 req/s = 3.0x Gradio (10.0 req/s), errors 0 + 0"
    assert lines[1].startswith("32 clients: API p95 20.0 ms, 90.0 req/s = n/a Gradio (0.0 req/s), errors 1 + 0")
