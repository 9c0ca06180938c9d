"""A handler that fails: Lambda reports {"errorMessage": "bad input", "errorType": "ValueError", ...}."""


def handler(event, context):
    raise ValueError("bad input")
