"""Swappable methods of the scoring pipeline: plain functions found by name, with parameters."""


class NumpyWhenUsed:
    """numpy, imported when a method first uses it: `np = NumpyWhenUsed(globals())` at the top of a methods module.

    Loading a framework checks its method choices against the methods' signatures
    (scorer.framework.method_params): that imports these modules, but runs none of their code, and
    `scorer ingest` or `scorer validate` never need numpy for it (issue 17: numpy was ~200 ms of a
    600 ms `ingest`). The first attribute looked up imports numpy and puts it in the module's
    namespace in this object's place, so later uses go straight to numpy.
    """

    def __init__(self, namespace: dict) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str):
        import numpy

        self._namespace["np"] = numpy
        return getattr(numpy, name)
