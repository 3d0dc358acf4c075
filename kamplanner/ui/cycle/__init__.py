"""The tabs of the planning-cycle panel, one module each; the panel itself is ui/cycle_panel.py."""
