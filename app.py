"""Open the lrviz window: ``python app.py`` (the same as ``lrviz`` with no command)."""

import sys

from lrviz.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
