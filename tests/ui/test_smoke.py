def test_window_opens_a_plan(window):
    assert window.document is not None
    for key in ("account", "summary", "strategy", "risks", "objectives", "action_plan", "team", "forecast", "appendix"):
        window.show_section(key)
