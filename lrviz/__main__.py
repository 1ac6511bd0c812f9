import sys

from lrviz.cli import main

if __name__ == "__main__":  # the training process (spawned) imports this module again
    sys.exit(main())
