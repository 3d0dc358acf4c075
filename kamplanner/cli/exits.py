"""The command line's exit codes, the one list of them, and the errors that end a command with one."""

from __future__ import annotations

OK = 0  # done
FAILED = 1  # it could not be done: no such plan, a conflict, a refused move, a failed write, a bug
BAD_INPUT = 2  # the user's input is wrong: usage, a bad value, a broken plan file, not a PDF, a refused actor
INTERRUPTED = 130  # Ctrl-C (128 + SIGINT)
BROKEN_PIPE = 141  # the reader of standard output went away (128 + SIGPIPE, as a shell reports it)

# Shown at the end of `kamplanner --help`; the README's table says the same.
HELP = f"""\
exit codes:
  {OK:<4} done
  {FAILED:<4} could not be done: no such plan, a conflict with another change, a refused move,
       a database that cannot be opened, a file that cannot be written, a PDF not verified,
       a bug (its traceback goes to the log)
  {BAD_INPUT:<4} bad input: wrong usage, a bad value or database URL, a broken plan file, not a PDF,
       a change the --as role may not make; no display to open the app on
  {INTERRUPTED:<4} interrupted (Ctrl-C)
  {BROKEN_PIPE:<4} the reader of standard output went away"""


class CommandError(Exception):
    """A command stops: its message is printed in one line and the process ends with ``code``."""

    def __init__(self, message: str, code: int = FAILED):
        super().__init__(message)
        self.code = code


class UsageProblem(CommandError):
    """An argument argparse could not check alone (KEY=VALUE pairs, a file that is not there)."""

    def __init__(self, message: str):
        super().__init__(message, BAD_INPUT)
