import sys

from lrviz.cli import main

sys.exit(main())
