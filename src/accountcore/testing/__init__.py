"""Test support for accountcore and for the applications that embed it.

``accountcore.testing`` needs Hypothesis and pytest: install the
``testing`` extra (``pip install accountcore[testing]``).
Each domain module has its strategies here, in a module of the same name
(:mod:`accountcore.testing.money` for money and periods, …).
"""
