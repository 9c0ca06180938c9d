"""Does not compile: `broken.handler` is Runtime.UserCodeSyntaxError."""


def handler(event, context)
    return event
