"""Reached as `pkg/mod.handler` and as `pkg.mod.handler`."""


def handler(event, context):
    return {"module": __name__, "event": event}
