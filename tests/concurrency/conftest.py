import threading

import pytest
from django.db import connections


def run_together(count, work):
    """Run `work(i)` in `count` threads released at the same instant; return results (or exceptions) in order.

    Each thread has its own database connection, as each web worker would, and closes it when done.
    """
    barrier = threading.Barrier(count)
    results = [None] * count

    def runner(i):
        try:
            barrier.wait(timeout=10)
            results[i] = work(i)
        except Exception as exc:
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=runner, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.fixture
def together():
    return run_together
