"""An authorizer that denies: API Gateway answers 401 when the error message is exactly "Unauthorized"."""


def handler(event, context):
    raise Exception("Unauthorized")
