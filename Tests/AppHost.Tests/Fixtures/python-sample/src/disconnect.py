"""$disconnect: forgets the connection id."""

import os

import boto3

dynamodb = boto3.client("dynamodb")


def handler(event, context):
    connection_id = event["requestContext"]["connectionId"]
    try:
        dynamodb.delete_item(TableName=os.environ["TABLE_NAME"], Key={"connectionId": {"S": connection_id}})
    except Exception as error:  # noqa: BLE001
        print(f"Failed to remove connection {connection_id}: {error}")
        return {"statusCode": 500, "body": f"Failed to disconnect: {error}"}
    return {"statusCode": 200, "body": "Disconnected."}
