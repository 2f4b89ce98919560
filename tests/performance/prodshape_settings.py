"""Production settings for the production-shape test (tests/performance/test_production_shape.py).

`bench.settings` (config.settings.production plus the bare /bench/bare/ view) with one change a test needs: emails
are written as files into PRODSHAPE_EMAIL_DIR, so the test can read what the task worker delivered.
"""

import os

from bench.settings import *  # noqa: F403

EMAIL_FILE_PATH = os.environ["PRODSHAPE_EMAIL_DIR"]
