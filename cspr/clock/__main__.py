"""`python -m cspr.clock ...`: the clock's command line without Django (same as `cspr clock ...`)."""

import sys

from .cli import run

if __name__ == "__main__":
    sys.exit(run(sys.argv[1:], sys.stdin, sys.stdout, sys.stderr))
