"""REQUEST authorizer for $connect: lets the connection in when its `token` header is `hello`."""


def handler(event, context):
    headers = {name.lower(): value for name, value in (event.get("headers") or {}).items()}
    if headers.get("token") == "hello":
        return {
            "principalId": "me",
            "policyDocument": {
                "Version": "2012-10-17",
                "Statement": [{
                    "Action": "execute-api:Invoke",
                    "Effect": "Allow",
                    "Resource": event["methodArn"],
                }],
            },
        }
    # API Gateway answers 401 when a Lambda authorizer fails with exactly this message.
    raise Exception("Unauthorized")
