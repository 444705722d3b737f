"""Facilitator mode: project a day of the program to a room.

Plain Python first, Textual last. ``deck`` turns a program's module into slides (check-in, ground rules,
the steps, a closing round); ``timer`` is the countdown, ``agenda`` compares time spent with the plan,
``sync`` carries the presenter's state to the notes window, ``handouts`` writes the facilitator guide and
the participant handout. ``app`` and ``widgets`` are the thin Textual layer over them; only they import
Textual. Nothing here reads or shows anyone's journal.
"""
