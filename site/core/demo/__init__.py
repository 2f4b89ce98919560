"""Demo data: the core partnership, then whatever each feature app adds.

A feature app registers its loader in its AppConfig.ready():

    from core import demo
    demo.register("meetings", "meetings.demo.load", after=["partnership"])

A loader takes `stdout` (a writer or None) and must be idempotent: `load_demo_data` runs on every `make run`.
"""

from dataclasses import dataclass, field

from django.utils.module_loading import import_string


@dataclass(frozen=True)
class DemoLoader:
    name: str
    path: str
    after: list = field(default_factory=list)


_loaders: dict[str, DemoLoader] = {}


def register(name, path, *, after=()):
    _loaders[name] = DemoLoader(name=name, path=path, after=list(after))


def ordered_loaders():
    """Loaders in an order that respects `after` (a loader runs once those it names have run)."""
    done, order = set(), []

    def visit(loader, trail=()):
        if loader.name in done:
            return
        if loader.name in trail:
            raise ValueError(f"Demo loaders depend on each other in a circle: {' -> '.join(trail)}")
        for name in loader.after:
            if name in _loaders:
                visit(_loaders[name], (*trail, loader.name))
        done.add(loader.name)
        order.append(loader)

    for loader in sorted(_loaders.values(), key=lambda item: item.name):
        visit(loader)
    return order


def load_all(*, stdout=None):
    from core.demo.loader import load_demo_data

    home = load_demo_data(stdout=stdout)
    for loader in ordered_loaders():
        if stdout:
            stdout.write(f"-- {loader.name}")
        import_string(loader.path)(stdout=stdout)
    return home
