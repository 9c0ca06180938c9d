"""sendmessage (non-proxy integration): the event is what the mapping template rendered, with the
client's frame as the string `body`. Answers the sender through the @connections API, at the
public execute-api endpoint built the way the published sample builds it."""

import json
import os

import boto3

REPLY = "good job on deploying this template, keep slaying!!"

dynamodb = boto3.client("dynamodb")
_gateway = None


def gateway():
    """The @connections client, made once per instance."""
    global _gateway
    if _gateway is None:
        _gateway = boto3.client(
            "apigatewaymanagementapi",
            endpoint_url=f"https://{os.environ['API_ID']}.execute-api.{os.environ['AWS_REGION']}.amazonaws.com/{os.environ['STAGE']}",
        )
    return _gateway


def handler(event, context):
    message = json.loads(event["body"])
    sender = event["requestContext"]["connectionId"]

    connections = []
    for page in dynamodb.get_paginator("scan").paginate(TableName=os.environ["TABLE_NAME"], ProjectionExpression="connectionId"):
        connections.extend(item["connectionId"]["S"] for item in page["Items"])
    print(f"{len(connections)} open connection(s); {sender} sent {message.get('message')!r}")

    try:
        gateway().post_to_connection(ConnectionId=sender, Data=REPLY.encode("utf-8"))
    except gateway().exceptions.GoneException:
        # The sender left meanwhile: drop its stale id.
        dynamodb.delete_item(TableName=os.environ["TABLE_NAME"], Key={"connectionId": {"S": sender}})
        return {"statusCode": 410, "body": "Connection gone."}
    return {"statusCode": 200, "body": "Data sent."}
