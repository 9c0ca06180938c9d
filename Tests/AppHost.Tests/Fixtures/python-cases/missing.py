"""Has no `handler`: `missing.handler` is Runtime.HandlerNotFound ("Handler 'handler' missing on module 'missing'")."""


def not_the_handler(event, context):
    return event
